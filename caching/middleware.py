"""The app cache: anonymous GETs of public pages and API answers, per portal.

Off when ``PORTAL_CACHE_ENABLED`` is false (the test settings). Placed last in ``MIDDLEWARE`` (after the locale is chosen and the portal alias is
resolved). A request is looked up only when nothing about it can be personal: a GET
without a session or messages cookie and without an Authorization header, outside the
admin and the draft preview. An answer is kept only when it says it is public:

- the API marks its answers ``Cache-Control: public`` (``cms.api.views``);
- a Wagtail page without Cache-Control gets ``public, s-maxage=PORTAL_CACHE_SECONDS``
  here, which also lets Varnish keep it (browsers still revalidate);

and never when it sets a cookie, varies by Cookie or Authorization, or used a CSRF
token or wrote to the session while being built (a form, a password-protected page).
``X-App-Cache: HIT`` or ``MISS`` tells which happened.

Every answer names its portal in ``X-Portal-Host`` (the canonical hostname of the site
the request reached): the app cache's purge token and Varnish's bans go by it, so a
purge reaches the copies kept under an alias or ``127.0.0.1`` too (issue #17 item 7).
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils import translation
from django.utils.cache import get_max_age, has_vary_header, patch_cache_control

from caching.keys import entry_key
from caching.sites import site_root_page_prime
from tenants.hosts import request_site

CACHE_HEADER = "X-App-Cache"
# The portal's canonical hostname, for the purges of both layers (deploy/varnish/default.vcl).
PORTAL_HEADER = "X-Portal-Host"
DEFAULT_PORTAL_CACHE_SECONDS = 300
# Paths whose answers depend on who asks, whatever their headers say.
DEFAULT_BYPASS_PREFIXES = ("/admin/", "/django-admin/", "/api/v2/preview/")
# Cookies that make an answer personal: a login, flash messages.
PERSONAL_COOKIES = ("messages",)
# Wagtail serves pages through this URL name (settings.urls includes wagtail.urls).
PAGE_VIEW_NAME = "wagtail_serve"


# Paths that route to no Wagtail page and whose answers the app cache never keeps (the
# search API: no public Cache-Control, an answer per query): neither the site's root
# page nor a cache entry is looked up for them, two shared cache reads and a page
# unpickled per request for nothing (issue 18, latency). Their answers still name their
# portal for Varnish. An answer made public later must leave this list to be kept.
DEFAULT_UNCACHED_PREFIXES = ("/api/v2/search/",)


def portal_cache_seconds() -> int:
    return getattr(settings, "PORTAL_CACHE_SECONDS", DEFAULT_PORTAL_CACHE_SECONDS)


def request_is_cacheable(request) -> bool:
    if request.method != "GET":
        return False
    if request.path.startswith(getattr(settings, "PORTAL_CACHE_BYPASS_PREFIXES", DEFAULT_BYPASS_PREFIXES)):
        return False
    if "authorization" in request.headers:
        return False
    cookies = (settings.SESSION_COOKIE_NAME, *PERSONAL_COOKIES)
    return not any(name in request.COOKIES for name in cookies)


def _cache_control(response) -> set[str]:
    return {part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def response_cache_seconds(request, response) -> int:
    """How long the app cache may keep ``response``; 0 = not at all."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return 0
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return 0  # the page embeds this visitor's CSRF token
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return 0
    if has_vary_header(response, "Cookie") or has_vary_header(response, "Authorization") or has_vary_header(
        response, "*"
    ):
        return 0
    directives = _cache_control(response)
    if directives & {"private", "no-store", "no-cache"}:
        return 0
    if "public" in directives:
        return _s_maxage(response) if "s-maxage" in directives else get_max_age(response) or 0
    match = getattr(request, "resolver_match", None)
    if not directives and match is not None and match.url_name == PAGE_VIEW_NAME:
        seconds = portal_cache_seconds()
        # Shared caches (Varnish) keep it; browsers revalidate, so a purge reaches them.
        patch_cache_control(response, public=True, s_maxage=seconds)
        return seconds
    return 0


def _s_maxage(response) -> int:
    for part in response.get("Cache-Control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name.lower() == "s-maxage" and value.isdigit():
            return int(value)
    return 0


def request_portal(request) -> str:
    """The canonical hostname of the portal ``request`` reached (``Site.hostname``);
    the request's own host when no site answers it. The site comes from the cached list
    of sites (``tenants.hosts.request_site``) or the alias middleware's choice: a cache
    hit runs no query."""
    site = request_site(request)
    return site.hostname if site is not None else split_domain_port(request._get_raw_host().lower())[0]


def request_cache_key(request) -> str:
    return entry_key(
        portal=request_portal(request),
        host=split_domain_port(request.get_host())[0],
        path=request.path,
        query=request.META.get("QUERY_STRING", ""),
        language=translation.get_language() or "",
        origin=request.headers.get("Origin", ""),
        base=f"{request.scheme}://{request.get_host()}",
    )


def _entry(response) -> tuple:
    headers = [(k, v) for k, v in response.items() if k.lower() != "set-cookie"]
    return (response.status_code, headers, response.content)


def _response(entry) -> HttpResponse:
    status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


class PortalCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        uncached = request.path.startswith(getattr(settings, "PORTAL_CACHE_UNCACHED_PREFIXES",
                                                   DEFAULT_UNCACHED_PREFIXES))
        if not uncached:
            # The Site and its root page from the cache (tenants.hosts, caching.sites):
            # Wagtail finds them on the request.
            site_root_page_prime(request)
        if not request_is_cacheable(request):
            return self.get_response(request)
        if uncached or not getattr(settings, "PORTAL_CACHE_ENABLED", True):
            # Varnish alone may still keep the answer: it bans by portal too.
            response = self.get_response(request)
            response[PORTAL_HEADER] = request_portal(request)
            return response
        key = request_cache_key(request)
        entry = cache.get(key)
        if entry is not None:
            response = _response(entry)
            response[CACHE_HEADER] = "HIT"
            return response
        response = self.get_response(request)
        response[PORTAL_HEADER] = request_portal(request)
        seconds = response_cache_seconds(request, response)
        if seconds > 0:
            cache.set(key, _entry(response), seconds)
            response[CACHE_HEADER] = "MISS"
        return response
