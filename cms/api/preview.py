"""Draft preview for separate front ends (issue #3 item 5).

An editor who may edit a page gets a signed, expiring token for it (admin URL
``/admin/preview-token/<page_id>/``); a front end exchanges the token at
``GET /api/v2/preview/?token=…`` for the page's latest revision, serialised exactly as
the pages endpoint serialises that page type. The token carries only the page id and
its signing time, so no table is needed and nothing outlives ``PREVIEW_TOKEN_MAX_AGE``.

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
from wagtail.models import Page

from cms.api.schema import ERROR
from cms.api.views import PortalPagesAPIViewSet

DEFAULT_PREVIEW_TOKEN_MAX_AGE = 60 * 60
PREVIEW_TOKEN_SALT = "cms.api.preview"

# Messages are constants so tests can import them (English msgids, see locale/vi).
TOKEN_MISSING = _("The token parameter is required.")
TOKEN_EXPIRED = _("This preview token has expired; ask for a new one.")
TOKEN_INVALID = _("This preview token is not valid.")
CANNOT_PREVIEW = _("You cannot edit this page, so you cannot preview it.")


class PreviewTokenError(Exception):
    message = TOKEN_INVALID


class PreviewTokenExpired(PreviewTokenError):
    message = TOKEN_EXPIRED


class PreviewPermissionDenied(PermissionDenied):
    """The user may not edit the page, so may not preview its draft."""


def preview_token_max_age() -> int:
    return getattr(settings, "PREVIEW_TOKEN_MAX_AGE", DEFAULT_PREVIEW_TOKEN_MAX_AGE)


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=PREVIEW_TOKEN_SALT)


def preview_token_issue(*, page: Page, user) -> str:
    """A token previewing ``page``'s drafts, for a user who may edit it."""
    if not page.permissions_for_user(user).can_edit():
        raise PreviewPermissionDenied(CANNOT_PREVIEW)
    return _signer().sign(str(page.pk))


def preview_page_get(*, token: str) -> Page:
    """The latest revision (draft or live) of the token's page, as a page object."""
    try:
        page_id = int(_signer().unsign(token, max_age=preview_token_max_age()))
    except signing.SignatureExpired as e:
        raise PreviewTokenExpired from e
    except (signing.BadSignature, ValueError) as e:
        raise PreviewTokenError from e
    page = get_object_or_404(Page, pk=page_id).specific
    return page.get_latest_revision_as_object()


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
            self._cached_object = preview_page_get(token=token)
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
