"""Django's cache on a real Redis, as in production (``CACHE_URL=redis://…``,
``caching.redis.PortalRedisCache``): the cache operations, the app cache's entries and
purges, and Q&A rate limits, shared between processes.

The server is PORTAL_TEST_REDIS_URL (``./scripts/test`` starts one with
``scripts/services/redis.sh``). Skipped on a laptop without it; with CI=true a missing
server fails. Each test keys its entries under a prefix of its own and deletes only
those afterwards (never FLUSHDB: the server may be shared).

"Another process" is another thread: Django's cache handler builds each thread its own
``PortalRedisCache`` instance (own connection pool, own client), just as each web
process has its own.
"""

import os
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache, caches
from django.test.utils import override_settings

from caching.keys import entry_key, path_generation, path_generation_renew
from caching.middleware import CACHE_HEADER
from caching.redis import PortalRedisCache
from caching.services import cache_purge_urls
from qa.ratelimit import fixed_window_check
from tests.caching.conftest import HOST

pytestmark = pytest.mark.services

API_URL = "/api/v2/pages/?type=cms.NewsPage"


@pytest.fixture(scope="session")
def redis_url():
    url = os.environ.get("PORTAL_TEST_REDIS_URL")
    if url:
        return url
    if os.environ.get("CI") in ("true", "1"):
        pytest.fail("CI=true: PORTAL_TEST_REDIS_URL is not set (Redis did not start)", pytrace=False)
    pytest.skip("PORTAL_TEST_REDIS_URL not set: no Redis to test against (./scripts/test starts one)")


def _close(redis_cache: PortalRedisCache) -> None:
    for pool in redis_cache._cache._pools.values():
        pool.disconnect()


@pytest.fixture
def redis_cache(redis_url):
    """The default cache on Redis for this test, under a key prefix of its own; the
    app cache on."""
    prefix = f"portal-test-{uuid.uuid4().hex}"
    backend = {"BACKEND": "caching.redis.PortalRedisCache", "LOCATION": redis_url, "KEY_PREFIX": prefix}
    # override_settings(CACHES=…) sends setting_changed, whose receiver in Django
    # (django.test.signals.clear_cache_handlers) closes the caches and makes the
    # handler build them again from the new settings, on entry and on exit.
    with override_settings(CACHES={"default": backend}, PORTAL_CACHE_ENABLED=True):
        redis_cache = caches["default"]
        assert isinstance(redis_cache, PortalRedisCache)
        redis_cache.prefix = prefix
        redis_cache.raw = redis_cache._cache.get_client(write=True)
        redis_cache.raw.ping()
        try:
            yield redis_cache
        finally:
            stale = list(redis_cache.raw.scan_iter(match=f"{prefix}:*", count=1000))
            if stale:
                redis_cache.raw.delete(*stale)
            _close(redis_cache)
    assert not isinstance(caches["default"], PortalRedisCache)


def in_other_process(func, *args, **kwargs):
    """``func(*args, **kwargs)`` on another PortalRedisCache instance, as another web
    process would run it."""

    def run():
        other = caches["default"]
        try:
            assert isinstance(other, PortalRedisCache)
            return other, func(*args, **kwargs)
        finally:
            _close(other)

    with ThreadPoolExecutor(max_workers=1) as pool:
        other, result = pool.submit(run).result()
    assert other is not caches["default"]
    return result


def test_set_get_add_incr_delete(redis_cache):
    assert redis_cache.get("missing") is None
    assert redis_cache.get("missing", "default") == "default"

    entry = (200, [("Content-Type", "application/json")], "Tiếng Việt".encode())
    redis_cache.set("entry", entry, 60)
    assert redis_cache.get("entry") == entry
    assert 0 < redis_cache.raw.ttl(f"{redis_cache.prefix}:1:entry") <= 60

    assert redis_cache.add("counter", 0, timeout=60) is True
    assert redis_cache.add("counter", 5, timeout=60) is False  # kept: 0
    assert redis_cache.incr("counter") == 1
    assert redis_cache.incr("counter", 10) == 11
    assert redis_cache.get("counter") == 11
    with pytest.raises(ValueError):
        redis_cache.incr("never-set")

    redis_cache.set("forever", "x", timeout=None)
    assert redis_cache.raw.ttl(f"{redis_cache.prefix}:1:forever") == -1  # no expiry

    assert redis_cache.delete("entry") is True
    assert redis_cache.delete("entry") is False
    assert redis_cache.get("entry") is None
    # Everything lives under this test's prefix on the server.
    assert sorted(redis_cache.raw.scan_iter(match=f"{redis_cache.prefix}:*")) == [
        f"{redis_cache.prefix}:1:counter".encode(),
        f"{redis_cache.prefix}:1:forever".encode(),
    ]
    # The default cache the app imports is this one.
    cache.set("via-proxy", 1)
    assert redis_cache.get("via-proxy") == 1


def test_two_instances_see_each_others_writes_and_purges(redis_cache):
    redis_cache.set("shared", "from A", 60)
    assert in_other_process(cache.get, "shared") == "from A"

    in_other_process(cache.set, "shared", "from B", 60)
    assert redis_cache.get("shared") == "from B"

    in_other_process(cache.delete, "shared")
    assert redis_cache.get("shared") is None

    # An app-cache key: both processes derive the same one from the same generation,
    # and a purge in one changes the key the other computes.
    where = {"portal": HOST, "path": "/api/v2/pages/"}
    key = entry_key(**where, host=HOST, query="", language="vi", origin="")
    assert in_other_process(entry_key, **where, host=HOST, query="", language="vi", origin="") == key
    token = path_generation(**where)
    in_other_process(path_generation_renew, **where)
    assert path_generation(**where) != token
    assert entry_key(**where, host=HOST, query="", language="vi", origin="") != key


def test_rate_limit_counts_across_processes(redis_cache):
    window = {"key": f"qa:submissions:test-{uuid.uuid4().hex}", "limit": 3, "window": 60}
    assert fixed_window_check(**window).allowed
    assert in_other_process(fixed_window_check, **window).allowed
    assert fixed_window_check(**window).allowed
    refused = in_other_process(fixed_window_check, **window)
    assert not refused.allowed and 0 < refused.retry_after <= 60


def test_app_cache_miss_hit_and_purges(client, redis_cache, news, django_capture_on_commit_callbacks):
    first = client.get(API_URL, headers={"host": HOST})
    assert first.status_code == 200 and first[CACHE_HEADER] == "MISS"
    second = client.get(API_URL, headers={"host": HOST})
    assert second[CACHE_HEADER] == "HIT" and second.content == first.content
    assert list(redis_cache.raw.scan_iter(match=f"{redis_cache.prefix}:1:portalcache:entry:*"))

    # A purge of the path in another process reaches this one.
    in_other_process(path_generation_renew, portal=HOST, path="/api/v2/pages/")
    assert client.get(API_URL, headers={"host": HOST})[CACHE_HEADER] == "MISS"
    assert client.get(API_URL, headers={"host": HOST})[CACHE_HEADER] == "HIT"

    # The purge service publishing uses, from another process too.
    in_other_process(cache_purge_urls, urls=[f"http://{HOST}/api/v2/pages/"])
    assert client.get(API_URL, headers={"host": HOST})[CACHE_HEADER] == "MISS"

    # Publishing purges (on commit) and the next GET shows the new title.
    news.title = "Tin mới"
    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()
    listing = client.get(API_URL, headers={"host": HOST})
    assert listing[CACHE_HEADER] == "MISS"
    assert "Tin mới" in [item["title"] for item in listing.json()["items"]]
    assert client.get(API_URL, headers={"host": HOST})[CACHE_HEADER] == "HIT"
