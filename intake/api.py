"""The API side of a public intake: one POST that runs the pipeline.

    target → precheck → rate limit → payload is an object → honeypot → check
           → validate (serializer) → submit (service) → receipt (201)

``IntakeCreateView`` runs the steps; a subclass fills the hooks. Any hook may refuse
by raising :class:`IntakeRefused` with the response's status and body, so a refusal
before the service (a closed consultation, 409) and one from it (a database outage,
503) read the same way. A filled honeypot gets the same 201 as a real submission,
with nothing stored (``intake_robot_receipt``).
"""

from __future__ import annotations

import logging

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from intake.honeypot import honeypot_filled
from intake.ratelimit import RateDecision
from security.origins import BrowserOriginAllowed

logger = logging.getLogger(__name__)

MESSAGE_NOT_AN_OBJECT = _("Send one JSON object with the fields named in the documentation.")


class IntakeRefused(Exception):
    """A hook's refusal: the response to send instead of a receipt."""

    def __init__(self, data, *, status: int, headers: dict | None = None):
        super().__init__(data)
        self.data, self.status, self.headers = data, status, headers or {}

    @classmethod
    def detail(cls, message, *, status: int, headers: dict | None = None) -> IntakeRefused:
        return cls({"detail": str(message)}, status=status, headers=headers)

    def response(self) -> Response:
        return Response(self.data, status=self.status, headers=self.headers)


class PublicAPIView(APIView):
    # Anonymous citizens: no session, so no CSRF token to demand of a separate front end;
    # a browser's post from another site is refused by its Origin instead (issue #16).
    authentication_classes: list = []
    permission_classes = [AllowAny, BrowserOriginAllowed]

    def dispatch(self, request, *args, **kwargs):
        # /api/ lies outside i18n_patterns, where LocaleMiddleware always picks
        # LANGUAGE_CODE; an API client states its language in Accept-Language instead.
        language = translation.get_language_from_request(request, check_path=False)
        with translation.override(language):
            response = super().dispatch(request, *args, **kwargs)
        response.headers["Content-Language"] = language
        return response


class IntakeCreateView(PublicAPIView):
    """Base of every public "send" endpoint. Subclasses set the class attributes, write
    the three required hooks and decorate ``post`` with their OpenAPI description::

        class RequestCreateView(IntakeCreateView):
            submit_serializer_class = RequestSubmitSerializer
            rate_limited_message = MESSAGE_RATE_LIMITED

            def intake_rate_check(self, request): ...
            def intake_submit(self, request, target, serializer): ...  # calls the service
            def intake_receipt(self, request, target, submitted): ...

            @extend_schema(...)
            def post(self, request):
                return self.intake_post(request)
    """

    submit_serializer_class = None
    rate_limited_message = ""
    not_an_object_message = MESSAGE_NOT_AN_OBJECT
    # What the log says when the honeypot was filled: "<name> honeypot filled; nothing stored".
    intake_name = "Intake"

    # --- hooks ---------------------------------------------------------------------

    def intake_target(self, request, **kwargs):
        """What the submission is about (a consultation, a survey), or None; raise
        IntakeRefused (404) when there is no such thing."""
        return None

    def intake_precheck(self, request, target) -> None:
        """Refusals before the rate limit counts the attempt (a closed consultation)."""

    def intake_rate_check(self, request) -> RateDecision:
        raise NotImplementedError

    def intake_check(self, request, target) -> None:
        """Refusals after the honeypot, before the payload is validated."""

    def intake_submit(self, request, target, serializer):
        """Call the service with ``serializer.validated_data``; return what it stored."""
        raise NotImplementedError

    def intake_receipt(self, request, target, submitted) -> dict:
        raise NotImplementedError

    def intake_robot_receipt(self, request, target) -> dict:
        """The receipt a robot gets: like a real one, for nothing stored."""
        raise NotImplementedError

    def get_submit_serializer(self, data):
        return self.submit_serializer_class(data=data)

    # --- the pipeline --------------------------------------------------------------

    def intake_post(self, request, **kwargs) -> Response:
        try:
            target = self.intake_target(request, **kwargs)
            self.intake_precheck(request, target)
            decision = self.intake_rate_check(request)
            if not decision.allowed:
                raise IntakeRefused.detail(
                    self.rate_limited_message,
                    status=status.HTTP_429_TOO_MANY_REQUESTS,
                    headers={"Retry-After": str(decision.retry_after)},
                )
            if not hasattr(request.data, "get"):  # JSON that is a list, a string, a number or null
                raise IntakeRefused(
                    {"non_field_errors": [str(self.not_an_object_message)]}, status=status.HTTP_400_BAD_REQUEST
                )
            if honeypot_filled(request.data):
                logger.info("%s honeypot filled; nothing stored", self.intake_name)
                return Response(self.intake_robot_receipt(request, target), status=status.HTTP_201_CREATED)
            self.intake_check(request, target)
            serializer = self.get_submit_serializer(request.data)
            serializer.is_valid(raise_exception=True)
            submitted = self.intake_submit(request, target, serializer)
            return Response(self.intake_receipt(request, target, submitted), status=status.HTTP_201_CREATED)
        except IntakeRefused as refused:
            return refused.response()
