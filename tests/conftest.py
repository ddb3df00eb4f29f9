"""Suite-wide fixtures. With CI=true the suite must run on the real PostgreSQL."""

import os

import pytest


def pytest_sessionstart(session):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if os.environ.get("CI") == "true" and "postgresql" not in engine:
        pytest.exit(f"CI=true needs PostgreSQL (DATABASE_URL), got {engine}", returncode=3)


@pytest.fixture(autouse=True)
def _cache_cleared():
    """Each test starts with an empty cache: what a test put there (the per-portal data
    of cms.chrome, built from rows its rollback removed) must not show in the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _site_language_active():
    """Each test starts in the site's language (Vietnamese): LocaleMiddleware leaves the
    language of a test's last request (/en/...) active in its worker's thread, and a
    later test on the same xdist worker then read English ("bytes" for "byte", once in a
    fresh-clone CI run)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


def _flushes_serialized_data(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction") and marker.kwargs.get("serialized_rollback"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Put back what the migrations created (the default Locale, the root page…) after a
    transactional test has flushed the database.

    Django and pytest-django run transactional tests last, so nothing comes after their
    flush; under pytest-xdist (``scripts/test`` runs it) a worker takes whole files in
    the controller's order, and a plain test may follow a flush in the same database.
    """
    yield
    # nextitem None: the session is over and its teardown has dropped the test database.
    if nextitem is None or not _flushes_serialized_data(item):
        return
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


def pytest_sessionfinish(session, exitstatus):
    """Search counts a test left waiting (search.services.queries) would be written at
    process exit, when the test database is gone: drop them with the session."""
    from search.services import query_records_discard

    query_records_discard()
