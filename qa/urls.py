"""Q&A API routes, mounted at /api/v2/qa/ by settings.urls."""

from django.urls import path

from qa.api import PetitionCreateView, PetitionTrackView
from qa.api_dms import DmsAnswerView

urlpatterns = [
    path("dms/answers/", DmsAnswerView.as_view(), name="qa-dms-answers"),
    path("questions/", PetitionCreateView.as_view(), name="qa-questions"),
    path("questions/<str:code>/", PetitionTrackView.as_view(), name="qa-question-detail"),
]
