"""Draft preview for separate front ends (issue #3 item 5).

An editor who may edit a page gets a signed, expiring token for it (admin URL
``/admin/preview-token/<page_id>/``); a front end exchanges the token at
``GET /api/v2/preview/?token=…`` for the page's latest revision, serialised exactly as
the pages endpoint serialises that page type. The token is signed with a salt used for
nothing else and carries the page id, the revision it shows, the portal's hostname and
its signing time (issue #16 item 4): it opens that revision only, only on that portal's
host (a token leaked from one portal's front end opens nothing on another), and stops
working when a newer revision is saved or after ``PREVIEW_TOKEN_MAX_AGE``. No table is
needed.

Why not wagtail-headless-preview (0.9.0): it declares Wagtail 7 only, needs a mixin
on every page model plus its own table, unsigns tokens without a maximum age, and
still leaves the API endpoint to the project.
"""

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import status
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page, Site

from cms.api.schema import ERROR
from cms.api.views import PortalPagesAPIViewSet

DEFAULT_PREVIEW_TOKEN_MAX_AGE = 60 * 60
# One purpose, one salt: no other signed value of the platform can pass for a token
# (".v2": tokens of the bare page-id format are no longer accepted).
PREVIEW_TOKEN_SALT = "cms.api.preview.token.v2"

# Messages are constants so tests can import them (English msgids, see locale/vi).
TOKEN_MISSING = _("The token parameter is required.")
TOKEN_EXPIRED = _("This preview token has expired; ask for a new one.")
TOKEN_INVALID = _("This preview token is not valid.")
TOKEN_OTHER_PORTAL = _("This preview token belongs to another portal.")
TOKEN_SUPERSEDED = _("A newer version of this page has been saved; ask for a new preview token.")
CANNOT_PREVIEW = _("You cannot edit this page, so you cannot preview it.")


class PreviewTokenError(Exception):
    message = TOKEN_INVALID


class PreviewTokenExpired(PreviewTokenError):
    message = TOKEN_EXPIRED


class PreviewTokenOtherPortal(PreviewTokenError):
    message = TOKEN_OTHER_PORTAL


class PreviewTokenSuperseded(PreviewTokenError):
    message = TOKEN_SUPERSEDED


class PreviewPermissionDenied(PermissionDenied):
    """The user may not edit the page, so may not preview its draft."""


def preview_token_max_age() -> int:
    return getattr(settings, "PREVIEW_TOKEN_MAX_AGE", DEFAULT_PREVIEW_TOKEN_MAX_AGE)


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=PREVIEW_TOKEN_SALT)


def _portal_hostname(site) -> str:
    return (site.hostname if site else "").lower()


def preview_token_issue(*, page: Page, user) -> str:
    """A token previewing ``page``'s latest revision on its portal, for a user who may edit it."""
    if not page.permissions_for_user(user).can_edit():
        raise PreviewPermissionDenied(CANNOT_PREVIEW)
    payload = {"page": page.pk, "revision": page.latest_revision_id, "host": _portal_hostname(page.get_site())}
    return _signer().sign_object(payload)


def preview_page_get(*, token: str, site) -> Page:
    """The revision the token was issued for, as a page object, when asked on ``site``
    (the portal of the request): refused on another portal or once superseded."""
    try:
        payload = _signer().unsign_object(token, max_age=preview_token_max_age())
        page_id, revision_id, hostname = int(payload["page"]), payload["revision"], str(payload["host"])
    except signing.SignatureExpired as e:
        raise PreviewTokenExpired from e
    except (signing.BadSignature, ValueError, TypeError, KeyError) as e:
        raise PreviewTokenError from e
    if hostname != _portal_hostname(site):
        raise PreviewTokenOtherPortal
    page = get_object_or_404(Page, pk=page_id).specific
    if page.latest_revision_id != revision_id:
        raise PreviewTokenSuperseded
    if revision_id is None:  # never saved as a revision: the page as stored
        return page
    return page.latest_revision.as_object()


class PreviewAPIViewSet(PortalPagesAPIViewSet):
    """``GET /api/v2/preview/?token=…``: the draft as the pages detail view shows it."""

    cache_public = False
    schema_extra_parameters = [OpenApiParameter("token", str, required=True, description="Preview token from the admin.")]
    schema_extra_responses = {
        400: OpenApiResponse(ERROR, "No token."),
        403: OpenApiResponse(ERROR, "Expired or tampered token."),
    }

    def preview_view(self, request):
        token = request.GET.get("token")
        if not token:
            raise BadRequestError(str(TOKEN_MISSING))
        try:
            site = Site.find_for_request(request._request)
            self._cached_object = preview_page_get(token=token, site=site)
        except PreviewTokenError as e:
            return Response({"message": str(e.message)}, status=status.HTTP_403_FORBIDDEN)
        serializer = self.get_serializer(self._cached_object)
        return Response(serializer.data)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Drafts are for the editor's eyes: no shared cache may keep them.
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        return response


def preview_token_view(request, page_id: int):
    """Admin: a preview token for ``page_id`` and the API URL that uses it."""
    page = get_object_or_404(Page, pk=page_id)
    token = preview_token_issue(page=page, user=request.user)
    api_url = request.build_absolute_uri(reverse("wagtailapi:preview")) + "?" + urlencode({"token": token})
    response = JsonResponse({"token": token, "preview_url": api_url, "max_age": preview_token_max_age()})
    add_never_cache_headers(response)
    return response


admin_urlpatterns = [
    path("preview-token/<int:page_id>/", preview_token_view, name="cms_preview_token"),
]
