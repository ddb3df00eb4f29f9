"""Translations API routes, mounted at /api/v2/translations/ by settings.urls."""

from django.urls import path

from translations.api import AnswerTranslationListView, TranslationTaskListView

urlpatterns = [
    path("", TranslationTaskListView.as_view(), name="translations-list"),
    path("answers/", AnswerTranslationListView.as_view(), name="translations-answers-list"),
]
