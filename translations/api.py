"""``GET /api/v2/translations/``: the translation tasks the signed-in user may see.

Session-authenticated (the admin's login), scoped like the admin dashboard. Filters:
``portal`` (unit slug) and ``status`` (due, overdue, done).
``GET /api/v2/translations/answers/``: the same for English answers to Q&A questions.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status as http_status
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from tenants.models import Unit
from translations.models import TranslationTaskStatus
from translations.rules import MESSAGE_UNKNOWN_PORTAL, MESSAGE_UNKNOWN_STATUS
from translations.selectors import answer_translations_for_user, translation_tasks_for_user
from translations.serializers import AnswerTranslationListSerializer, TranslationTaskListSerializer

MAX_RESULTS = 500


class TranslationTaskListView(APIView):
    authentication_classes = [SessionAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="translations_list",
        summary="English translations due, overdue and done (Điều 8.2.d)",
        parameters=[
            OpenApiParameter("portal", OpenApiTypes.STR, description="Unit slug of one portal"),
            OpenApiParameter("status", OpenApiTypes.STR, enum=TranslationTaskStatus.values),
        ],
        responses={200: TranslationTaskListSerializer},
        tags=["Translations"],
    )
    def get(self, request):
        return self.listing(request, selector=translation_tasks_for_user, serializer=TranslationTaskListSerializer)

    @staticmethod
    def listing(request, *, selector, serializer):
        portal = request.query_params.get("portal") or None
        status = request.query_params.get("status") or None
        if status is not None and status not in TranslationTaskStatus.values:
            return Response({"status": [str(MESSAGE_UNKNOWN_STATUS)]}, status=http_status.HTTP_400_BAD_REQUEST)
        if portal is not None and not Unit.objects.filter(slug=portal).exists():
            return Response({"portal": [str(MESSAGE_UNKNOWN_PORTAL)]}, status=http_status.HTTP_400_BAD_REQUEST)
        tasks = selector(user=request.user, unit_slug=portal, status=status)
        return Response(serializer({"count": tasks.count(), "results": tasks[:MAX_RESULTS]}).data)


class AnswerTranslationListView(TranslationTaskListView):
    @extend_schema(
        operation_id="translations_answers_list",
        summary="English answers to Q&A questions written in English: due, overdue and done (Điều 8.2.d)",
        parameters=[
            OpenApiParameter("portal", OpenApiTypes.STR, description="Unit slug of one portal"),
            OpenApiParameter("status", OpenApiTypes.STR, enum=TranslationTaskStatus.values),
        ],
        responses={200: AnswerTranslationListSerializer},
        tags=["Translations"],
    )
    def get(self, request):
        return self.listing(request, selector=answer_translations_for_user, serializer=AnswerTranslationListSerializer)
