"""What keeps ``pages_search`` fast (issue #4), on both backends: a bounded number of
database queries whatever the number of hits, one engine request per search, facets
counted over the best ``FACET_HIT_LIMIT`` hits, and the same facets on both backends."""

import datetime

import pytest
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from search import services
from tests.cms.factories import LegalDocumentPageFactory, NewsPageFactory, rich_body


def news(portals, unit, title, **kwargs):
    return NewsPageFactory(parent=portals.section(unit, "tin-tuc"), title=title, body=rich_body("Nội dung."), **kwargs)


def some_pages(portals):
    for n in range(4):
        news(portals, "xa-a", f"Thông báo xã A {n}")
    news(portals, "bacninh", "Thông báo tỉnh", first_published_at=timezone.make_aware(datetime.datetime(2024, 5, 1)))
    LegalDocumentPageFactory(parent=portals.section("tiendu", "van-ban"), title="Thông báo kết luận",
                             document_number="7/TB-UBND")


def as_dict(facet):
    return {f["value"]: f["count"] for f in facet}


def check_facets_and_paging(portals):
    outcome = services.pages_search(query="thông báo", page=2, page_size=4)
    assert (outcome.total, outcome.num_pages, len(outcome.hits)) == (6, 2, 2)
    facets = outcome.facets
    assert as_dict(facets["portal"]) == {"xa-a": 4, "bacninh": 1, "tiendu": 1}
    assert as_dict(facets["kind"]) == {"commune": 4, "province": 1, "district": 1}
    assert as_dict(facets["section"]) == {"8.1.b": 5, "8.1.e": 1}
    assert as_dict(facets["type"]) == {"cms.newspage": 5, "cms.legaldocumentpage": 1}
    assert as_dict(facets["year"])["2024"] == 1 and sum(as_dict(facets["year"]).values()) == 6
    assert {hit.page_type for hit in outcome.hits} <= {"cms.newspage", "cms.legaldocumentpage"}
    assert all(hit.url and hit.portal is not None for hit in outcome.hits)


def check_sample_cap(monkeypatch):
    monkeypatch.setattr(services.facets, "FACET_HIT_LIMIT", 2)
    outcome = services.pages_search(query="thông báo")
    assert outcome.total == 6
    assert sum(f["count"] for f in outcome.facets["type"]) == 2  # the best 2 hits only


def check_document_number_counted_once(portals):
    outcome = services.pages_search(query="7/TB-UBND")
    assert outcome.hits[0].title == "Thông báo kết luận"
    assert outcome.total == len({hit.id for hit in outcome.hits})
    assert as_dict(outcome.facets["type"]).get("cms.legaldocumentpage") == 1


@pytest.mark.usefixtures("database_search")
def test_database_facets_paging_and_sample(portals, monkeypatch):
    some_pages(portals)
    check_facets_and_paging(portals)
    check_document_number_counted_once(portals)
    check_sample_cap(monkeypatch)


@pytest.mark.usefixtures("database_search")
def test_database_queries_do_not_grow_with_hits(portals, django_assert_max_num_queries):
    for n in range(30):
        news(portals, "xa-a" if n % 2 else "bacninh", f"Thông báo số {n}")
    with django_assert_max_num_queries(14):
        outcome = services.pages_search(query="thông báo", page_size=20)
    assert outcome.total == 30 and len(outcome.hits) == 20


@pytest.mark.services
def test_engine_facets_paging_and_sample(engine, portals, monkeypatch):
    some_pages(portals)
    engine.refresh()
    check_facets_and_paging(portals)
    check_document_number_counted_once(portals)
    check_sample_cap(monkeypatch)


@pytest.mark.services
def test_engine_one_request_and_bounded_queries(engine, portals, django_assert_max_num_queries, monkeypatch):
    for n in range(30):
        news(portals, "xa-a" if n % 2 else "bacninh", f"Thông báo số {n}")
    engine.refresh()
    client_class = type(get_search_backend().es)  # a new backend (and client) per search: patch the class
    requests = []
    search = client_class.search
    monkeypatch.setattr(client_class, "search", lambda *args, **kwargs: requests.append(kwargs) or search(*args, **kwargs))
    monkeypatch.setattr(client_class, "count", lambda *args, **kwargs: pytest.fail("no separate count request"))
    monkeypatch.setattr(client_class, "scroll", lambda *args, **kwargs: pytest.fail("no scroll"))
    with django_assert_max_num_queries(10):
        outcome = services.pages_search(query="thông báo", page_size=20)
    assert outcome.total == 30 and len(outcome.hits) == 20
    assert as_dict(outcome.facets["portal"]) == {"xa-a": 15, "bacninh": 15}
    assert len(requests) == 1 and requests[0]["size"] == 20


@pytest.mark.services
def test_engine_index_without_the_portal_field_still_counts_portals(engine, portals, monkeypatch):
    """An index built before ``_portal_home`` existed (until update_index runs)."""
    from search.backends import vietnamese

    some_pages(portals)
    engine.refresh()
    monkeypatch.setattr(vietnamese, "PORTAL_HOME_FIELD", "_not_in_this_index")
    facets = services.pages_search(query="thông báo").facets
    assert as_dict(facets["portal"]) == {"xa-a": 4, "bacninh": 1, "tiendu": 1}
