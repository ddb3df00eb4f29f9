"""Links on the host the visitor came by (issue #17).

Wagtail writes a link to a page of another portal (and, when it cannot tell the current
portal, to any page) as ``Site.root_url`` + path: ``http://sotuphap.bacninh.gov.vn/…``.
A visitor who reached the platform through the development alias
(``sotuphap.localhost:8000``) or through ``127.0.0.1:8000`` cannot follow such a link
without DNS. Wagtail reads the site roots from ``request._wagtail_cached_site_root_paths``
when the request carries it; ``visitor_site_root_paths`` builds that list with each
root URL as this visitor can reach it:

- the portal being visited: the scheme and host the visitor typed (port included);
- another portal, when the visitor is not on a portal's real hostname and an alias
  domain is configured: ``<unit slug>.<PORTAL_ALIAS_DOMAIN>`` with the visitor's port;
- otherwise the portal's real hostname, as Wagtail has it.

Pages served from the app cache or Varnish keep these links: both key on the Host.
"""

from collections.abc import Callable

from django.conf import settings
from django.http.request import split_domain_port
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site, SiteRootPath

from tenants.local_cache import local_forget, local_get, local_renew

SITE_SLUGS_CACHE_KEY = "tenants:site-slugs"
SITE_SLUGS_CACHE_SECONDS = 300


def site_unit_slugs() -> dict[int, str]:
    """Unit slug of each portal's site id (cached, and kept in the process while the
    local token holds, tenants.local_cache: asked for on every page view)."""
    def build():
        from tenants.models import Unit

        return dict(Unit.objects.filter(site__isnull=False).values_list("site_id", "slug"))

    return local_get(SITE_SLUGS_CACHE_KEY, build, seconds=SITE_SLUGS_CACHE_SECONDS)


def site_unit_slugs_forget(**kwargs) -> None:
    local_forget(SITE_SLUGS_CACHE_KEY, SITES_CACHE_KEY)
    if kwargs.get("sender") is Site:
        site_root_paths_forget()


SITES_CACHE_KEY = "tenants:sites"


def site_rows() -> list[tuple]:
    """(pk, hostname, port, is_default_site, root_page_id, site_name) of every Site, by pk,
    kept in the process while the local token holds (tenants.local_cache)."""
    def build():
        return list(Site.objects.order_by("pk").values_list("pk", "hostname", "port", "is_default_site",
                                                            "root_page_id", "site_name"))

    return local_get(SITES_CACHE_KEY, build, seconds=SITE_SLUGS_CACHE_SECONDS)


# Wagtail's site root paths (``Site.get_site_root_paths``: one shared cache entry of
# ~150 entries, a 12 KB pickle read by every request that writes a page link) kept in
# the process while the local token holds. Wagtail drops its entry when a Site or a
# site root page is saved; ``site_root_paths_forget`` does the same and renews the token.
SITE_ROOT_PATHS_LOCAL_KEY = "tenants:site-root-paths"
# Wagtail keeps its entry for an hour; a kept copy never outlives that.
SITE_ROOT_PATHS_SECONDS = 3600


def site_root_paths() -> list[SiteRootPath]:
    """``Site.get_site_root_paths()``, read once per request in place of once per use."""
    return local_get(SITE_ROOT_PATHS_LOCAL_KEY, Site.get_site_root_paths, seconds=SITE_ROOT_PATHS_SECONDS,
                     shared=False)


def site_root_paths_forget(**kwargs) -> None:
    """A Site or a page a site root lies in changed: drop Wagtail's entry, then every
    process's copy; again once the change is committed (a process reading the entry
    back in between could have read the rows as they were)."""
    from django.db import transaction

    def forget():
        Site.clear_site_root_paths_cache()
        local_renew()

    forget()
    transaction.on_commit(forget)


def site_root_page_changed(sender, instance, **kwargs) -> None:
    """A page saved, deleted or moved: site roots lie at the portal homes' depth (or are
    named by a Site), so only those pages (and their ancestors) change the root paths; a
    move may carry a root anywhere."""
    from wagtail.models import Page

    if not isinstance(instance, Page):
        return
    depth = instance.depth or 0
    if "url_path_after" in kwargs or depth <= SITE_ROOT_MAX_DEPTH or instance.pk in {row[4] for row in site_rows()}:
        site_root_paths_forget()


# Root (1) > provincial root (2) > portal home (3): every portal's site root, English tree included.
SITE_ROOT_MAX_DEPTH = 3


def request_site(request) -> Site | None:
    """``Site.find_for_request`` without its query on each request (Wagtail's rules,
    applied to the cached list of sites): the query and its ~150-site ordering cost 3 ms
    of CPU per API search (issue 18, latency). The site is kept on the request, as
    Wagtail keeps it; its ``root_page`` loads when asked for."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    rows = site_rows()
    hostname = split_domain_port(request._get_raw_host())[0]
    try:
        port = int(request.get_port())
    except ValueError:
        port = 0
    # wagtail.models.sites.get_site_for_hostname: exact host and port, then host on the
    # default site, then the default site unless exactly one other site has the host.
    exact = [r for r in rows if r[1] == hostname and r[2] == port]
    default = [r for r in rows if r[3]]
    same_host = [r for r in rows if r[1] == hostname]
    row = None
    if exact:
        row = exact[0]
    elif default and default[0][1] == hostname:
        row = default[0]
    elif default:
        row = same_host[0] if len(same_host) == 1 else default[0]
    elif len(same_host) == 1:
        row = same_host[0]
    site = None
    if row is not None:
        site = Site(pk=row[0], hostname=row[1], port=row[2], is_default_site=row[3], root_page_id=row[4],
                    site_name=row[5])
        site._state.adding = False
    request._wagtail_site = site
    return site


def visitor_root_urls(request) -> dict[int, str]:
    """The root URL (no trailing slash) of each portal's site as ``request``'s visitor reaches it."""
    raw_host = request._get_raw_host()
    host, port = split_domain_port(raw_host)
    scheme = request.scheme
    current = request_site(request)
    domain = getattr(settings, "PORTAL_ALIAS_DOMAIN", "")
    # On a real hostname the other portals' real hostnames resolve too; elsewhere
    # (an alias, 127.0.0.1, localhost) only the aliases do.
    on_real_hostname = current is not None and host == current.hostname
    port_suffix = f":{port}" if port else ""
    roots = {}
    slugs = site_unit_slugs() if domain and not on_real_hostname else {}
    for site_id, slug in slugs.items():
        roots[site_id] = f"{scheme}://{slug}.{domain}{port_suffix}"
    if current is not None:
        roots[current.pk] = f"{scheme}://{raw_host}"
    return roots


def visitor_site_root_paths(request) -> list[SiteRootPath]:
    """Wagtail's site root paths with the root URLs of ``visitor_root_urls``."""
    roots = visitor_root_urls(request)
    return [
        path._replace(root_url=roots[path.site_id]) if path.site_id in roots else path
        for path in site_root_paths()
    ]


def site_root_paths_for_visitor(request) -> None:
    """Make Wagtail's page URLs of this request use the visitor's host (lazily: a
    request that writes no page link pays nothing)."""
    request._wagtail_cached_site_root_paths = SimpleLazyObject(lambda: visitor_site_root_paths(request))


def url_for_visitor(*, url: str, request, absolute: bool = False) -> str:
    """``url`` (absolute, on a portal's real root URL) rewritten onto the visitor's host;
    same-portal links become relative unless ``absolute``. Other URLs are returned unchanged."""
    return visitor_url_rewriter(request, absolute=absolute)(url)


def visitor_url_rewriter(request, *, absolute: bool = False) -> Callable[[str], str]:
    """``url_for_visitor`` for many URLs of one request (the roots are looked up once).
    ``absolute``: same-portal links keep the visitor's scheme and host, as an API answer
    needs (it is read away from the page that would resolve a relative link)."""
    if request is None:
        unchanged = lambda url: url  # noqa: E731
        unchanged.replacements = []
        return unchanged
    roots = visitor_root_urls(request)
    current = request_site(request)
    prefixes = [(path.root_url.rstrip("/") + "/", path.site_id) for path in site_root_paths()
                if path.site_id in roots]

    def rewrite(url: str) -> str:
        if not url or url.startswith("/"):
            return url
        for prefix, site_id in prefixes:
            if url.startswith(prefix):
                rest = url[len(prefix) - 1:]
                if current is not None and site_id == current.pk and not absolute:
                    return rest
                return roots[site_id] + rest
        return url

    # (real root URL, the visitor's) pairs for links inside a text: rich text, Markdown.
    rewrite.replacements = []
    for prefix, site_id in dict.fromkeys(prefixes):
        same_portal = current is not None and site_id == current.pk
        root = "" if same_portal and not absolute else roots[site_id]
        if prefix != root + "/":
            rewrite.replacements.append((prefix, root + "/"))
    return rewrite
