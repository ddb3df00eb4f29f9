"""API routes, mounted at /api/v2/information-requests/ by settings.urls."""

from django.urls import path

from information_requests.api import InformationRequestCreateView, InformationRequestLookupView

urlpatterns = [
    path("", InformationRequestCreateView.as_view(), name="information-requests"),
    path("lookup/", InformationRequestLookupView.as_view(), name="information-requests-lookup"),
]
