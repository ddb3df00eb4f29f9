"""API shapes of consultation comments. Nothing here carries a commenter's e-mail or phone."""

from rest_framework import serializers

from consultations.models import CommentStatus, ConsultationComment
from intake.honeypot import honeypot_serializer_field
from intake.serializers import optional_text


class CommentSubmitSerializer(serializers.Serializer):
    # Text fields are not "required": consultations.rules gives the messages, identical
    # to the portal form's.
    commenter_name = optional_text(200, "Commenter's full name (required); published with the comment.")
    commenter_email = optional_text(254, "E-mail; an e-mail or a phone is required. Never published.")
    commenter_phone = optional_text(20, "Phone; an e-mail or a phone is required. Never published.")
    organisation = optional_text(255, "Organisation the commenter speaks for (optional); published.")
    content = optional_text(None, "The comment on the draft (required).")
    website = honeypot_serializer_field()


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
