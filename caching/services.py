"""Purging both cache layers when what a page shows changes."""

from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.models import Page

from caching.keys import path_generation_renew
from caching.selectors import page_cache_urls
from caching.replica import replica_catch_up


def cache_purge_urls(*, urls: list[str]) -> None:
    """Drop ``urls`` (every query and language variant) from the app cache, and ask
    Varnish to drop them when ``WAGTAILFRONTENDCACHE`` is configured (``VARNISH_URL``).

    A URL on a portal's hostname drops the path on every host that portal answers on
    (alias, ``127.0.0.1``): both layers file their copies under the canonical hostname
    (``X-Portal-Host``, caching.middleware).

    With a read replica, first waits (briefly) until it has replayed the publish: the
    visitor right after the purge would otherwise refill both layers from the replica's
    older copy (caching.replica)."""
    replica_catch_up()
    for url in urls:
        parts = urlsplit(url)
        path_generation_renew(portal=parts.hostname or "", path=unquote(parts.path))
    if getattr(settings, "WAGTAILFRONTENDCACHE", None) and urls:
        # Run here, not queued for db_worker as Wagtail's purge_urls_from_cache does: the
        # queue is first come, first served, and behind a backlog (search-index updates
        # of an import, a reorganisation) Varnish kept serving the old page for as long
        # as the backlog lasted; bench/cluster.py saw no purge run within a minute of a
        # publish. A PURGE to the Varnish next to the web server takes milliseconds, and
        # the HTTP backend logs a failed one instead of raising.
        purge_urls_from_cache_task.call(list(urls))


def caching_active() -> bool:
    """Whether any layer keeps answers: the app cache, or Varnish in front."""
    return bool(getattr(settings, "PORTAL_CACHE_ENABLED", True) or getattr(settings, "WAGTAILFRONTENDCACHE", None))


def cache_purge_for_page(*, page: Page) -> list[str]:
    """Purge the page's URLs and its listings' once the current transaction commits
    (before that, a request could cache the old content again). Returns the URLs."""
    if not caching_active():
        return []
    urls = page_cache_urls(page=page)
    if urls:
        transaction.on_commit(lambda: cache_purge_urls(urls=urls))
    return urls
