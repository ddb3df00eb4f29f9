"""Public POST APIs refuse what a browser sends from another site (issue #16 item 5).

The public APIs (Q&A questions, consultation comments, survey responses) take anonymous
posts without a session, so there is no CSRF token to demand: any web page could make
a visitor's browser post a form there (``Origin: https://evil.example`` got 201). A
browser always names the page's origin in ``Origin`` (or at least ``Referer``) on a
cross-site post; so a post that names one is taken only from the portals themselves
(any unit's hostname, or the request's own host), the separate front ends allowed for
CORS and the origins trusted for CSRF. A client that names no origin is not a browser
(a mobile app, the DMS, a script): those keep working with JSON as documented, and a
browser cannot be made to post without an ``Origin``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

MESSAGE_CROSS_SITE = _("This form can only be sent from the portal's own pages.")


def request_origin(request) -> str | None:
    """The origin a browser named for ``request`` (``Origin``, else ``Referer``), or None."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin:
        return origin.strip()
    referer = request.META.get("HTTP_REFERER")
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else "null"
    return None


def _alias_hostname(hostname: str) -> bool:
    alias = getattr(settings, "PORTAL_ALIAS_DOMAIN", "")
    return bool(alias) and (hostname == alias or hostname.endswith("." + alias))


def origin_allowed(request) -> bool:
    """Whether ``request`` comes from no browser, or from a page of a portal or a trusted front end."""
    origin = request_origin(request)
    if origin is None:
        return True
    if origin == "null":  # sandboxed frames, data: and file: pages
        return False
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    trusted = {o.rstrip("/").lower() for o in (*settings.CORS_ALLOWED_ORIGINS, *settings.CSRF_TRUSTED_ORIGINS)}
    if origin.rstrip("/").lower() in trusted or parts.netloc.lower() == request.get_host().lower():
        return True
    if request.is_secure() and parts.scheme != "https":
        return False
    from security.middleware import is_portal_hostname  # imports models

    hostname = parts.hostname.lower()
    return is_portal_hostname(hostname) or _alias_hostname(hostname)


class BrowserOriginAllowed(BasePermission):
    """DRF permission: unsafe methods only from no browser or from an allowed origin."""

    message = MESSAGE_CROSS_SITE

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or origin_allowed(request)
