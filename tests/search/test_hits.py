"""What a search returns (issue 18, and issue 17's two search items): section pages
without content of their own never appear, a republished document is one hit (its
original, with the number of portals that republished it), a leader is found by name
after the introduction is published, the fuzzy fallback answers a misspelt query with a
suggestion. On each engine and on the database backend."""

import pytest
from wagtail.models import Page

from cms.models.introduction import LeaderProfile
from compliance.republication import republished_page_create
from search import services
from settings.search import DATABASE_BACKEND
from tests.cms.factories import NewsPageFactory, rich_body
from tests.search.conftest import ENGINES, _page_index, require_engine

pytestmark = pytest.mark.services


@pytest.fixture(params=[*ENGINES, "database"])
def backend(request, search_indexes, settings, db):
    """Each test once on each engine (as the ``engine`` fixture: its page index, emptied)
    and once on the database backend (then None)."""
    if request.param == "database":
        settings.WAGTAILSEARCH_BACKENDS = {"default": dict(DATABASE_BACKEND)}
        return None
    backends = require_engine(request.param)
    settings.WAGTAILSEARCH_BACKENDS = backends
    if request.param not in search_indexes:
        search_indexes[request.param] = _page_index(backends)
    index = search_indexes[request.param]
    index.empty()
    return index


def refresh(backend):
    if backend is not None:
        backend.refresh()


def news(portals, unit, title, *, body="Nội dung.", **kwargs):
    return NewsPageFactory(parent=portals.section(unit, "tin-tuc"), title=title, body=rich_body(body), **kwargs)


def test_section_pages_without_content_of_their_own_are_not_hits(backend, portals):
    news(portals, "bacninh", "Quy hoạch khu đô thị mới")
    # A fresh instance: the module's province is shared by every test (rolled back each time).
    plans = Page.objects.get(pk=portals.section("sotuphap", "quy-hoach-ke-hoach").pk).specific
    refresh(backend)
    assert [h.title for h in services.pages_search(query="quy hoạch").hits] == ["Quy hoạch khu đô thị mới"]
    plans.intro = "Quy hoạch ngành tư pháp và kế hoạch hằng năm của Sở."
    plans.save_revision().publish()
    refresh(backend)
    assert plans.pk in {h.id for h in services.pages_search(query="quy hoạch").hits}


def test_a_republished_document_is_one_hit_showing_how_many_portals_carry_it(backend, portals):
    source = news(portals, "bacninh", "Chỉ đạo giải ngân vốn đầu tư công")
    for portal in ("sotuphap", "xa-a"):
        republished_page_create(source=source, content=source, source_unit=source.unit,
                                section=portals.section(portal, "tin-tuc"))
    refresh(backend)
    outcome = services.pages_search(query="giải ngân vốn đầu tư công")
    assert [(h.id, h.also_on) for h in outcome.hits] == [(source.pk, 2)]
    # On one portal's own search its copy is that portal's page.
    local = services.pages_search(query="giải ngân vốn đầu tư công", portal=portals.units["xa-a"])
    assert [h.title for h in local.hits] == ["Chỉ đạo giải ngân vốn đầu tư công"] and local.hits[0].id != source.pk


def test_a_leader_is_found_by_name_once_the_introduction_is_published(backend, portals):
    news(portals, "sotuphap", "Hội nghị tổng kết", body="Bà Trần Thị Thu Hằng phát biểu.")
    intro = Page.objects.get(pk=portals.section("sotuphap", "gioi-thieu").pk).specific
    intro.leaders = [LeaderProfile(name="Trần Thị Thu Hằng", title="Giám đốc Sở Tư pháp", locale_id=intro.locale_id)]
    intro.organisation_structure = "<p>Trung tâm Trợ giúp pháp lý nhà nước</p>"
    intro.save_revision().publish()
    refresh(backend)
    if backend is None:  # the database ranks a body mention as high; it finds the profile
        assert intro.pk in {h.id for h in services.pages_search(query="Trần Thị Thu Hằng").hits}
        assert services.pages_search(query="trợ giúp pháp lý").hits[0].id == intro.pk
        return
    assert services.pages_search(query="Trần Thị Thu Hằng").hits[0].id == intro.pk
    assert services.pages_search(query="tran thi thu hang").hits[0].id == intro.pk
    assert services.pages_search(query="trợ giúp pháp lý").hits[0].id == intro.pk


def test_old_tone_placement_and_nfd_find_the_same_pages(backend, portals):
    import unicodedata

    page = news(portals, "xa-a", "Tổ hoà giải thôn Đông", body=unicodedata.normalize("NFD", "Công tác thuỷ lợi nội đồng"))
    refresh(backend)
    for query in ("hòa giải", "hoà giải", unicodedata.normalize("NFD", "hòa giải"), "thủy lợi", "thuỷ lợi"):
        assert [h.id for h in services.pages_search(query=query).hits] == [page.pk], query


def test_misspelt_query_falls_back_to_fuzzy_hits_with_a_suggestion(backend, portals):
    page = news(portals, "bacninh", "Xử lý vi phạm hành chính trong lĩnh vực đất đai")
    news(portals, "bacninh", "Lễ hội Lim")
    refresh(backend)
    outcome = services.pages_search(query="sử lý vi phạm")
    assert [h.id for h in outcome.hits] == [page.pk]
    if backend is not None:  # the database's folded copy holds sound keys: a strict match there
        assert outcome.fuzzy and outcome.suggestion == "xử lý vi phạm"
    telex = services.pages_search(query="ddaats ddai")
    assert telex.fuzzy and [h.id for h in telex.hits] == [page.pk] and telex.suggestion == "đất đai"
    exact = services.pages_search(query="xử lý vi phạm")
    assert not exact.fuzzy and exact.suggestion == ""


def test_the_fallback_hits_follow_the_exact_ones_and_are_counted_once(backend, portals, client):
    exact = news(portals, "sotuphap", "Thôn Đông đạt chuẩn thôn kiểu mẫu")
    closer = news(portals, "sotuphap", "Khu dân cư kiểu mẫu năm 2026")  # two of the three words
    refresh(backend)
    outcome = services.pages_search(query="thôn kiểu mẫu")
    assert [h.id for h in outcome.hits] == [exact.pk, closer.pk]
    assert outcome.fuzzy and outcome.exact_total == 1 and outcome.total == 2
    # Before: the facets counted the exact hit alone ("Sở Tư pháp (1)" over two hits).
    assert [(f["value"], f["count"]) for f in outcome.facets["portal"]] == [("sotuphap", 2)]
    page = client.get("/tim-kiem/", {"q": "thôn kiểu mẫu"}, HTTP_HOST="xa-a.bacninh.gov.vn").content.decode()
    assert "Chỉ có 1 trang chứa đủ mọi từ như bạn đã gõ" in page


def test_a_synonyms_words_in_order_rank_as_the_phrase(backend, portals):
    near = news(portals, "tiendu", "Gặp mặt người cao tuổi",
                body="Chủ tịch UBND huyện Tiên Du dự buổi gặp mặt tại xã Liên Bão.")
    phrase = news(portals, "xa-a", "Lịch tiếp công dân tháng 12",
                  body="Chủ tịch Ủy ban nhân dân xã Liên Bão tiếp công dân vào thứ Năm hằng tuần.")
    refresh(backend)
    ranked = [h.id for h in services.pages_search(query="chủ tịch UBND xã Liên Bão").hits]
    assert set(ranked) == {near.pk, phrase.pk}
    if backend is not None:  # the database has no phrase ranking
        assert ranked[0] == phrase.pk


def test_a_portals_english_pages_carry_its_name_and_stay_in_its_scope(backend, portals):
    from wagtail.models import Locale

    english, _ = Locale.objects.get_or_create(language_code="en")
    home = portals.homes["xa-a"].copy_for_translation(english, copy_parents=True)
    home.save_revision().publish()  # what a translator does; it drops the kept portal homes
    section = Page.objects.get(pk=portals.section("xa-a", "tin-tuc").pk).copy_for_translation(english)
    page = NewsPageFactory(parent=section, locale=english, title="Commune budget published", body=rich_body("Budget."))
    vietnamese = news(portals, "bacninh", "Province budget plan")
    refresh(backend)
    outcome = services.pages_search(query="budget")
    assert {h.id: h.portal.slug for h in outcome.hits} == {page.pk: "xa-a", vietnamese.pk: "bacninh"}
    assert sorted((f["value"], f["count"]) for f in outcome.facets["portal"]) == [("bacninh", 1), ("xa-a", 1)]
    # "Chỉ cổng này" on the commune's portal finds its English page (it found nothing).
    assert [h.id for h in services.pages_search(query="budget", portal=portals.units["xa-a"]).hits] == [page.pk]


def test_api_returns_the_suggestion_and_also_on(client, backend, portals):
    news(portals, "bacninh", "Giải phóng mặt bằng dự án khu công nghiệp")
    refresh(backend)
    body = client.get("/api/v2/search/", {"q": "dải phóng mặt bằng"}).json()
    assert body["suggestion"] == ("giải phóng mặt bằng" if backend is not None else "")
    assert body["results"][0]["title"] == "Giải phóng mặt bằng dự án khu công nghiệp" and body["results"][0]["also_on"] == 0
    assert client.get("/api/v2/search/", {"q": "giải phóng"}).json()["suggestion"] == ""


@pytest.mark.django_db
def test_the_hits_check_and_the_search_filter_agree(settings, portals):
    """The hits are checked with a plain query and the cached rules' Python tests
    (``search.services.filters.Rule``); the engine filters with the same rules' Q. On a
    scenario with a page of each kind a search leaves out (private, in an archived
    portal, an empty section, a republished copy, an orphaned copy), both forms pick the
    same pages, for each scope."""
    import datetime

    from django.utils import timezone
    from wagtail.models import PageViewRestriction

    from search.services.filters import pages_queryset
    from search.services.hits import HIT_COLUMNS

    settings.WAGTAILSEARCH_BACKENDS = {"default": dict(DATABASE_BACKEND)}
    kept = news(portals, "bacninh", "Tin của tỉnh")
    private = news(portals, "bacninh", "Tin nội bộ")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    source = news(portals, "bacninh", "Văn bản gốc")
    copy = republished_page_create(source=source, content=source, source_unit=source.unit,
                                   section=portals.section("sotuphap", "tin-tuc"))
    gone = news(portals, "bacninh", "Văn bản sẽ gỡ")
    orphan = republished_page_create(source=gone, content=gone, source_unit=gone.unit,
                                     section=portals.section("sotuphap", "tin-tuc"))
    gone.unpublish()
    commune_page = news(portals, "xa-a", "Tin của xã")
    commune = portals.units["xa-a"]
    commune.archived_on = timezone.localdate() - datetime.timedelta(days=1)
    commune.save()
    every = list(Page.objects.values(*HIT_COLUMNS))
    ids = [row["pk"] for row in every]

    for scope in ({}, {"archived": True}, {"portal": portals.units["sotuphap"]}, {"portal": commune}):
        queryset = pages_queryset(**scope)
        by_q = set(queryset.filter(pk__in=ids).values_list("pk", flat=True))
        check = queryset.hits_check
        rows = check.queryset.filter(pk__in=ids).values(*HIT_COLUMNS)
        by_python = {row["pk"] for row in rows if check.allowed(row)}
        assert by_python == by_q, scope
        # The compiled hits query (its SQL kept per number of ids) gives the ORM's rows,
        # values converted alike (dates aware), for a new count and a known one.
        for some in (ids, ids[:3], ids[-3:], ids[:1]):
            orm = {row["pk"]: row for row in check.queryset.filter(pk__in=some).values(*HIT_COLUMNS)}
            compiled = {row["pk"]: row for row in check.rows(some, HIT_COLUMNS)}
            assert compiled == orm and len(compiled) <= len(some), scope
    across = set(pages_queryset().values_list("pk", flat=True))
    assert kept.pk in across and source.pk in across
    assert not {private.pk, copy.pk, commune_page.pk} & across
    assert orphan.pk in across  # an orphaned copy stands for its gone original
    assert set(pages_queryset(archived=True).values_list("pk", flat=True)) >= {commune_page.pk}
    assert copy.pk in set(pages_queryset(portal=portals.units["sotuphap"]).values_list("pk", flat=True))
