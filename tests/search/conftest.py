"""Fixtures of the search tests (issue #4).

``engine`` marks tests that need the real OpenSearch: they run when OPENSEARCH_URLS is
set, are skipped on a laptop without it, and FAIL under CI=true, where a missing engine
is a broken environment, not a reason to skip. The index is created once per session
(``search_index``); tests refresh it after writing instead of rebuilding it.
"""

import os

import pytest
from django.db import transaction
from django.conf import settings
from wagtail.search.backends import get_search_backend

from tests.cms.factories import portal_with_sections

ENGINE_URLS = os.environ.get("OPENSEARCH_URLS", "")


def engine_configured() -> bool:
    return "opensearch" in settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]


def require_engine():
    """Skip without the engine, except in CI, where its absence is a failure."""
    if engine_configured():
        return
    message = "OpenSearch is not configured (set OPENSEARCH_URLS, as ./scripts/test does)"
    if os.environ.get("CI") in ("true", "1"):
        pytest.fail(f"CI=true: {message}")
    pytest.skip(message)


@pytest.fixture(scope="session")
def search_index(django_db_setup):
    """The engine's page index, created empty once for the whole session."""
    require_engine()
    from modelsearch.index import get_indexed_models
    from wagtail.models import Page

    index = get_search_backend().get_index_for_model(Page)

    def empty():
        # Recreating the index is as fast as emptying it, and the test distribution
        # has no _delete_by_query (that lives in the reindex module).
        index.reset()
        for model in get_indexed_models():
            if issubclass(model, Page):
                index.add_model(model)

    index.empty = empty
    yield index
    index.delete()


@pytest.fixture
def engine(search_index, db):
    """The engine, emptied of the previous test's documents."""
    search_index.empty()
    return search_index


@pytest.fixture
def database_search(settings):
    """Run the test on the database backend, whatever the environment configures."""
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database.SearchBackend"}}


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
