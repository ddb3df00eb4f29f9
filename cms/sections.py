"""The sections of ``cms``'s page types under every portal home (Điều 8).

Provisioning (``tenants.sections``) creates them; ``CmsConfig.ready()`` registers
them (``tenants.registry``), as ``qa`` and ``surveys`` register theirs. Index pages
are published at once; pages that hold the content themselves (introduction,
contacts, access to information, online services) start as drafts.
"""

from tenants.registry import Section
from tenants.sections import sections_ensure, sections_for  # noqa: F401  (where they were before issue #24)

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
)
