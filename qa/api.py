"""Public Q&A API under /api/v2/qa/: send a question, follow it by its tracking code.

Honeypot: a request with ``website`` filled gets the same 201 response as a real
submission, with a code that was never stored, so a robot learns nothing to adapt
to; a person never sees the field. Refusals (Điều 13) are 400 with a message per
field, in Vietnamese unless the request asks for English (Accept-Language: en).
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response
from wagtail.models import Site

from intake.api import IntakeCreateView, IntakeRefused
# Moved to intake; remove after merge (re-exported for branches written against qa's engine).
from intake.api import PublicAPIView  # noqa: F401
from qa.models import PetitionStatus
from qa.models.petitions import tracking_code_new
from qa.ratelimit import submission_rate_check
from qa.rules import ANSWER_WORKING_DAYS, DEFAULT_COMPETENCE, MESSAGE_AGENCY_MISSING, MESSAGE_RATE_LIMITED
from qa.selectors import petition_by_tracking_code
from qa.serializers import (
    MESSAGE_NOT_FOUND,
    MESSAGE_RECEIVED,
    DetailSerializer,
    PetitionReceiptSerializer,
    PetitionSubmitSerializer,
    PetitionTrackingSerializer,
)
from qa.services import SENDER_FIELDS, PetitionNotAccepted, PetitionNotReceived, petition_submit
from security.unavailable import RETRY_AFTER_SECONDS
from tenants.selectors import unit_for_site
from workdays.calendar import due_date_for

MESSAGE_NOT_AN_OBJECT = _("Send the question as one JSON object with the fields named in the documentation.")


def _receipt(*, tracking_code, received_at, due_date, agency_slug) -> dict:
    return PetitionReceiptSerializer(
        {
            "tracking_code": tracking_code,
            "status": PetitionStatus.RECEIVED,
            "received_at": received_at,
            "due_date": due_date,
            "agency": agency_slug,
            "message": str(MESSAGE_RECEIVED),
        }
    ).data


class PetitionCreateView(IntakeCreateView):
    parser_classes = [JSONParser, MultiPartParser]
    submit_serializer_class = PetitionSubmitSerializer
    rate_limited_message = MESSAGE_RATE_LIMITED
    not_an_object_message = MESSAGE_NOT_AN_OBJECT
    intake_name = "Q&A"

    @staticmethod
    def portal_unit_slug(request) -> str:
        unit = unit_for_site(site=Site.find_for_request(request))
        return unit.slug if unit else ""

    @extend_schema(
        operation_id="qa_questions_create",
        summary="Send a question or petition (Điều 13)",
        request=PetitionSubmitSerializer,
        responses={
            201: PetitionReceiptSerializer,
            400: OpenApiResponse(description="Refused: an object of field name → list of messages."),
            429: OpenApiResponse(DetailSerializer, description="Too many submissions from this address."),
            503: OpenApiResponse(
                DetailSerializer, description="Not received (database or file storage unavailable); send again later."
            ),
        },
        tags=["Q&A"],
    )
    def post(self, request):
        return self.intake_post(request)

    def intake_rate_check(self, request):
        return submission_rate_check(request)

    def intake_robot_receipt(self, request, target) -> dict:
        now = timezone.now()
        return _receipt(
            tracking_code=tracking_code_new(),
            received_at=now,
            due_date=due_date_for(now, ANSWER_WORKING_DAYS[DEFAULT_COMPETENCE]),
            agency_slug=str(request.data.get("agency") or "") or self.portal_unit_slug(request),
        )

    def intake_submit(self, request, target, serializer):
        data = serializer.validated_data
        agency = data["agency"] or unit_for_site(site=Site.find_for_request(request))
        if agency is None:
            raise IntakeRefused({"agency": [str(MESSAGE_AGENCY_MISSING)]}, status=status.HTTP_400_BAD_REQUEST)
        try:
            return petition_submit(
                agency=agency, attachments=data["attachments"], **{name: data[name] for name in SENDER_FIELDS}
            )
        except PetitionNotAccepted as error:  # e.g. the portal is archived (issue #21)
            raise IntakeRefused({"detail": " ".join(error.messages)}, status=status.HTTP_403_FORBIDDEN) from error
        except PetitionNotReceived as error:
            raise IntakeRefused.detail(
                error.message, status=status.HTTP_503_SERVICE_UNAVAILABLE,
                headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
            ) from error

    def intake_receipt(self, request, target, petition) -> dict:
        return _receipt(
            tracking_code=petition.tracking_code,
            received_at=petition.received_at,
            due_date=petition.due_date,
            agency_slug=petition.agency.slug,
        )


class PetitionTrackView(PublicAPIView):
    @extend_schema(
        operation_id="qa_questions_retrieve",
        summary="Follow a question by its tracking code",
        responses={200: PetitionTrackingSerializer, 404: DetailSerializer},
        tags=["Q&A"],
    )
    def get(self, request, code: str):
        petition = petition_by_tracking_code(code=code)
        if petition is None:
            return Response({"detail": str(MESSAGE_NOT_FOUND)}, status=status.HTTP_404_NOT_FOUND)
        return Response(PetitionTrackingSerializer(petition).data)
