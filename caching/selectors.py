"""Which URLs show a page: the page itself and the listings that include it."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import NoReverseMatch
from wagtail.models import Page

# Public API paths of a portal (cms.api under /api/v2/, settings.urls).
API_PAGES_PATH = "/api/v2/pages/"
SITEMAP_PATH = "/sitemap.xml"


def _ancestors_in_db(page: Page) -> list[Page]:
    """The page's ancestors by tree path; works after the page itself was deleted (an
    ancestor deleted in the same cascade is simply missing: it purges itself)."""
    step = page.steplen
    paths = [page.path[:end] for end in range(step, len(page.path), step)]
    return list(Page.objects.filter(path__in=paths).order_by("depth"))


def _routes(page: Page) -> list[str]:
    """Extra paths served by a routable page that list its children (the RSS feed)."""
    specific = page.specific_deferred
    paths = list(specific.get_cached_paths())
    if hasattr(specific, "reverse_subpage"):
        try:
            paths.append(specific.reverse_subpage("feed"))
        except NoReverseMatch:
            pass
    return paths


def page_cache_urls(*, page: Page) -> list[str]:
    """Absolute URLs whose answers show ``page``: the page, each ancestor within its
    portal (section index, portal home) with their feeds, the portal's API listing and
    the page's API detail, and the sitemap, on the portal's hostname (and its
    ``<slug>.<PORTAL_ALIAS_DOMAIN>`` alias in development). Empty when the page is in
    no portal."""
    url_parts = page.get_url_parts()
    if url_parts is None:
        return []
    site_id, root_url, _ = url_parts
    urls = [page.get_full_url() + path.lstrip("/") for path in _routes(page)]
    for ancestor in _ancestors_in_db(page):
        ancestor_url = ancestor.get_full_url()
        if ancestor_url and ancestor_url.startswith(root_url):
            urls += [ancestor_url + path.lstrip("/") for path in _routes(ancestor)]
    urls += [f"{root_url}{API_PAGES_PATH}", f"{root_url}{API_PAGES_PATH}{page.pk}/", f"{root_url}{SITEMAP_PATH}"]
    urls += _alias_urls(urls, site_id=site_id, root_url=root_url)
    return list(dict.fromkeys(urls))


def _alias_urls(urls: list[str], *, site_id: int, root_url: str) -> list[str]:
    domain = getattr(settings, "PORTAL_ALIAS_DOMAIN", "")
    if not domain:
        return []
    from tenants.models import Unit

    slug = Unit.objects.filter(site_id=site_id).values_list("slug", flat=True).first()
    if slug is None:
        return []
    alias_root = f"{urlsplit(root_url).scheme}://{slug}.{domain}"
    return [alias_root + url[len(root_url):] for url in urls if url.startswith(root_url)]
