"""Each portal's section skeleton: one page per mandated item that applies to its kind.

Provisioning (tenants.provisioning) creates these under every portal home. Index pages
are published at once so editors can add content under them; pages that hold the
content themselves (introduction, contacts, access to information, online services)
start as drafts, so the coverage audit shows them missing until the board publishes.
"""

from dataclasses import dataclass

from django.apps import apps
from wagtail.models import Page

from cms.mandate import MANDATE_ITEMS


@dataclass(frozen=True)
class Section:
    item: str  # key of cms.mandate.MANDATE_ITEMS, or "" for sections outside Điều 8
    model: str  # app_label.ModelName
    slug: str
    title: str
    live: bool = True


SECTIONS: tuple[Section, ...] = (
    Section("8.1.a", "cms.IntroductionPage", "gioi-thieu", "Giới thiệu", live=False),
    Section("8.1.b", "cms.NewsIndexPage", "tin-tuc", "Tin tức, sự kiện"),
    Section("8.1.c", "cms.DirectionIndexPage", "chi-dao-dieu-hanh", "Thông tin chỉ đạo, điều hành"),
    Section("8.1.d", "cms.LegalDisseminationIndexPage", "pho-bien-phap-luat", "Tuyên truyền, phổ biến pháp luật"),
    Section("8.1.đ", "cms.PlanIndexPage", "quy-hoach-ke-hoach", "Chiến lược, quy hoạch, kế hoạch"),
    Section("8.1.e", "cms.LegalDocumentIndexPage", "van-ban", "Văn bản pháp luật"),
    Section("8.1.g", "cms.ProjectIndexPage", "du-an", "Dự án, đấu thầu, mua sắm công"),
    Section("8.1.h", "cms.ConsultationIndexPage", "lay-y-kien", "Lấy ý kiến dự thảo"),
    Section("8.1.i", "cms.FinancialReportIndexPage", "bao-cao-tai-chinh", "Báo cáo tài chính"),
    Section("8.1.k", "cms.OfficialContactsPage", "lien-he-can-bo", "Thông tin liên hệ cán bộ", live=False),
    Section("8.1.m", "cms.AccessToInformationPage", "tiep-can-thong-tin", "Tiếp cận thông tin", live=False),
    Section("8.1.n", "cms.OnlinePublicServicesPage", "dich-vu-cong", "Dịch vụ công trực tuyến", live=False),
    Section("8.2.a", "cms.GazetteIndexPage", "cong-bao", "Công báo"),
    Section("8.2.b", "cms.ScienceProgrammeIndexPage", "khoa-hoc-cong-nghe", "Chương trình, đề tài khoa học"),
    Section("8.2.c", "cms.StatisticsIndexPage", "thong-ke", "Thông tin thống kê"),
    Section("8.2.đ", "surveys.SurveyIndexPage", "khao-sat", "Khảo sát trực tuyến"),
    Section("", "qa.QAIndexPage", "hoi-dap", "Hỏi - Đáp"),
)


def sections_for(kind: str) -> list[Section]:
    """Sections of a portal of ``kind`` whose page type is installed."""
    installed = []
    for section in SECTIONS:
        if section.item and kind not in MANDATE_ITEMS[section.item].applies_to:
            continue
        app_label, _ = section.model.split(".")
        if apps.is_installed(app_label) or app_label == "cms":
            try:
                apps.get_model(section.model)
            except LookupError:
                continue
            installed.append(section)
    return installed


def sections_ensure(*, home: Page, kind: str) -> int:
    """Create the sections missing under ``home``; returns how many were created.

    Existing sections are found by slug and never touched: editors own them.
    """
    existing = set(home.get_children().values_list("slug", flat=True))
    created = 0
    for section in sections_for(kind):
        if section.slug in existing:
            continue
        model = apps.get_model(section.model)
        page = model(title=section.title, slug=section.slug, live=section.live)
        # A page may start with content the law gives (the access-to-information list).
        if hasattr(page, "section_start"):
            page.section_start()
        home.add_child(instance=page)
        if not section.live:
            page.save_revision(log_action=False, clean=False)
        created += 1
    return created
