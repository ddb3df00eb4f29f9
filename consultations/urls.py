"""Consultation comment routes, mounted at /api/v2/consultations/ by settings.urls."""

from django.urls import path

from consultations.api import ConsultationCommentsView

urlpatterns = [
    path("<id:page_id>/comments/", ConsultationCommentsView.as_view(), name="consultations-comments"),
]
