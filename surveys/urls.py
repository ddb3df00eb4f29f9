"""Survey API routes, mounted at /api/v2/surveys/ by settings.urls."""

from django.urls import path

from surveys.api import SurveyDetailView, SurveyResponseCreateView

urlpatterns = [
    path("<id:page_id>/", SurveyDetailView.as_view(), name="surveys-detail"),
    path("<id:page_id>/responses/", SurveyResponseCreateView.as_view(), name="surveys-responses"),
]
