"""Fixtures of the search tests (issue #4).

``engine`` marks tests that need a real search engine. It is parametrized over the
engines (OpenSearch, Elasticsearch): each such test runs once per engine whose URL
variable is set (OPENSEARCH_URLS, ELASTICSEARCH_URLS; see ``SEARCH_TEST_ENGINES`` in
settings/test.py), is skipped for an engine that is not set on a laptop, and FAILS under
CI=true, where a missing engine is a broken environment, not a reason to skip. During
the test the engine is the default backend (``settings.WAGTAILSEARCH_BACKENDS``), with
an index prefix of its own. Each engine's page index is created once per session
(``search_indexes``); tests refresh it after writing instead of rebuilding it.
"""

import os

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.test.utils import override_settings
from wagtail.search.backends import get_search_backend

from tests.cms.factories import portal_with_sections
from tests.search.indexes import page_index_reset

# engine name (the test id suffix) -> the variable that ./scripts/test exports for it
ENGINES = {"opensearch": "OPENSEARCH_URLS", "elasticsearch": "ELASTICSEARCH_URLS"}


def engine_backends(name: str) -> dict | None:
    """WAGTAILSEARCH_BACKENDS for engine ``name``, None when it is not configured."""
    configured = getattr(django_settings, "SEARCH_TEST_ENGINES", {}).get(name)
    return configured[1] if configured else None


def engine_configured(name: str = "opensearch") -> bool:
    return engine_backends(name) is not None


def require_engine(name: str = "opensearch") -> dict:
    """The engine's backends; skip without it, except in CI, where its absence is a failure."""
    backends = engine_backends(name)
    if backends is not None:
        return backends
    message = f"{name} is not configured (set {ENGINES[name]}, as ./scripts/test does)"
    if os.environ.get("CI") in ("true", "1"):
        pytest.fail(f"CI=true: {message}")
    pytest.skip(message)


@pytest.fixture(scope="session")
def search_indexes(django_db_setup):
    """Engine name -> its page index, each created empty on first use, deleted at the end."""
    indexes = {}
    yield indexes
    for index in indexes.values():
        index.delete()


def _page_index(backends: dict):
    """The page index of the engine configured by ``backends``, created empty."""
    from wagtail.models import Page

    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        index = get_search_backend().get_index_for_model(Page)
    index.empty = lambda: page_index_reset(index)
    return index


@pytest.fixture(params=list(ENGINES))
def engine(request, search_indexes, settings, db):
    """The engine (its page index), emptied of the previous test's documents, and made
    the default search backend for the test."""
    name = request.param
    backends = require_engine(name)
    settings.WAGTAILSEARCH_BACKENDS = backends
    if name not in search_indexes:
        search_indexes[name] = _page_index(backends)
    index = search_indexes[name]
    index.empty()
    index.engine_name = name
    return index


@pytest.fixture
def database_search(settings):
    """Run the test on the database backend, whatever the environment configures."""
    from settings.search import DATABASE_BACKEND

    settings.WAGTAILSEARCH_BACKENDS = {"default": dict(DATABASE_BACKEND)}


@pytest.fixture(scope="module")
def province(django_db_setup, django_db_blocker):
    """The small province with its sections, built once per module (provisioning is
    slow) inside a transaction rolled back at the module's end; each test's own
    writes are rolled back after it by ``db``."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield portal_with_sections()
        transaction.set_rollback(True)


@pytest.fixture
def portals(province, db):
    return province


@pytest.fixture(autouse=True)
def hidden_pages_forgotten():
    """The hidden pages (empty sections, republished copies) are cached across requests and
    dropped by signals; a rolled-back test sends none, so each test starts without them."""
    from django.core.cache import cache

    from search.promotions import PROMOTION_KEYS_CACHE_KEY
    from search.services import (HIDDEN_PAGES_CACHE_KEY, PORTAL_ARCHIVES_CACHE_KEY, PORTAL_LABELS_CACHE_KEY,
                                 PRIVATE_PATHS_CACHE_KEY)

    keys = [HIDDEN_PAGES_CACHE_KEY, PROMOTION_KEYS_CACHE_KEY, PRIVATE_PATHS_CACHE_KEY, PORTAL_ARCHIVES_CACHE_KEY,
            PORTAL_LABELS_CACHE_KEY]
    from search.services.filters import PORTAL_HOMES_CACHE_KEY

    keys.append(PORTAL_HOMES_CACHE_KEY)  # a test's translated homes are no other test's
    from search.services import query_records_discard
    from tenants.hosts import SITES_CACHE_KEY

    keys.append(SITES_CACHE_KEY)  # sites of a rolled-back test are no other test's
    from search.backends.vietnamese import INDEX_GENERATION_KEY

    keys.append(INDEX_GENERATION_KEY)  # the engine's kept counts: each test empties the index
    cache.delete_many(keys)
    query_records_discard()  # counts of searches a rolled-back test made
    yield
    cache.delete_many(keys)
    query_records_discard()
