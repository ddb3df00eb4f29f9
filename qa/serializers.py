"""API shapes of Q&A. The tracking view never carries the sender's personal data."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from intake.agency import agency_for_slug
from intake.honeypot import honeypot_serializer_field
# DetailSerializer moved to intake; remove after merge (re-exported for branches written
# against qa's engine). Text fields: not "required", the rules of Điều 13 give the messages.
from intake.serializers import DetailSerializer, optional_text  # noqa: F401
from intake.serializers import IntakeRulesMixin, agency_field
from qa.models import Petition, PetitionStatus
from qa.rules import (
    ATTACHMENT_MAX_COUNT,
    INTAKE_FIELDS,
    MESSAGE_AGENCY_UNKNOWN,
    attachment_errors,
    petition_intake_errors,
)
from tenants.models import Unit


class FlatListField(serializers.ListField):
    """A list field whose item errors come as one list of messages, like every other field's
    (DRF keys them by item index, which a form cannot show beside the field)."""

    def run_child_validation(self, data):
        try:
            return super().run_child_validation(data)
        except serializers.ValidationError as exc:
            details = exc.detail.values() if isinstance(exc.detail, dict) else [exc.detail]
            messages = [str(m) for detail in details for m in (detail if isinstance(detail, list) else [detail])]
            raise serializers.ValidationError(list(dict.fromkeys(messages))) from exc


class PetitionSubmitSerializer(IntakeRulesMixin, serializers.Serializer):
    intake_fields = INTAKE_FIELDS
    intake_errors = staticmethod(petition_intake_errors)

    sender_name = optional_text(200, "Sender's full name (required).")
    sender_address = optional_text(300, "Sender's address (required).")
    sender_phone = optional_text(20, "Phone; a phone or an e-mail is required.")
    sender_email = optional_text(254, "E-mail; a phone or an e-mail is required.")
    subject = optional_text(255, "Subject (required).")
    content = optional_text(20_000, "The question, long enough to be understood.")
    field = optional_text(100, "Area of the question, e.g. land, justice.")
    agency = agency_field("Slug of the receiving unit; by default the unit owning the portal the request is sent to.")
    anonymous = serializers.BooleanField(required=False, default=False, help_text="Do not name the sender publicly.")
    website = honeypot_serializer_field()
    attachments = FlatListField(
        child=serializers.FileField(),
        required=False,
        default=list,
        max_length=ATTACHMENT_MAX_COUNT,
        help_text="Optional files (multipart requests only).",
    )

    def validate_agency(self, value: str) -> Unit | None:
        unit = agency_for_slug(value)
        if value and unit is None:
            raise serializers.ValidationError(str(MESSAGE_AGENCY_UNKNOWN))
        return unit

    def validate_attachments(self, files):
        if problems := attachment_errors(files):
            raise serializers.ValidationError(problems)
        return files


class PetitionReceiptSerializer(serializers.Serializer):
    tracking_code = serializers.CharField()
    status = serializers.ChoiceField(choices=PetitionStatus.choices)
    received_at = serializers.DateTimeField()
    due_date = serializers.DateField()
    agency = serializers.SlugField(help_text="Slug of the receiving unit.")
    message = serializers.CharField()


class AgencySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class PetitionTrackingSerializer(serializers.ModelSerializer):
    """Status of one petition for whoever holds its code; the answer once published."""

    status_label = serializers.CharField(source="get_status_display")
    agency = AgencySerializer()
    subject = serializers.SerializerMethodField()
    answer = serializers.SerializerMethodField()
    answered_by_name = serializers.SerializerMethodField()
    answered_at = serializers.SerializerMethodField()

    class Meta:
        model = Petition
        fields = [
            "tracking_code",
            "status",
            "status_label",
            "agency",
            "subject",
            "field",
            "received_at",
            "due_date",
            "answer",
            "answered_by_name",
            "answered_at",
            "published_at",
        ]

    def _published(self, petition) -> bool:
        return petition.status == PetitionStatus.PUBLISHED

    @extend_schema_field(serializers.CharField())
    def get_subject(self, petition):
        # In English for an English reader once the answer's translation is published (Điều 8.2.d).
        return petition.shown_in(translation.get_language())[0] if self._published(petition) else petition.subject

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_answer(self, petition):
        return petition.shown_in(translation.get_language())[1] if self._published(petition) else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_answered_by_name(self, petition):
        return petition.shown_signature(translation.get_language()) if self._published(petition) else None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_answered_at(self, petition):
        if not self._published(petition):
            return None
        return serializers.DateTimeField().to_representation(petition.answered_at)


MESSAGE_RECEIVED = _("Your question has been received. Keep the tracking code to follow it.")
MESSAGE_NOT_FOUND = _("No question has this tracking code.")


class DmsAnswerSerializer(serializers.Serializer):
    """The answer the document-management system posts back (docs/DMS.md)."""

    tracking_code = serializers.CharField(max_length=20, help_text="The petition's tracking code.")
    answer = serializers.CharField(max_length=50_000, help_text="The answer's text.")
    answered_by_name = serializers.CharField(max_length=200, help_text="The leader who gave the answer.")
    answered_at = serializers.DateTimeField(help_text="When the leader answered (ISO 8601 with offset).")


class DmsAnswerReceiptSerializer(serializers.Serializer):
    tracking_code = serializers.CharField()
    status = serializers.ChoiceField(choices=PetitionStatus.choices)
    answered_at = serializers.DateTimeField()
    recorded = serializers.BooleanField(help_text="False when the same answer had already been recorded.")
