"""What issue 18's latency work took off the request path stays correct (database backend):
the cached filters follow the changes they depend on, the week's query counts wait in the
process and are written after a response, and the request's site is Wagtail's."""

import datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from search import services
from search.models import SearchQueryStat
from tenants.hosts import request_site
from tenants.models import Unit
from tests.cms.factories import NewsPageFactory, rich_body

pytestmark = pytest.mark.usefixtures("database_search")


def titles(outcome):
    return sorted(hit.title for hit in outcome.hits)


def test_cached_filters_follow_restrictions_and_archives(portals):
    """Private paths and archived portals are cached between searches; restricting a page,
    lifting the restriction and archiving a portal (today, not on a later date) show at once."""
    NewsPageFactory(parent=portals.section("bacninh", "tin-tuc"), title="Thông báo của tỉnh", body=rich_body("x"))
    restricted = NewsPageFactory(parent=portals.section("bacninh", "tin-tuc"), title="Thông báo nội bộ",
                                 body=rich_body("x"))
    NewsPageFactory(parent=portals.section("xa-a", "tin-tuc"), title="Thông báo của xã", body=rich_body("x"))
    everything = ["Thông báo của tỉnh", "Thông báo của xã", "Thông báo nội bộ"]
    assert titles(services.pages_search(query="thông báo")) == everything  # caches filled

    restriction = PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.PASSWORD,
                                                     password="x")
    assert titles(services.pages_search(query="thông báo")) == ["Thông báo của tỉnh", "Thông báo của xã"]
    restriction.delete()
    assert titles(services.pages_search(query="thông báo")) == everything

    commune = Unit.objects.get(slug="xa-a")
    commune.archived_on = timezone.localdate() + datetime.timedelta(days=3)  # a scheduled archive
    commune.save()
    assert titles(services.pages_search(query="thông báo")) == everything
    commune.archived_on = timezone.localdate()
    commune.save()
    assert titles(services.pages_search(query="thông báo")) == ["Thông báo của tỉnh", "Thông báo nội bộ"]
    assert titles(services.pages_search(query="thông báo", archived=True)) == ["Thông báo của xã"]


def test_query_counts_wait_in_the_process_and_are_written_after_a_response(client, portals, monkeypatch):
    from search.services import queries

    NewsPageFactory(parent=portals.section("bacninh", "tin-tuc"), title="Thông báo tuyển dụng", body=rich_body("x"))
    for query in ("Thông báo", "thông  báo", "tàu vũ trụ"):
        assert client.get("/api/v2/search/", {"q": query}).status_code == 200
    assert not SearchQueryStat.objects.exists()  # no write on the request path

    monkeypatch.setattr(queries, "QUERY_FLUSH_SECONDS", 0)
    client.get("/api/v2/search/", {"q": "thông báo"})  # its response's end writes what waited
    rows = {(s.portal, s.query): (s.count, s.zero_results) for s in SearchQueryStat.objects.all()}
    assert rows == {("", "thông báo"): (3, 0), ("", "tàu vũ trụ"): (1, 1)}

    monkeypatch.setattr(queries, "QUERY_FLUSH_SECONDS", 3600)
    client.get("/api/v2/search/", {"q": "thông báo"})
    assert SearchQueryStat.objects.get(query="thông báo").count == 3  # waiting
    (report,) = services.weekly_query_report(week=timezone.localdate())  # reading flushes first
    assert report.frequent == [("thông báo", 4), ("tàu vũ trụ", 1)]


def test_the_request_site_is_wagtails(portals):
    """``request_site`` applies Wagtail's host and port rules to the cached site list."""
    factory = RequestFactory()
    province = Site.objects.get(is_default_site=True)
    commune = Unit.objects.get(slug="xa-a").site
    Site.objects.create(hostname=commune.hostname, port=8080, root_page=province.root_page)
    cases = [(commune.hostname, "80"), (commune.hostname, "8080"), (commune.hostname, "81"),
             ("nowhere.example", "80"), (province.hostname, "8080"), ("127.0.0.1", "8000")]
    for hostname, port in cases:
        wagtails = Site._find_for_request(factory.get("/", HTTP_HOST=hostname, SERVER_PORT=port))
        request = factory.get("/", HTTP_HOST=hostname, SERVER_PORT=port)
        assert request_site(request).pk == wagtails.pk, (hostname, port)
        assert Site.find_for_request(request) is request_site(request)  # kept on the request
    assert request_site(factory.get("/", HTTP_HOST=commune.hostname, SERVER_PORT="8080")).port == 8080
