"""Failed password attempts are throttled per account and per client (issue #16 item 6).

django-axes counts the failures of the admin login (Django's ``user_login_failed``)
and locks an account, and separately a client address, after ``AXES_FAILURE_LIMIT``
failures for ``AXES_COOLOFF_TIME``. A page's view-restriction password (Wagtail's
``PasswordViewRestriction``) has no user: its restriction stands for the account, so
the same counters lock guessing one page's password from anywhere, and guessing from
one client whatever it tries. The client address is ``security.client_ip``'s.
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from wagtail.views import authenticate_with_password

MESSAGE_LOCKED_OUT = _(
    "Too many wrong passwords have been entered. For your security, please wait %(minutes)s minutes before "
    "trying again."
)
LOCKED_OUT_STATUS = 429


class PortalAxesBackend(AxesStandaloneBackend):
    """Axes' check, for logins that come with a request (the admin's login form).

    ``authenticate()`` without a request (Django's test client, a management command)
    has no client to throttle; axes would refuse it outright.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a Vietnamese page saying why, with 429."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    # Rendered now: axes' middleware returns it after the template-response phase.
    return render(request, "security/locked_out.html", {"message": str(MESSAGE_LOCKED_OUT) % {"minutes": minutes}},
                  status=LOCKED_OUT_STATUS)


def _restriction_credentials(page_view_restriction_id: int) -> dict:
    # The "account" whose password is guessed: the restriction, not a user.
    return {"username": f"page-view-restriction:{page_view_restriction_id}"}


def page_password_view(request, page_view_restriction_id: int, page_id: int):
    """Wagtail's ``authenticate_with_password``, throttled like the admin login."""
    if request.method != "POST":
        return authenticate_with_password(request, page_view_restriction_id, page_id)
    credentials = _restriction_credentials(page_view_restriction_id)
    if not AxesProxyHandler.is_allowed(request, credentials):
        return lockout_response(request, None, credentials)
    response = authenticate_with_password(request, page_view_restriction_id, page_id)
    if response.status_code not in (301, 302):  # the form again: a wrong password
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if not AxesProxyHandler.is_allowed(request, credentials):
            return lockout_response(request, None, credentials)
    return response
