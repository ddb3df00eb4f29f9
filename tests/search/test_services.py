"""``search.services`` on the database backend: runs everywhere, on every machine."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from search import services
from tests.cms.factories import LegalDocumentPageFactory, NewsPageFactory, rich_body

pytestmark = pytest.mark.usefixtures("database_search")


def news(portals, unit, title, *, body="Nội dung.", **kwargs):
    return NewsPageFactory(parent=portals.section(unit, "tin-tuc"), title=title, body=rich_body(body), **kwargs)


def titles(outcome):
    return [hit.title for hit in outcome.hits]


def test_results_span_every_portal(portals):
    news(portals, "bacninh", "Thông báo tuyển dụng của tỉnh")
    news(portals, "xa-a", "Thông báo lịch tiếp dân của xã")
    outcome = services.pages_search(query="thông báo")
    assert set(titles(outcome)) == {"Thông báo tuyển dụng của tỉnh", "Thông báo lịch tiếp dân của xã"}
    assert {hit.portal.slug for hit in outcome.hits} == {"bacninh", "xa-a"}
    assert not outcome.fallback


def test_query_without_diacritics_finds_vietnamese_text(portals):
    news(portals, "sotuphap", "Thu hút đầu tư vào khu công nghiệp")
    assert titles(services.pages_search(query="dau tu")) == ["Thu hút đầu tư vào khu công nghiệp"]
    assert titles(services.pages_search(query="thu hut DAU TU")) == ["Thu hút đầu tư vào khu công nghiệp"]


def test_a_question_finds_the_pages_with_its_content_words(portals):
    """A citizen types a question; the page answering it has none of "được", "những", "gì"
    (issue 18: no result at all, on every backend, before)."""
    news(portals, "bacninh", "Chính sách hỗ trợ hộ nghèo năm 2026", body="Hộ nghèo được cấp thẻ bảo hiểm y tế.")
    news(portals, "xa-a", "Lịch tiếp công dân")
    outcome = services.pages_search(query="hộ nghèo được hỗ trợ những gì")
    assert titles(outcome) == ["Chính sách hỗ trợ hộ nghèo năm 2026"] and outcome.suggestion == ""
    # The content words keep the synonyms: "BHYT" finds "bảo hiểm y tế".
    assert titles(services.pages_search(query="BHYT cho hộ nghèo")) == ["Chính sách hỗ trợ hộ nghèo năm 2026"]


def test_a_place_named_with_the_topic_finds_its_portals_page(portals):
    # The district's page says "huyện", not its own name (issue 18: "rác thải Liên Bão").
    news(portals, "tiendu", "Công khai bảng giá đất năm 2025 trên địa bàn huyện")
    news(portals, "bacninh", "Bảng giá đất năm 2025 áp dụng từ tháng 1")
    for query in ("bảng giá đất Tiên Du", "bang gia dat tien du"):
        outcome = services.pages_search(query=query)
        assert titles(outcome)[0] == "Công khai bảng giá đất năm 2025 trên địa bàn huyện", query
        assert "Tiên Du" not in outcome.hits[0].snippet


def test_syllables_that_are_english_stop_words_count(portals):
    # PostgreSQL's default "english" search config dropped the folded "to" of "tờ": the
    # folded form "to khai" matched every page with "khai" ("triển khai").
    forms = {"Mẫu tờ khai lệ phí trước bạ", "Tờ khai thuế thu nhập cá nhân", "Hướng dẫn điền tờ khai hải quan"}
    for title in forms:
        news(portals, "sotuphap", title)
    news(portals, "sotuphap", "Triển khai kế hoạch cải cách hành chính")
    outcome = services.pages_search(query="tờ khai")  # three hits: no fallback adds approximate ones
    assert set(titles(outcome)) == forms and not outcome.fuzzy


def test_query_with_diacritics_finds_text_typed_without(portals):
    news(portals, "sotuphap", "Thong bao khong dau")
    assert titles(services.pages_search(query="thông báo")) == ["Thong bao khong dau"]


def test_document_number_finds_that_document_first(portals):
    section = portals.section("bacninh", "van-ban")
    LegalDocumentPageFactory(parent=section, document_number="95/QĐ-UBND", title="Quyết định về quy chế 96")
    wanted = LegalDocumentPageFactory(parent=section, document_number="96/QĐ-UBND", title="Quy chế phối hợp")
    for query in ("96/QĐ-UBND", "96/qd-ubnd", "96/QD-UBND"):
        outcome = services.pages_search(query=query)
        assert outcome.hits[0].id == wanted.pk, query


def test_drafts_and_private_pages_are_never_returned(portals):
    news(portals, "bacninh", "Thông báo công khai")
    news(portals, "bacninh", "Thông báo nháp", live=False)
    private = news(portals, "bacninh", "Thông báo nội bộ")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert titles(services.pages_search(query="thông báo")) == ["Thông báo công khai"]


def test_filters(portals):
    news(portals, "bacninh", "Thông báo của tỉnh")
    news(portals, "xa-a", "Thông báo của xã A")
    news(portals, "xa-b", "Thông báo của xã B", first_published_at=timezone.make_aware(datetime.datetime(2024, 5, 1)))
    LegalDocumentPageFactory(parent=portals.section("tiendu", "van-ban"), title="Thông báo kết luận",
                             document_number="7/TB-UBND")
    search = services.pages_search
    assert titles(search(query="thông báo", portal=portals.units["xa-a"])) == ["Thông báo của xã A"]
    assert set(titles(search(query="thông báo", kind="commune"))) == {"Thông báo của xã A", "Thông báo của xã B"}
    assert titles(search(query="thông báo", section="8.1.e")) == ["Thông báo kết luận"]
    assert titles(search(query="thông báo", page_type="cms.legaldocumentpage")) == ["Thông báo kết luận"]
    assert titles(search(query="thông báo", date_to=datetime.date(2024, 12, 31))) == ["Thông báo của xã B"]
    assert "Thông báo của xã B" not in titles(search(query="thông báo", date_from=datetime.date(2025, 1, 1)))
    assert len(titles(search(query="thông báo", locale=Locale.objects.get(language_code="vi")))) == 4
    assert titles(search(query="thông báo", locale=Locale.objects.get_or_create(language_code="en")[0])) == []


def test_facets_count_portals_kinds_sections_types_years(portals):
    news(portals, "xa-a", "Thông báo một")
    news(portals, "xa-a", "Thông báo hai")
    news(portals, "bacninh", "Thông báo ba")
    facets = services.pages_search(query="thông báo").facets
    assert {f["value"]: f["count"] for f in facets["portal"]} == {"xa-a": 2, "bacninh": 1}
    assert {f["value"]: f["count"] for f in facets["kind"]} == {"commune": 2, "province": 1}
    assert {f["value"]: f["count"] for f in facets["section"]} == {"8.1.b": 3}
    assert {f["value"]: f["count"] for f in facets["type"]} == {"cms.newspage": 3}
    assert sum(f["count"] for f in facets["year"]) == 3


def test_snippet_highlights_folded_matches(portals):
    news(portals, "bacninh", "Tin tức", body="Hội nghị xúc tiến đầu tư năm 2025 tại Bắc Ninh.")
    hit = services.pages_search(query="dau tu").hits[0]
    assert "<mark>đầu</mark> <mark>tư</mark>" in hit.snippet


def test_pagination(portals):
    for n in range(5):
        news(portals, "bacninh", f"Thông báo số {n}")
    outcome = services.pages_search(query="thông báo", page=2, page_size=2)
    assert (outcome.total, outcome.num_pages, len(outcome.hits)) == (5, 3, 2)


def test_legal_document_search_by_number_type_authority_dates_and_words(portals):
    section = portals.section("bacninh", "van-ban")
    decision = LegalDocumentPageFactory(parent=section, document_number="96/QĐ-UBND", document_type="decision",
                                        issuing_authority="UBND tỉnh Bắc Ninh", issue_date=datetime.date(2021, 3, 18),
                                        abstract="Quy chế phối hợp cung cấp thông tin trên cổng thông tin điện tử")
    directive = LegalDocumentPageFactory(parent=section, document_number="12/CT-UBND", document_type="directive",
                                         issuing_authority="UBND tỉnh Bắc Ninh", issue_date=datetime.date(2023, 1, 5),
                                         abstract="Tăng cường kỷ luật hành chính")
    search = services.legal_documents_search
    assert [h.id for h in search(number="96/qd-ubnd").hits] == [decision.pk]
    assert [h.id for h in search(document_type="directive").hits] == [directive.pk]
    assert len(search(authority="UBND tỉnh Bắc Ninh").hits) == 2
    assert [h.id for h in search(date_from=datetime.date(2022, 1, 1)).hits] == [directive.pk]
    assert [h.id for h in search(query="phoi hop").hits] == [decision.pk]


def test_page_urls_are_wagtails_own(portals):
    """``PageUrls`` builds hit URLs from url_path alone: the same as Page.full_url for
    Vietnamese and English pages, and for a Unicode slug that Wagtail quotes."""
    english, _ = Locale.objects.get_or_create(language_code="en")
    home = portals.homes["xa-a"]
    home.copy_for_translation(english, copy_parents=True)
    pages = [
        news(portals, "xa-a", "Tin tức"),
        news(portals, "bacninh", "Thông báo", slug="thông-báo-mới"),
        news(portals, "xa-a", "English news", locale=english),
    ]
    english_section = portals.section("xa-a", "tin-tuc").copy_for_translation(english)
    pages.append(NewsPageFactory(parent=english_section, locale=english, title="Commune news", slug="commune-news"))
    page_url = services.PageUrls()
    for page in pages:
        page.refresh_from_db()
        assert page_url(page.url_path) == page.full_url, page.url_path
    assert any("/en/" in page_url(p.url_path) for p in pages)
    # Issue #17 item 6: a Unicode slug is folded to ASCII when the page is saved.
    assert pages[1].url_path.endswith("/thong-bao-moi/")


def test_a_renamed_portal_shows_its_new_name_at_once(portals):
    """Portal labels are cached; saving the unit drops them."""
    news(portals, "xa-a", "Thông báo của xã")
    assert services.pages_search(query="thông báo").hits[0].portal.short_name != "Xã A mới"
    unit = portals.units["xa-a"]
    unit.short_name = "Xã A mới"
    unit.save()
    outcome = services.pages_search(query="thông báo")
    assert outcome.hits[0].portal.short_name == "Xã A mới"
    assert [f["label"] for f in outcome.facets["portal"]] == ["Xã A mới"]
