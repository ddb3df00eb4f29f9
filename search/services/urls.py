"""Page URLs of many hits without a page object each."""

import re
from functools import lru_cache

from django.conf import settings
from django.urls import get_urlconf
from django.utils.functional import cached_property
from django.utils import translation
from wagtail.models import Page

from tenants.hosts import SITE_ROOT_PATHS_SECONDS, site_root_paths
from tenants.local_cache import local_get


# Characters a URL path segment keeps as they are (Django's reverse quotes nothing else here).
_PLAIN_PATH = re.compile(r"[A-Za-z0-9_\-/]*")


class PageUrls:
    """``Page.get_full_url()`` of many pages from their ``url_path`` alone, without a page each.

    Wagtail's URL of a page is its site root's URL plus the rest of its url_path, reversed
    through ``wagtail_serve`` (language prefix, quoting): a reverse per page cost a third
    of a search's Python time. Here Wagtail computes each site root's URL once (on a bare
    page, so its own rules apply) and plain ASCII paths are appended to it; the site roots
    are Wagtail's, kept in the process (tenants.hosts.site_root_paths); any other path
    (Unicode slugs need quoting) and WAGTAIL_APPEND_SLASH = False go through Wagtail whole.
    """

    def __init__(self):
        self.roots = _site_roots_by_path()

    @cached_property
    def bare_page(self) -> Page:
        """A page for Wagtail's own URL of a path (made when one is needed: a model
        instance costs more than the URLs of a page of plain hits)."""
        page = Page()
        # Wagtail's own URLs of this bare page read the root paths kept in the process.
        page._wagtail_cached_site_root_paths = site_root_paths()
        return page

    def __call__(self, url_path: str) -> str:
        from wagtail.coreutils import WAGTAIL_APPEND_SLASH

        root = self._root_of(url_path)
        if root is None:
            return ""
        rest = url_path[len(root.root_path):]
        if not WAGTAIL_APPEND_SLASH or not _PLAIN_PATH.fullmatch(rest):
            return self._wagtail_url(url_path)
        root_url = _site_root_url(root, translation.get_language(), get_urlconf() or settings.ROOT_URLCONF)
        return root_url + rest if root_url.endswith("/") else self._wagtail_url(url_path)

    def _root_of(self, url_path: str):
        """The site root Wagtail would pick: the deepest root path ``url_path`` starts with."""
        end = len(url_path)
        while end > 0:
            root = self.roots.get(url_path[:end])
            if root is not None:
                return root
            end = url_path.rfind("/", 0, end - 1) + 1
        return None

    def _wagtail_url(self, url_path: str) -> str:
        self.bare_page.url_path = url_path
        return self.bare_page.get_full_url() or ""


def _site_roots_by_path() -> dict:
    """Root path -> Wagtail's SiteRootPath, kept in the process with the root paths
    themselves (tenants.hosts.site_root_paths): built once, not on every search."""
    def build():
        # Wagtail orders site roots by url_path descending: of the roots a page lies
        # under, the deepest comes first (and the default site among aliases of one root).
        roots = {}
        for root in site_root_paths():
            roots.setdefault(root.root_path, root)
        return roots

    return local_get(SITE_ROOTS_BY_PATH_KEY, build, seconds=SITE_ROOT_PATHS_SECONDS, shared=False)


SITE_ROOTS_BY_PATH_KEY = "search:site-roots-by-path"


@lru_cache(maxsize=4096)
def _site_root_url(root, language: str, urlconf) -> str:
    """A site root's URL in ``language`` as Wagtail reverses it, once per process: the
    arguments are everything the reverse depends on (a renamed host is a new ``root``)."""
    page = Page()
    page.url_path = root.root_path
    page._wagtail_cached_site_root_paths = site_root_paths()
    return page.get_full_url() or ""
