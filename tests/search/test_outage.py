"""The engine is down (issue #4): publishing works, search answers from the database
with a notice, and the missed updates wait in the queue. Runs without any engine: the
backend points at a closed port."""

import pytest

from search.models import PendingIndexUpdate
from search.parity import pending_replay
from settings.search import search_backends
from tests.cms.factories import NewsPageFactory, rich_body

CLOSED_PORT_URL = "http://127.0.0.1:9"


@pytest.fixture
def engine_down(settings):
    backends = search_backends(engine="opensearch2", urls=[CLOSED_PORT_URL], index_prefix="portal_test_down_")
    backends["default"]["TIMEOUT"] = 1
    settings.WAGTAILSEARCH_BACKENDS = backends


def test_publishing_works_and_search_falls_back_with_notice(engine_down, client, portals):
    page = NewsPageFactory(parent=portals.section("xa-a", "tin-tuc"), title="Thông báo mất điện",
                           body=rich_body("Lịch cắt điện tuần này."))
    page.save_revision().publish()  # the editor's path: must not raise

    assert PendingIndexUpdate.objects.filter(model_label="cms.newspage", object_id=str(page.pk)).exists()
    body = client.get("/api/v2/search/", {"q": "thong bao mat dien"}).json()
    assert [hit["title"] for hit in body["results"]] == ["Thông báo mất điện"]
    assert body["notice"]
    page_html = client.get("/tim-kiem/", {"q": "thong bao mat dien"}).content.decode()
    assert "Thông báo mất điện" in page_html and 'class="notice' in page_html


def test_replay_keeps_updates_while_the_engine_is_still_down(engine_down, portals):
    NewsPageFactory(parent=portals.section("xa-a", "tin-tuc"), title="Thông báo")
    queued = PendingIndexUpdate.objects.count()
    assert queued and pending_replay() == 0
    assert PendingIndexUpdate.objects.count() == queued
    assert all(update.attempts == 1 for update in PendingIndexUpdate.objects.all())
