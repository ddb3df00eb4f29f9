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


def test_changes_made_by_another_process_show_on_the_next_request(portals):
    """The filters' data and the site roots are kept in the process (tenants.local_cache)
    while the shared token holds: another process's change (its forget deletes the shared
    entries and renews the token; simulated here, its rows written without signals in
    this process) hides a page made private or on an archived portal, and moves the hits'
    links to a renamed host, on this process's next request."""
    import uuid

    from django.core.cache import cache

    from caching.sites import RESTRICTED_PATHS_KEY
    from search.services import PORTAL_ARCHIVES_CACHE_KEY, PORTAL_LABELS_CACHE_KEY
    from tenants.hosts import SITES_CACHE_KEY
    from tenants.local_cache import LOCAL_TOKEN_KEY, request_began, request_ended

    NewsPageFactory(parent=portals.section("bacninh", "tin-tuc"), title="Thông báo của tỉnh", body=rich_body("x"))
    private = NewsPageFactory(parent=portals.section("bacninh", "tin-tuc"), title="Thông báo nội bộ",
                              body=rich_body("x"))
    commune_page = NewsPageFactory(parent=portals.section("xa-a", "tin-tuc"), title="Thông báo của xã",
                                   body=rich_body("x"))
    commune = Unit.objects.get(slug="xa-a")

    def another_process(*keys):
        cache.delete_many(list(keys))
        Site.clear_site_root_paths_cache()
        cache.set(LOCAL_TOKEN_KEY, uuid.uuid4().hex, None)

    def next_request():
        request_ended()
        request_began()
        return services.pages_search(query="thông báo")

    try:
        outcome = next_request()
        assert titles(outcome) == ["Thông báo của tỉnh", "Thông báo của xã", "Thông báo nội bộ"]
        commune_url = next(hit.url for hit in outcome.hits if hit.id == commune_page.pk)
        assert commune_url.startswith(f"http://{commune.site.hostname}/")

        PageViewRestriction.objects.bulk_create([PageViewRestriction(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")])  # no signal
        another_process(RESTRICTED_PATHS_KEY)
        assert titles(next_request()) == ["Thông báo của tỉnh", "Thông báo của xã"]

        Site.objects.filter(pk=commune.site_id).update(hostname="xa-moi.example")
        another_process(SITES_CACHE_KEY)
        outcome = next_request()
        assert next(hit.url for hit in outcome.hits if hit.id == commune_page.pk).startswith("http://xa-moi.example/")

        Unit.objects.filter(pk=commune.pk).update(archived_on=timezone.localdate())
        another_process(PORTAL_ARCHIVES_CACHE_KEY, PORTAL_LABELS_CACHE_KEY)
        assert titles(next_request()) == ["Thông báo của tỉnh"]

        private.unpublish()  # this process: the page's own row says it, whatever is kept
        assert titles(next_request()) == ["Thông báo của tỉnh"]
    finally:
        request_ended()
