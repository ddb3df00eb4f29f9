"""``search.services`` on the real engines (issue #4): Vietnamese analysis, ranking,
filters and the outage path. Each test runs on OpenSearch and on Elasticsearch (the
``engine`` fixture); an engine whose URLs are not set is skipped, failing under CI=true."""

import pytest
from wagtail.models import PageViewRestriction
from wagtail.search.backends import get_search_backend

from search import services
from search.models import PendingIndexUpdate
from tests.cms.factories import LegalDocumentPageFactory, NewsPageFactory, rich_body

pytestmark = pytest.mark.services


def news(portals, unit, title, *, body="Nội dung.", **kwargs):
    return NewsPageFactory(parent=portals.section(unit, "tin-tuc"), title=title, body=rich_body(body), **kwargs)


def titles(outcome):
    return [hit.title for hit in outcome.hits]


def test_results_span_every_portal_with_facets(engine, portals):
    news(portals, "bacninh", "Thông báo tuyển dụng của tỉnh")
    news(portals, "xa-a", "Thông báo lịch tiếp dân của xã")
    engine.refresh()
    outcome = services.pages_search(query="thông báo")
    assert set(titles(outcome)) == {"Thông báo tuyển dụng của tỉnh", "Thông báo lịch tiếp dân của xã"}
    assert {f["value"]: f["count"] for f in outcome.facets["portal"]} == {"bacninh": 1, "xa-a": 1}
    assert not outcome.fallback


def test_folding_both_ways(engine, portals):
    news(portals, "sotuphap", "Thu hút đầu tư vào khu công nghiệp")
    news(portals, "sotuphap", "Thong bao khong dau")
    engine.refresh()
    assert titles(services.pages_search(query="dau tu")) == ["Thu hút đầu tư vào khu công nghiệp"]
    assert titles(services.pages_search(query="ĐẦU TƯ")) == ["Thu hút đầu tư vào khu công nghiệp"]
    assert titles(services.pages_search(query="thông báo")) == ["Thong bao khong dau"]


def test_exact_diacritics_rank_above_folded_matches(engine, portals):
    news(portals, "bacninh", "Lịch bảo trì hệ thống")  # "bao" folded from "bảo"
    news(portals, "bacninh", "Lịch báo cáo định kỳ")
    engine.refresh()
    assert titles(services.pages_search(query="báo"))[0] == "Lịch báo cáo định kỳ"
    assert titles(services.pages_search(query="bảo"))[0] == "Lịch bảo trì hệ thống"


def test_document_number_ranks_first(engine, portals):
    section = portals.section("bacninh", "van-ban")
    LegalDocumentPageFactory(parent=section, document_number="95/QĐ-UBND", title="Quyết định 96 QĐ UBND sửa đổi")
    wanted = LegalDocumentPageFactory(parent=section, document_number="96/QĐ-UBND", title="Quy chế phối hợp")
    engine.refresh()
    for query in ("96/QĐ-UBND", "96/qd-ubnd"):
        assert services.pages_search(query=query).hits[0].id == wanted.pk, query


def test_filters_and_drafts(engine, portals):
    news(portals, "xa-a", "Thông báo của xã A")
    news(portals, "xa-b", "Thông báo của xã B")
    news(portals, "bacninh", "Thông báo của tỉnh")
    news(portals, "bacninh", "Thông báo nháp", live=False)
    private = news(portals, "bacninh", "Thông báo nội bộ")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    engine.refresh()
    assert set(titles(services.pages_search(query="thông báo"))) == {
        "Thông báo của xã A", "Thông báo của xã B", "Thông báo của tỉnh"}
    assert titles(services.pages_search(query="thông báo", portal=portals.units["xa-a"])) == ["Thông báo của xã A"]
    assert set(titles(services.pages_search(query="thông báo", kind="commune"))) == {
        "Thông báo của xã A", "Thông báo của xã B"}
    assert titles(services.pages_search(query="thông báo", section="8.1.e")) == []


def test_outage_publish_still_works_then_search_falls_back_and_replay_repairs(engine, portals, settings):
    from django.core.management import call_command

    up = settings.WAGTAILSEARCH_BACKENDS
    down = {**up, "default": {**up["default"], "URLS": ["http://127.0.0.1:9"], "TIMEOUT": 1}}
    settings.WAGTAILSEARCH_BACKENDS = down
    page = news(portals, "bacninh", "Thông báo khi máy tìm kiếm ngừng")  # publishing does not fail
    assert PendingIndexUpdate.objects.filter(object_id=str(page.pk)).exists()
    outcome = services.pages_search(query="thong bao")
    assert outcome.fallback and titles(outcome) == ["Thông báo khi máy tìm kiếm ngừng"]

    settings.WAGTAILSEARCH_BACKENDS = up
    call_command("search_parity", "--repair", verbosity=0)
    get_search_backend().refresh_index() if hasattr(get_search_backend(), "refresh_index") else engine.refresh()
    engine.refresh()
    assert not PendingIndexUpdate.objects.exists()
    outcome = services.pages_search(query="thong bao")
    assert not outcome.fallback and titles(outcome) == ["Thông báo khi máy tìm kiếm ngừng"]


def test_full_rebuild_swaps_an_alias_to_a_new_index(engine, portals, settings):
    from django.core.management import call_command

    up = settings.WAGTAILSEARCH_BACKENDS
    rebuild_prefix = f"{up['default']['INDEX_PREFIX']}rebuild_"  # own prefix per engine
    settings.WAGTAILSEARCH_BACKENDS = {**up, "default": {**up["default"], "INDEX_PREFIX": rebuild_prefix}}
    news(portals, "bacninh", "Thông báo trước khi dựng lại")
    alias = get_search_backend().get_index_for_model(NewsPageFactory._meta.model)
    try:
        call_command("update_index", backend_name="default", stdout=None, verbosity=0)
        first = [index.name for index in alias.aliased_indices()]
        call_command("update_index", backend_name="default", stdout=None, verbosity=0)
        second = [index.name for index in alias.aliased_indices()]
        assert alias.is_alias() and len(first) == len(second) == 1 and first != second
        assert not alias.es.indices.exists(index=first[0])  # the old index is gone
        assert titles(services.pages_search(query="dựng lại")) == ["Thông báo trước khi dựng lại"]
    finally:
        for index in alias.aliased_indices():
            index.delete()


def test_hits_are_shown_from_the_engine_like_from_the_database(engine, portals, django_assert_max_num_queries):
    """The engine returns each hit's snippet (highlighted, folded words marked, text
    escaped) and date; the database adds only plain values, never a page per hit."""
    page = news(portals, "xa-a", "Hội nghị năm 2025", summary="Tóm tắt hội nghị.",
                body="Xúc tiến <b>đầu tư</b> & thương mại <script>alert(1)</script> tại xã.")
    by_title = news(portals, "bacninh", "Đầu tư công", summary="Kế hoạch của tỉnh.")
    engine.refresh()
    services.pages_search(query="dau tu")  # Wagtail caches the site roots (a query per site) on first use
    with django_assert_max_num_queries(3):  # view restrictions, the hits' values, their portals
        outcome = services.pages_search(query="dau tu")
    hits = {hit.id: hit for hit in outcome.hits}
    hit = hits[page.pk]
    assert "<mark>đầu</mark> <mark>tư</mark>" in hit.snippet and "&amp; thương mại" in hit.snippet
    assert "<b>" not in hit.snippet and "<script" not in hit.snippet
    assert (hit.url, hit.date, hit.portal.slug, hit.section, hit.page_type) == (
        page.full_url, page.information_date, "xa-a", "8.1.b", "cms.newspage")
    assert hits[by_title.pk].snippet.startswith("Kế hoạch của tỉnh")  # found by its title: its text's start


def test_autocomplete_folds_what_is_typed(engine, portals):
    news(portals, "bacninh", "Thông báo lịch tiếp công dân")
    news(portals, "xa-a", "Đầu tư công năm 2025")
    engine.refresh()
    for typed, title in (("thôn", "Thông báo lịch tiếp công dân"), ("thon", "Thông báo lịch tiếp công dân"),
                         ("Đầu t", "Đầu tư công năm 2025"), ("dau", "Đầu tư công năm 2025")):
        pages, fallback = services.pages_autocomplete(query=typed)
        assert [p.title for p in pages] == [title] and not fallback, typed


def test_a_place_named_with_the_topic_finds_its_portals_page(engine, portals):
    # The district's page says "huyện", not its own name; the province's has no place at all.
    news(portals, "tiendu", "Công khai bảng giá đất năm 2025 trên địa bàn huyện")
    news(portals, "bacninh", "Bảng giá đất năm 2025 áp dụng từ tháng 1")
    engine.refresh()
    for query in ("bảng giá đất Tiên Du", "bang gia dat tien du"):
        outcome = services.pages_search(query=query)
        assert titles(outcome)[0] == "Công khai bảng giá đất năm 2025 trên địa bàn huyện", query
        assert "Tiên Du" not in outcome.hits[0].snippet  # the name is searched, not shown
