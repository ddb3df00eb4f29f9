"""Consultation comments in the public API: /api/v2/consultations/<page id>/comments/.

GET lists the published comments of a consultation of the portal the request is sent
to (by Host, like the pages API: another portal's consultation is a 404); POST sends
one, refused with 409 once the comment deadline has passed, 400 with a message per
field (Vietnamese unless Accept-Language asks for English), 429 past the per-IP
limit. A filled honeypot gets a 201 that stores nothing (``intake.api``).
"""

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.response import Response

from consultations.models import CommentStatus
from consultations.ratelimit import client_ip_hash, comment_rate_check
from consultations.rules import MESSAGE_NOT_FOUND, MESSAGE_RATE_LIMITED, MESSAGE_RECEIVED
from consultations.selectors import comments_published, consultation_for_request
from consultations.serializers import (
    ClosedSerializer,
    CommentListSerializer,
    CommentReceiptSerializer,
    CommentSubmitSerializer,
)
from consultations.services import COMMENTER_FIELDS, CommentNotAccepted, ConsultationClosed, comment_submit
from intake.api import IntakeCreateView, IntakeRefused
from intake.serializers import DetailSerializer


def _receipt(*, consultation, received_at) -> dict:
    return CommentReceiptSerializer(
        {
            "consultation": consultation.pk,
            "status": CommentStatus.PENDING,
            "received_at": received_at,
            "message": str(MESSAGE_RECEIVED),
        }
    ).data


def _closed(error: ConsultationClosed) -> IntakeRefused:
    return IntakeRefused(
        ClosedSerializer({"detail": error.message, "comment_deadline": error.consultation.comment_deadline}).data,
        status=status.HTTP_409_CONFLICT,
    )


class ConsultationCommentsView(IntakeCreateView):
    parser_classes = [JSONParser, FormParser]
    submit_serializer_class = CommentSubmitSerializer
    rate_limited_message = MESSAGE_RATE_LIMITED
    intake_name = "Consultation comment"

    def intake_target(self, request, *, page_id):
        consultation = consultation_for_request(request=request, page_id=page_id)
        if consultation is None:
            raise IntakeRefused.detail(MESSAGE_NOT_FOUND, status=status.HTTP_404_NOT_FOUND)
        return consultation

    def intake_precheck(self, request, consultation) -> None:
        if not consultation.is_open:
            raise _closed(ConsultationClosed(consultation))

    def intake_rate_check(self, request):
        return comment_rate_check(request)

    def intake_robot_receipt(self, request, consultation) -> dict:
        return _receipt(consultation=consultation, received_at=timezone.now())

    def intake_submit(self, request, consultation, serializer):
        try:
            return comment_submit(
                consultation=consultation,
                client_ip_hash=client_ip_hash(request),
                **{name: serializer.validated_data[name] for name in COMMENTER_FIELDS},
            )
        except ConsultationClosed as error:
            raise _closed(error) from error
        except CommentNotAccepted as error:
            raise IntakeRefused(error.message_dict, status=status.HTTP_400_BAD_REQUEST) from error

    def intake_receipt(self, request, consultation, comment) -> dict:
        return _receipt(consultation=consultation, received_at=comment.created_at)

    @extend_schema(
        operation_id="consultations_comments_list",
        summary="Published comments on a draft (Điều 8.1.h)",
        responses={200: CommentListSerializer, 404: DetailSerializer},
        tags=["Consultations"],
    )
    def get(self, request, page_id: int):
        try:
            consultation = self.intake_target(request, page_id=page_id)
        except IntakeRefused as missing:
            return missing.response()
        comments = list(comments_published(consultation=consultation))
        return Response(
            CommentListSerializer(
                {"consultation": consultation, "count": len(comments), "results": comments}
            ).data
        )

    @extend_schema(
        operation_id="consultations_comments_create",
        summary="Send a comment on a draft before its comment deadline (Điều 8.1.h)",
        request=CommentSubmitSerializer,
        responses={
            201: CommentReceiptSerializer,
            400: OpenApiResponse(description="Refused: an object of field name → list of messages."),
            404: DetailSerializer,
            409: OpenApiResponse(ClosedSerializer, description="The comment deadline has passed."),
            429: OpenApiResponse(DetailSerializer, description="Too many comments from this address."),
        },
        tags=["Consultations"],
    )
    def post(self, request, page_id: int):
        return self.intake_post(request, page_id=page_id)
