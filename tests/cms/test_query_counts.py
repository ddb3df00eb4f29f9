"""The cold path (issue #23 item 1): SQL queries of an uncached request per page type.

"Uncached" is a visitor's request after a publish: the page cache misses (it is off in
the test settings) while the per-portal data (cms.chrome: menu, home, unit, contact
settings) is warm, as on a running server; each test warms it with a first request and
counts the second. Targets: an HTML page <= 10 queries, an API listing <= 6, the search
page <= 8 plus the engine's own queries. The figures per page type, SQLite and
PostgreSQL, come from bench/cold_path.py.

One province, provisioned once for the module, holds a page of every type; the tests
only read. The second half checks that the per-portal data follows each change on the
next request (a new section, a renamed section, a contact setting, the unit's name) and
that a restricted section never reaches the public menu.
"""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageViewRestriction

from cms.models import PortalContactSettings
from tests.cms import factories as f
from tests.cms.factories import page_make_private, page_publish, portal_with_sections, portals_lookup

# Each test's own writes are rolled back after it (``db``, a savepoint inside the
# module's transaction), as in tests/cms/conftest.py.
pytestmark = pytest.mark.django_db

PROVINCE = "bacninh"
PAGE_TARGET = 10
API_TARGET = 6
SEARCH_TARGET = 8
# Requests not yet at the target, with the count each may not creep above (on this
# scenario and PostgreSQL). Every request is at its target today; a change that cannot
# meet one names it here with its count, and the line goes once it is met.
ABOVE_TARGET: dict[str, int] = {}


@pytest.fixture(autouse=True)
def database_search(settings):
    # The search page's own queries are counted here; the engines are tests/search/'s.
    from settings.search import DATABASE_BACKEND

    settings.WAGTAILSEARCH_BACKENDS = {"default": dict(DATABASE_BACKEND)}
    settings.SEARCH_BACKEND = ""


def _every_page_type(portals) -> dict[str, str]:
    """One page of each type served by the provincial portal: label -> path."""
    from information_requests.models import InformationRequestPage
    from tests.information_requests.factories import request_page_for
    from tests.surveys.factories import SurveyPageFactory

    section = portals.sections[PROVINCE]
    for slug in ("gioi-thieu", "lien-he-can-bo", "dich-vu-cong"):
        page_publish(section[slug])
    # What the access-to-information page must say before it is published (Điều 8.1.m).
    page_publish(section["tiep-can-thong-tin"], focal_point="Văn phòng UBND tỉnh",
                 request_address="Số 10 Phù Đổng Thiên Vương, thành phố Bắc Ninh",
                 request_email="vanphong@bacninh.gov.vn", complaints_contact="Thanh tra tỉnh")
    image = get_image_model().objects.create(title="Ảnh hội nghị", file=get_test_image_file(size=(1200, 800)))
    news = [f.NewsPageFactory(parent=section["tin-tuc"], main_image=image) for _ in range(6)]
    items = {
        "cms.NewsPage": news[0],
        "cms.DirectionPage": f.DirectionPageFactory(parent=section["chi-dao-dieu-hanh"]),
        "cms.WorkSchedulePage": f.WorkSchedulePageFactory(parent=section["chi-dao-dieu-hanh"]),
        "cms.LegalDisseminationPage": f.LegalDisseminationPageFactory(parent=section["pho-bien-phap-luat"]),
        "cms.PlanPage": f.PlanPageFactory(parent=section["quy-hoach-ke-hoach"]),
        "cms.FinancialReportPage": f.FinancialReportPageFactory(parent=section["bao-cao-tai-chinh"]),
        "cms.LegalDocumentPage": f.LegalDocumentPageFactory(parent=section["van-ban"]),
        "cms.GazetteIssuePage": f.GazetteIssuePageFactory(parent=section["cong-bao"]),
        "cms.ProjectPage": f.ProjectPageFactory(parent=section["du-an"]),
        "cms.ConsultationPage": f.ConsultationPageFactory(parent=section["lay-y-kien"]),
        "cms.ScienceProgrammePage": f.ScienceProgrammePageFactory(parent=section["khoa-hoc-cong-nghe"]),
        "cms.StatisticsReleasePage": f.StatisticsReleasePageFactory(parent=section["thong-ke"]),
        "surveys.SurveyPage": SurveyPageFactory(parent=section["khao-sat"]),
    }
    for _ in range(5):  # listings of several items
        f.LegalDocumentPageFactory(parent=section["van-ban"])
    request_page = request_page_for(portals.units[PROVINCE])
    request_page.save_revision().publish()
    paths = {"cms.PortalHomePage": "/"}
    for slug, page in section.items():
        paths.setdefault(f"{page.specific_class._meta.label}", f"/{slug}/")
    paths.update({label: page.url for label, page in items.items()})
    paths["information_requests.InformationRequestPage"] = InformationRequestPage.objects.get(pk=request_page.pk).url
    paths["open-data catalogue"] = "/du-lieu-mo/"
    return paths


def _english_copy() -> str:
    """The English copy of the provincial introduction (Điều 8.2.d).

    wagtail-localize publishes a translation on commit (``transaction.on_commit`` in
    ``TranslationSource.create_or_update_translation``): inside the scenario's
    transaction the copy goes live only when ``captureOnCommitCallbacks`` runs the
    callbacks, at the end of its block. Looked up inside that block it was still a draft."""
    from demo.translations import translations_demo_seed

    with TestCase.captureOnCommitCallbacks(execute=True):
        translations_demo_seed()
    english = Page.objects.live().filter(locale__language_code="en", depth__gt=3).order_by("path").first()
    assert english is not None and english.url_path.endswith("/gioi-thieu/"), english
    return english.get_url_parts()[2]


@pytest.fixture(scope="module")
def scenario(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            portal_with_sections(slugs={PROVINCE, "sotuphap"})
            portals = portals_lookup()
            paths = _every_page_type(portals)
        paths["English copy"] = _english_copy()
        yield {"paths": paths, "host": portals.units[PROVINCE].hostname,
               "news_index": portals.section(PROVINCE, "tin-tuc").pk}
        transaction.set_rollback(True)


PAGE_TYPES = (
    "cms.PortalHomePage", "cms.IntroductionPage", "cms.NewsIndexPage", "cms.NewsPage", "cms.DirectionIndexPage",
    "cms.DirectionPage", "cms.WorkSchedulePage", "cms.LegalDisseminationIndexPage", "cms.LegalDisseminationPage",
    "cms.PlanIndexPage", "cms.PlanPage", "cms.LegalDocumentIndexPage", "cms.LegalDocumentPage",
    "cms.ProjectIndexPage", "cms.ProjectPage", "cms.ConsultationIndexPage", "cms.ConsultationPage",
    "cms.FinancialReportIndexPage", "cms.FinancialReportPage", "cms.OfficialContactsPage",
    "cms.AccessToInformationPage", "cms.OnlinePublicServicesPage", "cms.GazetteIndexPage", "cms.GazetteIssuePage",
    "cms.ScienceProgrammeIndexPage", "cms.ScienceProgrammePage", "cms.StatisticsIndexPage",
    "cms.StatisticsReleasePage", "qa.QAIndexPage", "surveys.SurveyIndexPage", "surveys.SurveyPage",
    "information_requests.InformationRequestPage", "open-data catalogue", "English copy",
)


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_uncached_page_stays_within_its_queries(client, scenario, django_assert_max_num_queries, page_type):
    path = scenario["paths"][page_type]
    host = scenario["host"]
    assert client.get(path, HTTP_HOST=host).status_code == 200, path  # warms the per-portal data
    with django_assert_max_num_queries(ABOVE_TARGET.get(page_type, PAGE_TARGET)):
        response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200


@pytest.mark.parametrize("path", (
    "/api/v2/pages/?type=cms.NewsPage",
    "/api/v2/pages/?type=cms.LegalDocumentPage&fields=*",
    "/api/v2/pages/",
    "/api/v2/disclosures/",
    "/api/v2/documents/",
    "/api/v2/images/",
))
def test_uncached_api_listing_stays_within_its_queries(client, scenario, django_assert_max_num_queries, path):
    host = scenario["host"]
    assert client.get(path, HTTP_HOST=host).status_code == 200
    with django_assert_max_num_queries(ABOVE_TARGET.get(path, API_TARGET)):
        response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    assert response.json()


@pytest.mark.parametrize("path", ("/tim-kiem/?q=quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh", "/tim-kiem/van-ban/?q=quy%E1%BA%BFt"))
def test_search_page_stays_within_its_queries_besides_the_engine(client, scenario, path):
    host = scenario["host"]
    assert client.get(path, HTTP_HOST=host).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    own = [query["sql"] for query in captured.captured_queries if "indexentry" not in query["sql"].lower()]
    assert len(own) <= ABOVE_TARGET.get(path, SEARCH_TARGET), "\n".join(own)


# --- the per-portal data follows every change ------------------------------------------


def _menu(client, host, path="/") -> str:
    html = client.get(path, HTTP_HOST=host).content.decode()
    return html[html.index('<ul class="menu-list">'):html.index("</ul>", html.index('<ul class="menu-list">'))]


def test_menu_shows_a_published_renamed_or_restricted_section_on_the_next_request(client, scenario):
    host = scenario["host"]
    news_index = Page.objects.get(pk=scenario["news_index"])
    assert "Tin tức" in _menu(client, host)
    page_publish(news_index, title="Tin tức và sự kiện mới")
    assert "Tin tức và sự kiện mới" in _menu(client, host)

    new_section = f.ConsultationIndexPageFactory(parent=news_index.get_parent(), title="Mục mới thử nghiệm",
                                                 slug="muc-moi")
    assert "Mục mới thử nghiệm" in _menu(client, host, "/tin-tuc/")

    page_make_private(new_section)
    assert "Mục mới thử nghiệm" not in _menu(client, host)

    PageViewRestriction.objects.filter(page=new_section).delete()
    assert "Mục mới thử nghiệm" in _menu(client, host)
    new_section.specific.unpublish()
    assert "Mục mới thử nghiệm" not in _menu(client, host)


def test_footer_and_name_follow_settings_and_unit_changes(client, scenario):
    from tenants.models import Unit

    host = scenario["host"]
    before = client.get("/tin-tuc/", HTTP_HOST=host).content.decode()
    assert "0222 9999 888" not in before
    unit = Unit.objects.get(hostname=host)
    contact, _ = PortalContactSettings.objects.get_or_create(site_id=unit.site_id)
    contact.phone = "0222 9999 888"
    contact.save()
    assert "0222 9999 888" in client.get("/tin-tuc/", HTTP_HOST=host).content.decode()

    unit.name = "Ủy ban nhân dân tỉnh Bắc Ninh (thử)"
    unit.save()
    assert "Ủy ban nhân dân tỉnh Bắc Ninh (thử)" in client.get("/tin-tuc/", HTTP_HOST=host).content.decode()


def test_per_portal_data_is_kept_apart_per_portal_and_language(client, scenario):
    from tenants.models import Unit

    province = scenario["host"]
    department = Unit.objects.get(slug="sotuphap").hostname
    assert "Sở Tư pháp" not in _menu(client, province).split("</a>")[0]
    province_html = client.get("/", HTTP_HOST=province).content.decode()
    department_html = client.get("/", HTTP_HOST=department).content.decode()
    assert "Sở Tư pháp tỉnh Bắc Ninh</h1>" in department_html
    assert "Sở Tư pháp tỉnh Bắc Ninh</h1>" not in province_html
    english = client.get(scenario["paths"]["English copy"], HTTP_HOST=province).content.decode()
    assert '<html lang="en"' in english
    # The English page's menu links stay under /en/, the Vietnamese ones do not.
    assert 'href="/en/' in _menu(client, province, scenario["paths"]["English copy"])
    assert 'href="/en/' not in _menu(client, province)


def test_cache_cleared_between_tests_keeps_no_entry(scenario):
    # tests/conftest.py clears the cache before each test: no per-portal entry leaks
    # from a test whose writes were rolled back.
    assert not [key for key in getattr(cache, "_cache", {}) if ":portaldata:" in str(key)]


def test_an_editor_or_a_preview_never_puts_a_draft_into_the_public_menu(client, scenario, admin_client):
    host = scenario["host"]
    news_index = Page.objects.get(pk=scenario["news_index"]).specific
    news_index.title = "Tiêu đề nháp chưa xuất bản"
    revision = news_index.save_revision()  # a draft: the live title stays
    draft = revision.as_object()

    # The board previews the draft, then browses the portal logged in.
    preview = draft.make_preview_request()
    assert "Tiêu đề nháp chưa xuất bản" in preview.content.decode()
    assert "Tiêu đề nháp chưa xuất bản" not in _menu(admin_client, host)
    assert "Tiêu đề nháp chưa xuất bản" not in _menu(client, host)
    assert "Tiêu đề nháp chưa xuất bản" not in _menu(client, host, "/tin-tuc/")


def test_legal_document_counts_follow_a_new_document_on_the_next_request(client, scenario):
    # The filter's counts are kept per portal (cms.legal_document_list): a document
    # published in the section shows in them at once.
    host = scenario["host"]
    before = client.get("/van-ban/", HTTP_HOST=host).content.decode()
    assert "Khoa học và công nghệ (1)" not in before
    section = Page.objects.get(url_path__endswith="/van-ban/", depth=scenario_depth(scenario), live=True,
                               locale__language_code="vi", path__startswith=_home_path(host))
    f.LegalDocumentPageFactory(parent=section, field="Khoa học và công nghệ")
    assert "Khoa học và công nghệ (1)" in client.get("/van-ban/", HTTP_HOST=host).content.decode()


def scenario_depth(scenario) -> int:
    return Page.objects.get(pk=scenario["news_index"]).depth


def _home_path(host) -> str:
    from wagtail.models import Site

    return Site.objects.get(hostname=host).root_page.path


def test_images_api_writes_each_items_tags_sorted_from_one_query(client, scenario, django_assert_max_num_queries):
    # cms.api.views.PrefetchedTagsField: the tags prefetched, sorted as Wagtail's TagsField sorts them.
    from tenants.models import Unit

    host = scenario["host"]
    image = get_image_model().objects.get(title="Ảnh hội nghị")
    image.collection_id = Unit.objects.get(hostname=host).collection_id  # the portal's library
    image.save()
    image.tags.add("văn bản", "hội nghị", "an toàn")
    client.get("/api/v2/images/?fields=tags", HTTP_HOST=host)
    with django_assert_max_num_queries(API_TARGET):
        items = client.get("/api/v2/images/?fields=tags", HTTP_HOST=host).json()["items"]
    assert [item["meta"]["tags"] for item in items if item["id"] == image.pk] == [["an toàn", "hội nghị", "văn bản"]]


def test_pages_api_leaves_out_a_page_made_private_on_the_next_request(client, scenario):
    host = scenario["host"]
    news = Page.objects.get(pk=scenario["news_index"]).get_children().live().first()
    listed = lambda: {item["id"] for item in client.get(  # noqa: E731
        "/api/v2/pages/?type=cms.NewsPage&fields=*&limit=50", HTTP_HOST=host).json()["items"]}
    assert news.pk in listed()
    page_make_private(news)
    assert news.pk not in listed()
    assert client.get(f"/api/v2/pages/{news.pk}/", HTTP_HOST=host).status_code == 404


def test_routing_follows_the_english_home_being_unpublished(client, scenario):
    # The site's root page and its English translation are kept per portal
    # (caching.sites.site_root_page_prime): unpublishing the English home must stop the
    # English copy on the next request, as Wagtail's routing does without the cache.
    host = scenario["host"]
    path = scenario["paths"]["English copy"]
    assert client.get(path, HTTP_HOST=host).status_code == 200
    english_home = Page.objects.get(pk=Page.objects.get(url_path__endswith="/gioi-thieu/", locale__language_code="en",
                                                        depth=4).get_parent().pk).specific
    english_home.unpublish()
    assert client.get(path, HTTP_HOST=host).status_code == 404


def test_language_links_follow_the_english_copy_being_unpublished(client, scenario):
    # A page's language links are kept per portal (translations.templatetags.mirror_tags):
    # the Vietnamese page stops linking to its English copy on the next request.
    host = scenario["host"]
    assert 'hreflang="en"' in client.get("/gioi-thieu/", HTTP_HOST=host).content.decode()
    Page.objects.get(url_path__endswith="/gioi-thieu/", locale__language_code="en", depth=4).specific.unpublish()
    assert 'hreflang="en"' not in client.get("/gioi-thieu/", HTTP_HOST=host).content.decode()
    assert client.get(scenario["paths"]["English copy"], HTTP_HOST=host).status_code == 404
