"""Serializers of the translations API."""

from rest_framework import serializers

from translations.models import TranslationTaskStatus


class TranslationTaskSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    portal = serializers.CharField(source="unit.slug")
    page_id = serializers.IntegerField(source="source_page_id")
    title = serializers.CharField(source="source_page.title")
    locale = serializers.CharField(source="locale.language_code")
    published_at = serializers.DateTimeField()
    source_updated_at = serializers.DateTimeField()
    due_date = serializers.DateField()
    completed_at = serializers.DateTimeField(allow_null=True)
    status = serializers.ChoiceField(choices=TranslationTaskStatus.choices, source="current_status")
    on_time = serializers.BooleanField(allow_null=True)


class TranslationTaskListSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = TranslationTaskSerializer(many=True)


class AnswerTranslationSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    portal = serializers.CharField(source="unit.slug")
    tracking_code = serializers.CharField(source="petition.tracking_code")
    subject = serializers.CharField(source="petition.subject")
    locale = serializers.CharField(source="locale.language_code")
    published_at = serializers.DateTimeField()
    due_date = serializers.DateField()
    completed_at = serializers.DateTimeField(allow_null=True)
    status = serializers.ChoiceField(choices=TranslationTaskStatus.choices, source="current_status")
    on_time = serializers.BooleanField(allow_null=True)


class AnswerTranslationListSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = AnswerTranslationSerializer(many=True)
