"""Security middleware used by settings/production.py.

``ContentSecurityPolicyMiddleware``
    Django 5.2 has no CSP support. The public site and API get a strict policy
    (``CSP_PUBLIC``); Wagtail's admin needs inline styles and scripts in places, so
    paths under ``ADMIN_PATHS`` get ``CSP_ADMIN``. A response that already
    carries a policy (Wagtail's document view sets ``default-src 'none'``) keeps it.
``PortalHostMiddleware``
    ALLOWED_HOSTS can only allow whole domains (``.bacninh.gov.vn``) because settings
    cannot query the database. This refuses, with Django's 400 for a disallowed host,
    any host under them that is not a unit's hostname, so that e.g.
    ``anything.bacninh.gov.vn`` does not silently serve the provincial portal.
    Hosts named one by one in ``PORTAL_SERVICE_HOSTS`` (health checks, the admin's own
    hostname) pass without a lookup.
``NullCharacterMiddleware``
    A NUL character is never part of a real URL, and PostgreSQL refuses it in any
    string it is handed (psycopg raises ValueError, a 500). Wagtail's page routing,
    the API's filters and its ``search`` parameter pass query values to the database
    as they come, so a request with ``%00`` in its path or query string is refused
    here with 400 before any view runs (issue #9 item 3).
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponseBadRequest, JsonResponse
from django.http.request import split_domain_port
from django.utils.translation import gettext_lazy as _

from tenants.models import Unit

# A hostname's verdict is cached this long; a newly provisioned portal answers at the
# latest this many seconds after it is created.
KNOWN_HOST_CACHE_SECONDS = 60
# Portal hostnames found, also kept in this process (hostname -> when it expires): a
# cache round trip on every request cost more than the rest of an app-cache hit. Only
# hosts that exist are kept here, so made-up subdomains cannot grow it.
_portal_hostnames: dict[str, float] = {}


def is_portal_hostname(hostname: str) -> bool:
    if _portal_hostnames.get(hostname, 0.0) > time.monotonic():
        return True
    key = f"portal-host:{hostname}"
    known = cache.get(key)
    if known is None:
        known = Unit.objects.filter(hostname=hostname).exists()
        cache.set(key, known, KNOWN_HOST_CACHE_SECONDS)
    if known:
        _portal_hostnames[hostname] = time.monotonic() + KNOWN_HOST_CACHE_SECONDS
    return known


class PortalHostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # get_host() has already checked ALLOWED_HOSTS (DisallowedHost → 400).
        hostname = split_domain_port(request.get_host())[0].lower()
        if hostname not in settings.PORTAL_SERVICE_HOSTS and not is_portal_hostname(hostname):
            raise DisallowedHost(f"Host {hostname!r} is not the hostname of any portal.")
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    header = "Content-Security-Policy"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self.header not in response:
            admin = request.path.startswith(tuple(settings.ADMIN_PATHS))
            response[self.header] = settings.CSP_ADMIN if admin else settings.CSP_PUBLIC
        return response


MESSAGE_NULL_CHARACTER = _("The address contains a NUL character.")


class NullCharacterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        fields = sorted({key.replace("\x00", "") for key, values in request.GET.lists()
                         if "\x00" in key or any("\x00" in value for value in values)})
        if fields or "\x00" in request.path:
            message = str(MESSAGE_NULL_CHARACTER)
            if request.path.startswith("/api/"):
                # Wagtail's endpoints answer {"message": …}, the others a list per field.
                return JsonResponse({"message": message, **{name: [message] for name in fields}}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
