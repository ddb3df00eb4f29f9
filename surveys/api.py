"""Public survey API under /api/v2/surveys/: read a questionnaire, send a response.

The same rules as the portal page: answers only while the survey is open, one
response per session (the API keeps Django's session cookie, so a browser front end
sending credentials is held to it), a per-IP limit and a honeypot. 409 when the
survey is closed, not open yet or already answered from this session; 400 with a
message per question when an answer is refused.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from intake.api import IntakeCreateView, IntakeRefused, PublicAPIView
from intake.serializers import DetailSerializer
from surveys.models import SurveyPage
from surveys.public import session_key_ensure, session_mark_answered
from surveys.ratelimit import client_ip, response_rate_check
from surveys.rules import MESSAGE_RATE_LIMITED, MESSAGE_THANKS
from surveys.serializers import (
    AnswerErrorsSerializer,
    SurveyResponseReceiptSerializer,
    SurveyResponseSubmitSerializer,
    SurveySerializer,
)
from surveys.services import SurveyAlreadyAnswered, SurveyRefused, survey_open_check, survey_response_submit


def published_survey(page_id: int) -> SurveyPage:
    """A live survey anyone may read (no view restriction), or 404."""
    return get_object_or_404(SurveyPage.objects.live().public().prefetch_related("questions"), pk=page_id)


def _receipt(submitted_at) -> dict:
    return SurveyResponseReceiptSerializer({"submitted_at": submitted_at, "message": str(MESSAGE_THANKS)}).data


class SurveyDetailView(PublicAPIView):
    @extend_schema(
        operation_id="surveys_retrieve",
        summary="A survey's questionnaire and whether it takes answers (Điều 8.2.đ)",
        responses={200: SurveySerializer, 404: DetailSerializer},
        tags=["Surveys"],
    )
    def get(self, request, page_id: int):
        page = published_survey(page_id)
        return Response(SurveySerializer(page).data)


class SurveyResponseCreateView(IntakeCreateView):
    parser_classes = [JSONParser]
    submit_serializer_class = SurveyResponseSubmitSerializer
    rate_limited_message = MESSAGE_RATE_LIMITED
    intake_name = "Survey"

    def intake_target(self, request, *, page_id):
        return published_survey(page_id)

    def intake_rate_check(self, request):
        return response_rate_check(request)

    def intake_robot_receipt(self, request, page) -> dict:
        return _receipt(timezone.now())

    def intake_check(self, request, page) -> None:
        try:
            # A closed survey is refused as such, whatever the payload holds.
            survey_open_check(page=page)
        except SurveyRefused as refused:
            raise IntakeRefused.detail(refused.message, status=status.HTTP_409_CONFLICT) from refused

    def intake_submit(self, request, page, serializer):
        try:
            return survey_response_submit(
                page=page,
                answers=serializer.raw_answers(),
                session_key=session_key_ensure(request),
                client_ip=client_ip(request),
            )
        except SurveyAlreadyAnswered as refused:
            session_mark_answered(request, page)
            raise IntakeRefused.detail(refused.message, status=status.HTTP_409_CONFLICT) from refused
        except SurveyRefused as refused:
            raise IntakeRefused.detail(refused.message, status=status.HTTP_409_CONFLICT) from refused
        except ValidationError as error:
            raise IntakeRefused({"answers": error.message_dict}, status=status.HTTP_400_BAD_REQUEST) from error

    def intake_receipt(self, request, page, response) -> dict:
        session_mark_answered(request, page)
        return _receipt(response.submitted_at)

    @extend_schema(
        operation_id="surveys_responses_create",
        summary="Answer a survey",
        request=SurveyResponseSubmitSerializer,
        responses={
            201: SurveyResponseReceiptSerializer,
            400: OpenApiResponse(AnswerErrorsSerializer, description="Refused answers, with a message per question."),
            404: DetailSerializer,
            409: OpenApiResponse(DetailSerializer, description="Not open yet, closed, or already answered."),
            429: OpenApiResponse(DetailSerializer, description="Too many responses from this address."),
        },
        tags=["Surveys"],
    )
    def post(self, request, page_id: int):
        return self.intake_post(request, page_id=page_id)
