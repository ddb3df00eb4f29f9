"""The answer-back endpoint of the document-management system: POST /api/v2/qa/dms/answers/.

Authenticated by the HMAC signature of the body (or a bearer token, per environment),
never by session or cookie; everything else is :func:`qa.dms.dms_answer_record`.
Replaying a request returns 200 with ``recorded: false`` and changes nothing.
"""

import json
import logging

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from qa.api import PublicAPIView
from qa.dms import DmsAuthError, DmsUnknownPetition, answer_request_authenticate, dms_answer_record
from qa.serializers import MESSAGE_NOT_FOUND, DetailSerializer, DmsAnswerReceiptSerializer, DmsAnswerSerializer
from qa.services import InvalidTransition

logger = logging.getLogger(__name__)


class DmsAnswerView(PublicAPIView):
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="qa_dms_answers_create",
        summary="The document-management system posts an answer (Điều 13, docs/DMS.md)",
        request=DmsAnswerSerializer,
        responses={
            201: DmsAnswerReceiptSerializer,
            200: OpenApiResponse(DmsAnswerReceiptSerializer, description="The same answer was already recorded."),
            400: OpenApiResponse(description="Invalid: an object of field name → list of messages."),
            401: OpenApiResponse(DetailSerializer, description="Missing, wrong or expired signature or token."),
            403: OpenApiResponse(DetailSerializer, description="Answer-back is not configured here."),
            404: DetailSerializer,
            409: OpenApiResponse(DetailSerializer, description="The petition can no longer be answered."),
        },
        tags=["Q&A"],
    )
    def post(self, request):
        body = request.body  # the exact bytes that were signed, read before parsing
        try:
            answer_request_authenticate(headers=request.headers, body=body)
        except DmsAuthError as refused:
            logger.warning("DMS answer refused (%s) from %s", refused.reason, request.META.get("REMOTE_ADDR"))
            return Response({"detail": refused.reason}, status=refused.status)
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            return Response({"detail": "body is not JSON"}, status=status.HTTP_400_BAD_REQUEST)
        serializer = DmsAnswerSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        try:
            outcome = dms_answer_record(**serializer.validated_data)
        except DmsUnknownPetition:
            return Response({"detail": str(MESSAGE_NOT_FOUND)}, status=status.HTTP_404_NOT_FOUND)
        except ValidationError as error:
            return Response(error.message_dict, status=status.HTTP_400_BAD_REQUEST)
        except InvalidTransition as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        petition = outcome.petition
        receipt = DmsAnswerReceiptSerializer(
            {
                "tracking_code": petition.tracking_code,
                "status": petition.status,
                "answered_at": petition.answered_at,
                "recorded": outcome.recorded,
            }
        ).data
        return Response(receipt, status=status.HTTP_201_CREATED if outcome.recorded else status.HTTP_200_OK)
