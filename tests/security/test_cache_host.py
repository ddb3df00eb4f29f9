"""Issue #16 item 7: a request with an odd port in its Host must not poison the app cache.

Pages carry absolute links built from the Host the visitor sent (the hreflang
alternates of ``templates/includes/language_links.html``). The app cache keyed entries
by host name without the port, so one ``Host: …:31337`` request made every visitor get
links to port 31337 for ``PORTAL_CACHE_SECONDS``.
"""

import pytest
from django.core.cache import cache
from wagtail.models import Locale

from caching.middleware import CACHE_HEADER
from tests.cms.factories import NewsPageFactory, portal_with_sections

HOST = "sotuphap.bacninh.gov.vn"

pytestmark = pytest.mark.django_db


@pytest.fixture
def app_cache(settings):
    settings.PORTAL_CACHE_ENABLED = True
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def page(db):
    portals = portal_with_sections(slugs={"bacninh", "sotuphap"})
    news = NewsPageFactory(parent=portals.section("sotuphap", "tin-tuc"), title="Tin", slug="tin-thu")
    # Its English version, so the page links its language alternates (hreflang).
    english = news.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.save_revision().publish()
    return news


@pytest.mark.parametrize("url", ["/tin-tuc/tin-thu/"])
def test_a_request_with_another_port_does_not_poison_the_cache(client, app_cache, page, url):
    poisoned = client.get(url, headers={"host": f"{HOST}:31337"})
    assert poisoned.status_code == 200
    assert f"{HOST}:31337".encode() in poisoned.content  # the links follow the Host sent

    honest = client.get(url, headers={"host": HOST})
    assert honest.status_code == 200
    assert b":31337" not in honest.content
    assert honest[CACHE_HEADER] == "MISS"
    assert client.get(url, headers={"host": HOST})[CACHE_HEADER] == "HIT"


def test_a_request_over_another_scheme_does_not_poison_the_cache(client, app_cache, page):
    client.get("/tin-tuc/tin-thu/", headers={"host": HOST})
    secure = client.get("/tin-tuc/tin-thu/", headers={"host": HOST}, secure=True)
    assert secure[CACHE_HEADER] == "MISS"
    assert f'hreflang="en" href="https://{HOST}/'.encode() in secure.content
