"""The Site a request reached, kept per host (issue #23 item 1).

Wagtail looks the Site up in the database on every request (``Site.find_for_request``);
with the page cache missing, that query is paid by every visitor after a publish. The
Site (with its root page, as Wagtail loads it) is kept per Host header under two tokens:
the portal's generation (``caching.keys.portal_generation``: a page of the portal saved,
the site saved) and a token of all sites, renewed when any Site is saved or deleted (a
new Site may take a host that fell back to the default site until then).
"""

from django.core.cache import cache
from wagtail.models import Site

from caching.keys import KEY_PREFIX, _digest, portal_generation

SITES_TOKEN_KEY = f"{KEY_PREFIX}:sites-token"
SITE_OF_HOST_SECONDS = 3600


def _sites_token() -> str:
    import uuid

    token = cache.get(SITES_TOKEN_KEY)
    if token is None:
        cache.add(SITES_TOKEN_KEY, uuid.uuid4().hex, timeout=None)
        token = cache.get(SITES_TOKEN_KEY)
    return token or ""


def sites_token_renew() -> None:
    import uuid

    cache.set(SITES_TOKEN_KEY, uuid.uuid4().hex, timeout=None)


def site_for_request(request) -> Site | None:
    """``Site.find_for_request(request)``, from the cache when the entry is current; the
    result is also left on the request where Wagtail looks for it."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    key = f"{KEY_PREFIX}:site-of:{_digest(request._get_raw_host().lower(), _sites_token())}"
    entry = cache.get(key)
    if entry is not None:
        site, generation = entry
        if site is None or generation == portal_generation(site_id=site.pk):
            request._wagtail_site = site
            return site
    site = Site.find_for_request(request)
    if site is not None:
        # Routing starts from the root page's specific object (Page.route_for_request):
        # loaded now, it is kept with the Site and costs no query on the next requests.
        site.root_page.specific  # noqa: B018 (a cached property, loaded for the pickle)
    cache.set(key, (site, portal_generation(site_id=site.pk) if site is not None else ""), SITE_OF_HOST_SECONDS)
    return site


LOCALES_KEY = f"{KEY_PREFIX}:locale-codes"


def locale_language_code(locale_id: int) -> str | None:
    """The language code of Locale ``locale_id``, from a map of all locales kept in the
    cache (a handful of rows; dropped when one is saved or deleted, caching.signals):
    checking a served page's language costs no query."""
    from wagtail.models import Locale

    codes = cache.get(LOCALES_KEY)
    if codes is None or locale_id not in codes:
        codes = dict(Locale.objects.values_list("pk", "language_code"))
        cache.set(LOCALES_KEY, codes, None)
    return codes.get(locale_id)


def locale_codes_forget() -> None:
    cache.delete(LOCALES_KEY)


def locale_cache_prime(instance) -> None:
    """Give ``instance`` (a page) its Locale without a query: the API writes each page's
    language, which was one query per page of a listing."""
    from wagtail.models import Locale

    locale_id = getattr(instance, "locale_id", None)
    if locale_id is None or "locale" in instance._state.fields_cache:
        return
    code = locale_language_code(locale_id)
    if code is not None:
        locale = Locale(pk=locale_id, language_code=code)
        locale._state.adding = False
        instance._state.fields_cache["locale"] = locale


RESTRICTED_PATHS_KEY = f"{KEY_PREFIX}:restricted-paths"


def restricted_paths() -> list[str]:
    """Tree paths of the pages under a view restriction (password, login, groups), kept in
    the cache; dropped when a restriction is saved or deleted or a page moves
    (caching.signals). What ``PageQuerySet.public()`` reads from the database each time."""
    from wagtail.models import PageViewRestriction

    paths = cache.get(RESTRICTED_PATHS_KEY)
    if paths is None:
        paths = sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))
        cache.set(RESTRICTED_PATHS_KEY, paths, None)
    return paths


def restricted_paths_forget() -> None:
    cache.delete(RESTRICTED_PATHS_KEY)


def public_pages(queryset):
    """``queryset.public()`` without its query: pages outside every restricted subtree."""
    from django.db.models import Q

    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    return queryset.exclude(q) if q else queryset
