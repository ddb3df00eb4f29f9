"""Factories for every page type of ``cms.models`` and their inline children.

Portal home pages come from provisioning (``tests.factories.provision``); content
pages take the page they go under as ``parent``::

    news = NewsPageFactory(parent=sections["tin-tuc"])
    draft = NewsPageFactory(parent=sections["tin-tuc"], live=False)

Pages are created live and with publication dates set, as if the board had published
them, so feeds, sitemaps and section lists see them. ``portal_with_sections`` provisions
a small province with its section skeleton and returns lookups into it.
"""

import datetime
from dataclasses import dataclass, field

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Collection, Page, PageViewRestriction
from wagtail.rich_text import RichText

from cms import models as cms
from cms.models.legal_documents import DocumentType
from cms.models.projects import ProjectStatus
from tenants.models import Unit
from tests.factories import province_rows, provision


def _root_collection():
    return Collection.get_first_root_node()


class ImageFactory(wagtail_factories.ImageFactory):
    """An image in the root collection (pass ``collection=unit.collection`` for a portal's)."""

    title = factory.Sequence(lambda n: f"Ảnh {n}")
    collection = factory.LazyFunction(_root_collection)


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A small PDF-named document in the root collection."""

    title = factory.Sequence(lambda n: f"Tài liệu {n}")
    collection = factory.LazyFunction(_root_collection)
    file = factory.django.FileField(filename="van-ban.pdf", data=b"%PDF-1.4 test")


class CSVDocumentFactory(DocumentFactory):
    """A CSV data file, as statistics releases carry."""

    file = factory.django.FileField(
        filename="so-lieu.csv",
        data="Chỉ tiêu,Năm 2024,Năm 2025\nDân số (nghìn người),1488,1519\n".encode(),
    )


def rich_body(text="Nội dung bài viết."):
    """A StreamField body with one rich-text paragraph."""
    return [("rich_text", RichText(f"<p>{text}</p>"))]


# --- pages ---------------------------------------------------------------------------


class PortalPageFactory(wagtail_factories.PageFactory):
    """Base of content pages: live, published now, information arising today."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Trang thử nghiệm {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.title)[:40]}-{n}")
    live = True
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyAttribute(lambda o: o.first_published_at)
    information_date = factory.LazyFunction(timezone.localdate)


class PortalHomePageFactory(wagtail_factories.PageFactory):
    """Rarely needed: provisioning creates homes. Pass ``parent`` (the root) and ``unit``."""

    class Meta:
        model = cms.PortalHomePage

    title = factory.Sequence(lambda n: f"Cổng thông tin {n}")
    slug = factory.Sequence(lambda n: f"portal-{n}")


class ProvincialRootPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = cms.ProvincialRootPage
        django_get_or_create = ("slug", "parent")

    title = "Bắc Ninh"
    slug = "bac-ninh-root"


def _index_factory(model, title):
    return type(
        f"{model.__name__}Factory",
        (PortalPageFactory,),
        {
            "Meta": type("Meta", (), {"model": model}),
            "title": factory.Sequence(lambda n: f"{title} {n}"),
            "__doc__": f"A {model._meta.verbose_name}; provisioning with sections already makes one.",
        },
    )


NewsIndexPageFactory = _index_factory(cms.NewsIndexPage, "Tin tức")
DirectionIndexPageFactory = _index_factory(cms.DirectionIndexPage, "Chỉ đạo điều hành")
LegalDisseminationIndexPageFactory = _index_factory(cms.LegalDisseminationIndexPage, "Phổ biến pháp luật")
PlanIndexPageFactory = _index_factory(cms.PlanIndexPage, "Quy hoạch")
FinancialReportIndexPageFactory = _index_factory(cms.FinancialReportIndexPage, "Báo cáo tài chính")
LegalDocumentIndexPageFactory = _index_factory(cms.LegalDocumentIndexPage, "Văn bản")
GazetteIndexPageFactory = _index_factory(cms.GazetteIndexPage, "Công báo")
ProjectIndexPageFactory = _index_factory(cms.ProjectIndexPage, "Dự án")
ConsultationIndexPageFactory = _index_factory(cms.ConsultationIndexPage, "Lấy ý kiến")
ScienceProgrammeIndexPageFactory = _index_factory(cms.ScienceProgrammeIndexPage, "Khoa học")
StatisticsIndexPageFactory = _index_factory(cms.StatisticsIndexPage, "Thống kê")


class ArticlePageFactory(PortalPageFactory):
    class Meta:
        abstract = True

    summary = factory.LazyAttribute(lambda o: f"Tóm tắt: {o.title}")
    body = factory.LazyFunction(rich_body)


class NewsPageFactory(ArticlePageFactory):
    class Meta:
        model = cms.NewsPage

    title = factory.Sequence(lambda n: f"Hội nghị triển khai nhiệm vụ số {n}")


class DirectionPageFactory(ArticlePageFactory):
    class Meta:
        model = cms.DirectionPage

    title = factory.Sequence(lambda n: f"Chỉ đạo về cải cách hành chính số {n}")


class LegalDisseminationPageFactory(ArticlePageFactory):
    class Meta:
        model = cms.LegalDisseminationPage

    title = factory.Sequence(lambda n: f"Phổ biến Luật Tiếp cận thông tin {n}")


class PlanPageFactory(ArticlePageFactory):
    """A sector plan (a department's category); pass another ``category`` for committees."""

    class Meta:
        model = cms.PlanPage

    title = factory.Sequence(lambda n: f"Kế hoạch phát triển ngành {n}")
    category = "sector_plan"
    approval_date = factory.LazyFunction(timezone.localdate)


class FinancialReportPageFactory(ArticlePageFactory):
    class Meta:
        model = cms.FinancialReportPage

    title = factory.Sequence(lambda n: f"Báo cáo quyết toán ngân sách {n}")
    fiscal_year = 2025


class IntroductionPageFactory(PortalPageFactory):
    class Meta:
        model = cms.IntroductionPage

    title = "Giới thiệu"
    history = "<p>Lịch sử hình thành và phát triển.</p>"
    functions_and_duties = "<p>Chức năng, nhiệm vụ, quyền hạn.</p>"


class OfficialContactsPageFactory(PortalPageFactory):
    class Meta:
        model = cms.OfficialContactsPage

    title = "Thông tin liên hệ cán bộ"


class AccessToInformationPageFactory(PortalPageFactory):
    class Meta:
        model = cms.AccessToInformationPage

    title = "Tiếp cận thông tin"
    public_information_list = "<p>Danh mục thông tin phải công khai.</p>"
    focal_point = "Văn phòng Sở"
    request_address = "Số 1 Lý Thái Tổ, thành phố Bắc Ninh"
    request_email = "vanphong@bacninh.gov.vn"
    complaints_contact = "Thanh tra Sở, số 1 Lý Thái Tổ"


class OnlinePublicServicesPageFactory(PortalPageFactory):
    class Meta:
        model = cms.OnlinePublicServicesPage

    title = "Dịch vụ công trực tuyến"
    intro = "Các thủ tục hành chính thực hiện trực tuyến."
    services = factory.LazyFunction(
        lambda: [("service", {"title": "Cấp phiếu lý lịch tư pháp",
                              "url": "https://dichvucong.bacninh.gov.vn/ly-lich-tu-phap", "level": "full"})]
    )


class LegalDocumentPageFactory(PortalPageFactory):
    class Meta:
        model = cms.LegalDocumentPage

    document_type = DocumentType.DECISION
    document_number = factory.Sequence(lambda n: f"{n + 1}/QĐ-UBND")
    title = factory.LazyAttribute(lambda o: f"Quyết định {o.document_number}")
    issuing_authority = "UBND tỉnh Bắc Ninh"
    signer = "Nguyễn Văn B"
    issue_date = datetime.date(2021, 3, 18)
    effective_date = datetime.date(2021, 3, 18)
    abstract = factory.LazyAttribute(lambda o: f"Ban hành Quy chế phối hợp cung cấp thông tin ({o.document_number})")
    field = "Thông tin và truyền thông"


class GazetteIssuePageFactory(PortalPageFactory):
    class Meta:
        model = cms.GazetteIssuePage

    issue_number = factory.Sequence(lambda n: f"{n + 1}")
    title = factory.LazyAttribute(lambda o: f"Công báo số {o.issue_number}")
    issue_date = datetime.date(2021, 3, 20)


class ProjectPageFactory(PortalPageFactory):
    class Meta:
        model = cms.ProjectPage

    title = factory.Sequence(lambda n: f"Dự án cải tạo đường tỉnh {n}")
    main_objective = "Nâng cấp hạ tầng giao thông."
    field = "Giao thông"
    project_type = "Nhóm B"
    period_start = datetime.date(2024, 1, 1)
    period_end = datetime.date(2026, 12, 31)
    budget = 150_000_000_000
    funding_type = "state_budget"
    sponsor = "Sở Giao thông vận tải"
    status = ProjectStatus.IN_PROGRESS


class ConsultationPageFactory(PortalPageFactory):
    """Open for comments for a week from now unless ``comment_deadline`` says otherwise."""

    class Meta:
        model = cms.ConsultationPage

    title = factory.Sequence(lambda n: f"Lấy ý kiến dự thảo Nghị quyết {n}")
    draft_name = factory.LazyAttribute(lambda o: f"Dự thảo: {o.title}")
    draft_text = "<p>Toàn văn dự thảo.</p>"
    comment_deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    receiving_agency = "Sở Tư pháp tỉnh Bắc Ninh"
    receiving_address = "Số 9 đường Lý Thái Tổ, thành phố Bắc Ninh"
    receiving_email = "stp@bacninh.gov.vn"


class ScienceProgrammePageFactory(PortalPageFactory):
    class Meta:
        model = cms.ScienceProgrammePage

    code = factory.Sequence(lambda n: f"KHCN-{n:03d}")
    title = factory.LazyAttribute(lambda o: f"Đề tài {o.code}")
    management_level = "provincial"
    field = "Nông nghiệp"
    host_unit = "Trường Đại học Nông lâm Bắc Giang"
    period_start = datetime.date(2023, 1, 1)
    period_end = datetime.date(2024, 12, 31)
    status = "approved"


class StatisticsReleasePageFactory(PortalPageFactory):
    class Meta:
        model = cms.StatisticsReleasePage

    title = factory.Sequence(lambda n: f"Kết quả điều tra dân số {n}")
    survey_period_start = datetime.date(2025, 1, 1)
    survey_period_end = datetime.date(2025, 3, 31)
    method = "<p>Điều tra mẫu.</p>"
    analysis = "<p>Dân số tăng.</p>"


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


class WorkSchedulePageFactory(PortalPageFactory):
    """The current week's schedule."""

    class Meta:
        model = cms.WorkSchedulePage

    week_start = factory.LazyFunction(lambda: _monday(timezone.localdate()))
    title = factory.LazyAttribute(lambda o: f"Lịch công tác tuần {o.week_start:%d/%m/%Y}")


# --- inline children (pass ``page``) --------------------------------------------------


class LeaderProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cms.LeaderProfile

    name = factory.Sequence(lambda n: f"Nguyễn Văn Lãnh Đạo {n}")
    title = "Giám đốc"
    short_bio = "Sinh năm 1970, quê quán Bắc Ninh."
    duties = "Phụ trách chung."
    sort_order = factory.Sequence(lambda n: n)


class WorkScheduleEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cms.WorkScheduleEntry

    date = factory.LazyAttribute(lambda o: o.page.week_start)
    start_time = datetime.time(8, 0)
    leader = "Chủ tịch UBND tỉnh"
    content = factory.Sequence(lambda n: f"Họp giao ban số {n}")
    place = "Phòng họp tầng 3"
    sort_order = factory.Sequence(lambda n: n)


class OfficialContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cms.OfficialContact

    name = factory.Sequence(lambda n: f"Trần Thị Cán Bộ {n}")
    title = "Chánh Văn phòng"
    unit = "Văn phòng"
    phone = "0222 3822 000"
    email = factory.Sequence(lambda n: f"canbo{n}@bacninh.gov.vn")
    sort_order = factory.Sequence(lambda n: n)


class LegalDocumentFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cms.LegalDocumentFile

    document = factory.SubFactory(DocumentFactory)
    title = "Toàn văn"
    sort_order = factory.Sequence(lambda n: n)


class GazetteEntryFactory(factory.django.DjangoModelFactory):
    """Pass ``page`` (the gazette issue) and ``legal_document``."""

    class Meta:
        model = cms.GazetteEntry

    sort_order = factory.Sequence(lambda n: n)


class StatisticsDataFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cms.StatisticsDataFile

    document = factory.SubFactory(CSVDocumentFactory)
    title = "Số liệu dân số"
    sort_order = factory.Sequence(lambda n: n)


class ConsultationFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cms.ConsultationFile

    document = factory.SubFactory(DocumentFactory)
    title = "Dự thảo"
    sort_order = factory.Sequence(lambda n: n)


# --- helpers ---------------------------------------------------------------------------


def page_publish(page: Page, **fields) -> Page:
    """Set ``fields`` on ``page`` and publish it (e.g. a draft section from provisioning)."""
    page = page.specific
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision(clean=False).publish()
    page.refresh_from_db()
    return page


def page_make_private(page: Page, password: str = "mat-khau") -> Page:
    """Restrict ``page`` (and so its subtree) to visitors with a password."""
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password=password)
    return page


@dataclass
class Portals:
    """Lookups into a provisioned province: ``units[slug]``, ``homes[slug]`` and
    ``sections[unit slug][section slug]`` (specific pages, cms.sections slugs)."""

    units: dict[str, Unit]
    homes: dict[str, Page] = field(default_factory=dict)
    sections: dict[str, dict[str, Page]] = field(default_factory=dict)

    def section(self, unit_slug: str, section_slug: str) -> Page:
        return self.sections[unit_slug][section_slug]


def portal_with_sections(*, slugs=None) -> Portals:
    """Provision the small province of ``province_rows()`` with each portal's sections;
    only the units in ``slugs`` when given (sections cost about 2 s per portal)."""
    rows = [row for row in province_rows() if slugs is None or row.slug in slugs]
    provision(rows, with_sections=True)
    return portals_lookup()


def portals_lookup() -> Portals:
    """Fresh instances of the provisioned portals, their homes and sections."""
    units = {unit.slug: unit for unit in Unit.objects.select_related("site__root_page")}
    portals = Portals(units=units)
    for slug, unit in units.items():
        home = unit.site.root_page.specific
        portals.homes[slug] = home
        portals.sections[slug] = {child.slug: child for child in home.get_children().specific()}
    return portals
