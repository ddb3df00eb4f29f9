"""Fixtures of the caching tests: the app cache on and empty, one portal with a news page."""

import pytest
from django.core.cache import cache

from tests.cms.factories import NewsPageFactory, portal_with_sections

HOST = "sotuphap.bacninh.gov.vn"


@pytest.fixture
def app_cache(settings):
    settings.PORTAL_CACHE_ENABLED = True
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def portals(db):
    return portal_with_sections(slugs={"bacninh", "sotuphap"})


@pytest.fixture
def news(portals):
    """A live news page in the sotuphap portal's news section."""
    return NewsPageFactory(parent=portals.section("sotuphap", "tin-tuc"), title="Tin cũ", slug="tin-thu")
