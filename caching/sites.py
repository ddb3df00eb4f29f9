"""What Wagtail reads from the database for every page it serves, kept in the cache
(issue #23 item 1): the Site's root page, the locales, the restricted paths.

The Site itself comes from ``tenants.hosts.request_site`` (one list of all sites, kept
in the cache and dropped when a Site is saved or deleted): this module only gives that
Site its root page. Routing starts from ``site.root_page.localized.specific``
(``Page.route_for_request``), which costs the root page, its specific row, the active
Locale and, off the default language, its translation: four queries a visitor paid on
every uncached page. The root page, specific, and its live translation for the active
language are kept per portal under the portal's generation token
(``caching.keys.portal_generation``: renewed when a page of the portal, English tree
included, or the site is saved), so a publish or an unpublish shows on the next request.
Wagtail's routing and view-restriction checks are untouched: they run on these objects.
"""

from django.core.cache import cache
from django.utils import translation
from wagtail.models import Site

from caching.keys import KEY_PREFIX, portal_data_key
from tenants.hosts import request_site
from tenants.local_cache import local_forget, local_get, local_put

ROOT_PAGE_SECONDS = 24 * 3600  # renewed by the generation token, not by time


def site_root_page_prime(request) -> Site | None:
    """The request's Site (``tenants.hosts.request_site``) with its root page from the
    per-portal cache: the specific page, carrying its live translation for the active
    language (read by ``cms.models.PortalHomePage.localized``) and the tree paths of its
    translations (``translation_tree_paths``)."""
    site = request_site(request)
    if site is None or "root_page" in site._state.fields_cache or not site.root_page_id:
        return site
    language = translation.get_language() or ""
    key = portal_data_key(site_id=site.pk, name="root-page", parts=(site.root_page_id, language))
    root = cache.get(key)
    if root is None:
        from wagtail.models import Page

        root = Page.objects.get(pk=site.root_page_id).specific
        # Wagtail's own choice (a live translation, else the page itself), made once.
        localized = root.localized.specific
        root.localized_by_language = {language: localized}
        # The tree paths of the root and its translations: the portal's pages, as the
        # pages API takes them (cms.api.views.portal_public_pages).
        root.translation_tree_paths = sorted(root.get_translations(inclusive=True).values_list("path", flat=True))
        cache.set(key, root, ROOT_PAGE_SECONDS)
    Site._meta.get_field("root_page").set_cached_value(site, root)
    return site


LOCALES_KEY = f"{KEY_PREFIX}:locale-codes"


def locale_language_code(locale_id: int) -> str | None:
    """The language code of Locale ``locale_id``, from a map of all locales kept in the
    cache (a handful of rows; dropped when one is saved or deleted, caching.signals):
    checking a served page's language costs no query."""
    from wagtail.models import Locale

    def build():
        return dict(Locale.objects.values_list("pk", "language_code"))

    codes = local_get(LOCALES_KEY, build, seconds=None)
    if locale_id not in codes:  # a locale added since: read them again
        codes = build()
        local_put(LOCALES_KEY, codes, seconds=None)
    return codes.get(locale_id)


def locale_codes_forget() -> None:
    local_forget(LOCALES_KEY)


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

    def build():
        return sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))

    # Kept in the process too (tenants.local_cache): read by every search and page view.
    return local_get(RESTRICTED_PATHS_KEY, build, seconds=None)


def restricted_paths_forget() -> None:
    """Every process reads the restricted paths again on its next request."""
    local_forget(RESTRICTED_PATHS_KEY)


def public_pages(queryset):
    """``queryset.public()`` without its query: pages outside every restricted subtree."""
    from django.db.models import Q

    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    return queryset.exclude(q) if q else queryset
