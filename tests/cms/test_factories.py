"""Each page factory builds a valid live page where its parent rules allow it."""

import pytest

from cms import models as cms
from tests.cms import factories as f

pytestmark = pytest.mark.django_db

# factory, section slug of its parent on the provincial portal ("" = the home page)
CONTENT_FACTORIES = [
    (f.NewsPageFactory, "tin-tuc"),
    (f.DirectionPageFactory, "chi-dao-dieu-hanh"),
    (f.WorkSchedulePageFactory, "chi-dao-dieu-hanh"),
    (f.LegalDisseminationPageFactory, "pho-bien-phap-luat"),
    (f.PlanPageFactory, "quy-hoach-ke-hoach"),
    (f.LegalDocumentPageFactory, "van-ban"),
    (f.ProjectPageFactory, "du-an"),
    (f.ConsultationPageFactory, "lay-y-kien"),
    (f.FinancialReportPageFactory, "bao-cao-tai-chinh"),
    (f.GazetteIssuePageFactory, "cong-bao"),
    (f.ScienceProgrammePageFactory, "khoa-hoc-cong-nghe"),
    (f.StatisticsReleasePageFactory, "thong-ke"),
]

# One per portal: built on a portal provisioned without sections.
SINGLETON_FACTORIES = [
    f.IntroductionPageFactory, f.OfficialContactsPageFactory, f.AccessToInformationPageFactory,
    f.OnlinePublicServicesPageFactory, f.NewsIndexPageFactory, f.DirectionIndexPageFactory,
    f.LegalDisseminationIndexPageFactory, f.PlanIndexPageFactory, f.FinancialReportIndexPageFactory,
    f.LegalDocumentIndexPageFactory, f.GazetteIndexPageFactory, f.ProjectIndexPageFactory,
    f.ConsultationIndexPageFactory, f.ScienceProgrammeIndexPageFactory, f.StatisticsIndexPageFactory,
]


def assert_valid_child(page, parent):
    page = page.specific
    assert page.live and page.first_published_at
    assert type(page) in parent.specific_class.allowed_subpage_models()
    assert parent.specific_class in type(page).allowed_parent_page_models()
    page.full_clean()
    assert page.get_parent().id == parent.id


def test_content_factories_build_live_pages_under_their_sections(portals):
    province = portals.units["bacninh"]
    for factory, section_slug in CONTENT_FACTORIES:
        parent = portals.section("bacninh", section_slug)
        page = factory(parent=parent)
        assert_valid_child(page, parent)
        assert page.unit == province
        assert page.source_attribution == "Theo Cổng TTĐT tỉnh Bắc Ninh"


def test_singleton_and_index_factories_build_under_a_home_without_sections(db):
    from tests.factories import province_rows, provision
    from tenants.models import Unit

    provision(province_rows()[:1])
    home = Unit.objects.get(slug="bacninh").home_page
    for factory in SINGLETON_FACTORIES:
        page = factory(parent=home)
        assert_valid_child(page, home)
    assert set(home.get_children().live().values_list("content_type__model", flat=True)) >= {
        "introductionpage", "officialcontactspage", "newsindexpage", "statisticsindexpage",
    }


def test_inline_children_attach_to_their_pages(portals):
    intro = f.page_publish(portals.section("bacninh", "gioi-thieu"), history="<p>Lịch sử</p>")
    second = f.LeaderProfileFactory(page=intro, sort_order=2)
    first = f.LeaderProfileFactory(page=intro, sort_order=1)
    assert list(intro.leaders.all()) == [first, second]

    schedule = f.WorkSchedulePageFactory(parent=portals.section("bacninh", "chi-dao-dieu-hanh"))
    entry = f.WorkScheduleEntryFactory(page=schedule)
    assert schedule.week_days()[0] == (schedule.week_start, [entry])

    contacts = f.page_publish(portals.section("bacninh", "lien-he-can-bo"))
    assert f.OfficialContactFactory(page=contacts).page == contacts

    document = f.LegalDocumentPageFactory(parent=portals.section("bacninh", "van-ban"))
    assert f.LegalDocumentFileFactory(page=document).document.file_extension == "pdf"

    gazette = f.GazetteIssuePageFactory(parent=portals.section("bacninh", "cong-bao"))
    entry = f.GazetteEntryFactory(page=gazette, legal_document=document)
    assert entry.document_number == document.document_number

    release = f.StatisticsReleasePageFactory(parent=portals.section("bacninh", "thong-ke"))
    data_file = f.StatisticsDataFileFactory(page=release)
    assert data_file.table[0] == ["Chỉ tiêu", "Năm 2024", "Năm 2025"]

    consultation = f.ConsultationPageFactory(parent=portals.section("bacninh", "lay-y-kien"))
    assert f.ConsultationFileFactory(page=consultation).page == consultation
    assert consultation.is_open


def test_image_and_document_factories(db):
    image = f.ImageFactory()
    document = f.DocumentFactory()
    assert image.width and image.collection.is_root()
    assert document.file.name.endswith(".pdf")


def test_portal_lookups_cover_both_portals(portals):
    assert set(portals.units) == {"bacninh", "sotuphap"}
    assert isinstance(portals.section("sotuphap", "tin-tuc"), cms.NewsIndexPage)
    assert "thong-ke" not in portals.sections["sotuphap"]  # provincial only (Điều 8.2)
