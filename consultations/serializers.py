"""API shapes of consultation comments. Nothing here carries a commenter's e-mail or phone."""

from rest_framework import serializers

from consultations.models import CommentStatus, ConsultationComment
from vietnamese.validators import validate_vietnamese_text


def _text(max_length: int, help_text: str) -> serializers.CharField:
    # Not "required": consultations.rules gives the messages, identical to the portal form's.
    return serializers.CharField(
        max_length=max_length,
        required=False,
        allow_blank=True,
        default="",
        help_text=help_text,
        validators=[validate_vietnamese_text],
    )


class CommentSubmitSerializer(serializers.Serializer):
    commenter_name = _text(200, "Commenter's full name (required); published with the comment.")
    commenter_email = _text(254, "E-mail; an e-mail or a phone is required. Never published.")
    commenter_phone = _text(20, "Phone; an e-mail or a phone is required. Never published.")
    organisation = _text(255, "Organisation the commenter speaks for (optional); published.")
    content = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="The comment on the draft (required).",
        validators=[validate_vietnamese_text],
    )
    website = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Honeypot for robots: must be left empty. When filled, the response looks "
        "like a success but nothing is stored.",
    )


class CommentReceiptSerializer(serializers.Serializer):
    consultation = serializers.IntegerField(help_text="Page id of the consultation.")
    status = serializers.ChoiceField(choices=CommentStatus.choices)
    received_at = serializers.DateTimeField()
    message = serializers.CharField()


class PublishedCommentSerializer(serializers.ModelSerializer):
    class Meta:
        model = ConsultationComment
        fields = ["id", "commenter_name", "organisation", "content", "created_at"]


class ConsultationSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    draft_name = serializers.CharField()
    comment_deadline = serializers.DateTimeField()
    is_open = serializers.BooleanField()


class CommentListSerializer(serializers.Serializer):
    consultation = ConsultationSummarySerializer()
    count = serializers.IntegerField()
    results = PublishedCommentSerializer(many=True)


class ClosedSerializer(serializers.Serializer):
    detail = serializers.CharField()
    comment_deadline = serializers.DateTimeField()
