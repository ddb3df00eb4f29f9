"""Answers while a backing service is unreachable (issue #9 item 4, faults).

``ServiceUnavailableMiddleware`` turns a dropped or refused database connection
(Django's ``OperationalError`` / ``InterfaceError``) and an unreachable S3 server
(botocore's network errors) raised by a view or its template into a 503 with a plain
message, instead of a 500: JSON ``{"detail": …}`` under /api/, otherwise a page that
needs neither the database nor the portal's templates. Such errors are transient: the
message tells the user that what they sent was not received and to send it again. The
error is still logged with its traceback for the operators.
"""

import logging

from botocore.exceptions import BotoCoreError
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
# Network-level failures only: a 404 or 403 from S3 (ClientError) is not an outage.
STORAGE_ERRORS = (BotoCoreError,)
# What a 503 asks the client to wait before trying again.
RETRY_AFTER_SECONDS = 60

MESSAGE_DATABASE_UNAVAILABLE = _(
    "The service is briefly unavailable because of a connection problem. If you were sending something, "
    "it was not received: please send it again in a few minutes."
)
MESSAGE_STORAGE_UNAVAILABLE = _(
    "The file storage cannot be reached right now, so the file was not saved. Please try again in a few minutes."
)


def unavailable_message(exception: Exception):
    """The user's message for ``exception``, or None if it is not an outage."""
    if isinstance(exception, DATABASE_ERRORS):
        return MESSAGE_DATABASE_UNAVAILABLE
    if isinstance(exception, STORAGE_ERRORS):
        return MESSAGE_STORAGE_UNAVAILABLE
    return None


def unavailable_response(request, message) -> HttpResponse:
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if request.path.startswith("/api/") or "json" in request.headers.get("Accept", ""):
        return JsonResponse({"detail": str(message)}, status=503, headers=headers)
    html = render_to_string("unavailable.html", {"message": message}, request=None)
    return HttpResponse(html, status=503, headers=headers)


class ServiceUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        message = unavailable_message(exception)
        if message is None:
            return None
        logger.error("Service unavailable while serving %s", request.path, exc_info=exception)
        return unavailable_response(request, message)


def server_error(request):
    """``handler500``: an outage raised outside any view (a middleware's own query, such as
    the portal alias lookup or Wagtail's redirects) gets the same 503 as one inside a view;
    anything else stays Django's 500."""
    import sys

    from django.views import defaults

    message = unavailable_message(sys.exc_info()[1]) if sys.exc_info()[1] else None
    if message is None:
        return defaults.server_error(request)
    return unavailable_response(request, message)
