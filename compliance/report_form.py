"""The report form of Decision 96/QĐ-UBND (Phụ lục, required by Điều 15.6), as data.

Every line of the Appendix's two tables is here, in its order, with its Vietnamese
label copied verbatim (including the Appendix's own spelling "Công TTĐT"), the unit
kinds it applies to (the Appendix's "áp dụng với …" notes) and what it counts: the
page types of the mandated item of Điều 8 it reports on (``mandate.items``), narrowed
by a field where one item feeds several lines. Nothing else in the code repeats the
row numbers or labels; deadlines stay in ``mandate.items``.

How the lines are counted (``compliance.selectors.report_build``):

* a line with ``sources`` counts the pages those sources match;
* a group line (1, 3, 5) shows the sum of its numbered children;
* an unnumbered sub-line ("- …" under 1.1 and 5.2) is a breakdown of its parent:
  the parent counts each page once, a page may feed several sub-lines (an
  introduction page carrying both a map and the natural conditions);
* ``special`` lines are counted by a rule of their own (see ``Special``).
"""

from __future__ import annotations

from dataclasses import dataclass

from tenants.models import UnitKind

ALL_KINDS = frozenset(UnitKind.values)
DEPARTMENTS = frozenset({UnitKind.DEPARTMENT})
# "Công TTĐT tỉnh, Công TTĐT cấp huyện, xã": the People's Committees' portals.
PEOPLES_COMMITTEES = frozenset({UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE})
PROVINCE = frozenset({UnitKind.PROVINCE})
# "Công TTĐT thành phần": every portal but the province's.
COMPONENT_PORTALS = ALL_KINDS - PROVINCE

NOT_APPLICABLE_NOTE = "không áp dụng"


class Special:
    """Lines that no page type of ``cms`` carries one item per page."""

    # Row 1.4 (Điều 8.1.l): the portal's contact details are a site setting
    # (cms.PortalContactSettings); each change of them is an update (issue #20,
    # compliance.updates) judged against 8.1.l's 2 working days like a page.
    PORTAL_CONTACT_SETTINGS = "portal_contact_settings"
    # Row 12 (Điều 8.2.d): updates of pages of any mandated type in a locale other
    # than the default (Vietnamese) one, and English answers to foreigners' questions
    # (translations.AnswerTranslation); due 2 days after the Vietnamese version.
    FOREIGN_LANGUAGE = "foreign_language"
    # Row 14 (Điều 9.4): provincial articles republished on a component portal, from
    # compliance.models.Republication (counted when the republished page is first
    # published; Điều 9.4 sets no deadline, so never on time or overdue).
    REPUBLISHED = "republished"


@dataclass(frozen=True)
class Source:
    """Pages of ``model`` (app_label.ModelName), optionally only where ``field`` is in ``values``."""

    model: str
    field: str = ""
    values: frozenset = frozenset()

    def matches(self, row: dict) -> bool:
        return not self.field or row.get(self.field) in self.values


@dataclass(frozen=True)
class ReportLine:
    key: str  # unique: the STT, or "<parent STT>-<n>" for an unnumbered sub-line
    number: str  # STT as printed (empty for sub-lines)
    label: str  # the Appendix's text, verbatim
    article: str  # the article of Điều 8 / 9 the line reports on
    applies_to: frozenset = ALL_KINDS
    sources: tuple[Source, ...] = ()
    children: tuple[str, ...] = ()  # group lines: keys of the numbered lines summed
    parent: str = ""  # sub-lines: key of the line they break down
    special: str = ""

    @property
    def is_group(self) -> bool:
        return bool(self.children)

    @property
    def is_subline(self) -> bool:
        return bool(self.parent)

    def applies(self, kind: str) -> bool:
        return kind in self.applies_to


def _intro(flag: str) -> tuple[Source, ...]:
    # Flags computed per introduction page by the report query (which parts are filled).
    return (Source("cms.IntroductionPage", flag, frozenset({True})),)


def _direction(category: str) -> tuple[Source, ...]:
    return (Source("cms.DirectionPage", "category", frozenset({category})),)


def _plan(*categories: str) -> tuple[Source, ...]:
    return (Source("cms.PlanPage", "category", frozenset(categories)),)


# Table 1: "1. Kết quả cung cấp thông tin" — the Appendix's lines, in order.
TABLE1_LINES: tuple[ReportLine, ...] = (
    ReportLine("1", "1", "Thông tin giới thiệu về cơ quan, đơn vị", "8.1.a, 8.1.k, 8.1.l",
               children=("1.1", "1.2", "1.3", "1.4")),
    ReportLine("1.1", "1.1", "Thông tin giới thiệu chung", "8.1.a",
               sources=(Source("cms.IntroductionPage"),)),
    ReportLine("1.1-1", "", "- Sơ đồ, cơ cấu tổ chức, chức năng nhiệm vụ, quyền hạn (áp dụng với Công TTĐT các Sở, ngành)",
               "8.1.a", DEPARTMENTS, _intro("has_organisation"), parent="1.1"),
    ReportLine("1.1-2", "", "- Tóm lược quá trình hình thành và phát triển (áp dụng với Công TTĐT các Sở, ngành)",
               "8.1.a", DEPARTMENTS, _intro("has_history"), parent="1.1"),
    ReportLine("1.1-3", "", "- Bản đồ địa giới hành chính đến cấp phường, xã (áp dụng với Công TTĐT tỉnh, Công TTĐT cấp huyện, xã)",
               "8.1.a", PEOPLES_COMMITTEES, _intro("has_boundary_map"), parent="1.1"),
    ReportLine("1.1-4", "", "- Điều kiện tự nhiên, lịch sử, truyền thống văn hóa, di tích, danh thắng (áp dụng với Công TTĐT tỉnh, Công TTĐT cấp huyện, xã)",
               "8.1.a", PEOPLES_COMMITTEES, _intro("has_local_profile"), parent="1.1"),
    ReportLine("1.2", "1.2", "Thông tin về tiểu sử tóm tắt và nhiệm vụ đảm nhiệm của lãnh đạo cơ quan", "8.1.a",
               sources=_intro("has_leaders")),
    ReportLine("1.3", "1.3", "Thông tin liên hệ của cán bộ, công chức có thẩm quyền: họ tên, chức vụ, đơn vị công tác, số điện thoại/fax, địa chỉ thư điện tử",
               "8.1.k", sources=(Source("cms.OfficialContactsPage"),)),
    ReportLine("1.4", "1.4", "Thông tin giao dịch của Công TTĐT: Địa chỉ, điện thoại, số fax, địa chỉ hòm thư điện tử để giao dịch với tổ chức, cá nhân",
               "8.1.l", special=Special.PORTAL_CONTACT_SETTINGS),
    ReportLine("2", "2", "Tin tức, sự kiện: các tin, bài về hoạt động, các vấn đề liên quan thuộc phạm vi quản lý nhà nước của cơ quan, đơn vị",
               "8.1.b", sources=(Source("cms.NewsPage"),)),
    ReportLine("3", "3", "Thông tin chỉ đạo, điều hành", "8.1.c", children=("3.1", "3.2", "3.3", "3.4")),
    ReportLine("3.1", "3.1", "Ý kiến chỉ đạo, điều hành của thủ trưởng cơ quan đã được thống nhất và chính thức ban hành bằng Văn bản",
               "8.1.c", sources=_direction("directive")),
    ReportLine("3.2", "3.2", "Ý kiến xử lý, phản hồi đối với các kiến nghị, yêu cầu của tổ chức, cá nhân",
               "8.1.c", sources=_direction("petition_response")),
    ReportLine("3.3", "3.3", "Thông tin khen thưởng, xử phạt đối với cá nhân, tổ chức, doanh nghiệp trong lĩnh vực quản lý",
               "8.1.c", sources=_direction("rewards_and_sanctions")),
    ReportLine("3.4", "3.4", "Lịch làm việc của lãnh đạo cơ quan", "8.1.c", sources=(Source("cms.WorkSchedulePage"),)),
    ReportLine("4", "4", "Thông tin tuyên truyền, phổ biến, hướng dẫn thực hiện pháp luật, chế độ, chính sách", "8.1.d",
               sources=(Source("cms.LegalDisseminationPage"),)),
    ReportLine("5", "5", "Thông tin chiến lược, định hướng, quy hoạch, kế hoạch phát triển", "8.1.đ", children=("5.1", "5.2")),
    ReportLine("5.1", "5.1", "Thông tin về chiến lược quy hoạch, kế hoạch phát triển ngành, lĩnh vực (áp dụng với Công TTĐT các Sở, ngành)",
               "8.1.đ", DEPARTMENTS, _plan("sector_plan")),
    ReportLine("5.2", "5.2", "Thông tin quy hoạch, kế hoạch phát triển kinh tế - xã hội (áp dụng với Công TTĐT tỉnh, Công TTĐT cấp huyện, xã)",
               "8.1.đ", PEOPLES_COMMITTEES,
               _plan("investment_incentives", "construction_urban_land_use", "natural_resources", "waste_and_pollution")),
    ReportLine("5.2-1", "", "- Chính sách ưu đãi, cơ hội đầu tư, các dự án mời gọi vốn đầu tư",
               "8.1.đ", PEOPLES_COMMITTEES, _plan("investment_incentives"), parent="5.2"),
    ReportLine("5.2-2", "", "- Quy hoạch xây dựng, quy hoạch đô thị; quy hoạch, kế hoạch sử dụng đất;",
               "8.1.đ", PEOPLES_COMMITTEES, _plan("construction_urban_land_use"), parent="5.2"),
    ReportLine("5.2-3", "", "- Quy hoạch, kế hoạch và hoạt động khai thác tài nguyên thiên nhiên;",
               "8.1.đ", PEOPLES_COMMITTEES, _plan("natural_resources"), parent="5.2"),
    ReportLine("5.2-4", "", "- Quy hoạch thu gom, tái chế, xử lý chất thải; danh sách, thông tin về các nguồn thải, các loại chất thải có nguy cơ gây hại tới sức khỏe con người và môi trường; khu vực môi trường bị ô nhiễm, suy thoái ở mức nghiêm trọng và đặc biệt nghiêm trọng, khu vực có nguy cơ xảy ra sự cố môi trường.",
               "8.1.đ", PEOPLES_COMMITTEES, _plan("waste_and_pollution"), parent="5.2"),
    ReportLine("6", "6", "Hệ thống văn bản quy phạm pháp luật chuyên ngành và văn bản quản lý hành chính có liên quan", "8.1.e",
               sources=(Source("cms.LegalDocumentPage"),)),
    ReportLine("7", "7", "Thông tin về dự án, hạng mục đầu tư, đấu thầu, mua sắm công", "8.1.g",
               sources=(Source("cms.ProjectPage"),)),
    ReportLine("8", "8", "Đăng tải danh sách văn bản quy phạm pháp luật, chủ trương chính sách cần xin ý kiến", "8.1.h",
               sources=(Source("cms.ConsultationPage"),)),
    ReportLine("9", "9", "Công báo điện tử (áp dụng với Công TTĐT tỉnh)", "8.2.a", PROVINCE,
               (Source("cms.GazetteIssuePage"),)),
    ReportLine("10", "10", "Thông tin về chương trình, đề tài khoa học (áp dụng với Công TTĐT tỉnh)", "8.2.b", PROVINCE,
               (Source("cms.ScienceProgrammePage"),)),
    ReportLine("11", "11", "Thông tin, báo cáo thống kê (áp dụng với Công TTĐT tỉnh)", "8.2.c", PROVINCE,
               (Source("cms.StatisticsReleasePage"),)),
    ReportLine("12", "12", "Thông tin tiếng nước ngoài (áp dụng với Công TTĐT tỉnh)", "8.2.d", PROVINCE,
               special=Special.FOREIGN_LANGUAGE),
    ReportLine("13", "13", "Tích hợp Cổng thông tin dịch vụ công của tỉnh", "8.1.n",
               sources=(Source("cms.OnlinePublicServicesPage"),)),
    ReportLine("14", "14", "Tin, bài về hoạt động chỉ đạo điều hành của lãnh đạo tỉnh, chế độ, chính sách của tỉnh trên Công TTĐT tỉnh được đăng tải lại trên Công TTĐT thành phần (áp dụng với Công TTĐT thành phần)",
               "9.4", COMPONENT_PORTALS, special=Special.REPUBLISHED),
)
TABLE1 = {line.key: line for line in TABLE1_LINES}

# Notes the report writes in the "Ghi chú" column for lines counted by a rule of their own.
SPECIAL_NOTES = {
    Special.REPUBLISHED: "Tin, bài đăng lại từ Cổng TTĐT tỉnh; không quy định thời hạn cập nhật (Điều 9.4)",
}
NOT_MEASURED_NOTE = "Không quy định thời hạn cập nhật"

# The page types the report reads, each with the mandated item it serves (mandate.items).
REPORTED_MODELS: tuple[str, ...] = tuple(
    dict.fromkeys(source.model for line in TABLE1_LINES for source in line.sources)
)

# Table 1's columns: "STT | Nội dung thông tin | Thời gian cập nhật (Đúng hạn, Quá hạn) | Số lượng | Ghi chú".
TABLE1_HEADER = ("STT", "Nội dung thông tin", "Thời gian cập nhật", "Số lượng", "Ghi chú")
TABLE1_SUBHEADER = ("Đúng hạn", "Quá hạn")
TABLE1_COLUMNS = ("on_time", "overdue", "count")

# Table 2: "2. Công tác tiếp nhận, trả lời trên chuyên mục Hỏi – Đáp" (Điều 13).
TABLE2_HEADER = (
    "STT", "Tên cơ quan, đơn vị tiếp nhận PAKN", "Tổng số PAKN đã tiếp nhận", "Số PAKN đã trả lời", "Số PAKN chưa trả lời",
)
TABLE2_SUBHEADER = ("Đúng hạn", "Quá hạn", "Chưa đến hạn", "Đã quá hạn")
TABLE2_TOTAL_LABEL = "Tổng cộng"
# qa.selectors.QATableRow's columns, in the Appendix's order.
TABLE2_COLUMNS = ("received", "answered_on_time", "answered_overdue", "unanswered_not_due", "unanswered_overdue")

# The rest of the form.
FORM_TITLE = "MẪU BÁO CÁO KẾT QUẢ CUNG CẤP THÔNG TIN TRÊN CÔNG TTĐT"
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập – Tự do – Hạnh phúc"
REPORT_HEADING = "BÁO CÁO"
REPORT_TITLE = "Báo cáo kết quả cung cấp thông tin trên Cổng TTĐT {portal}"
PERIOD_LINE = "(Kỳ báo cáo: {period})"
SECTION1_TITLE = "1. Kết quả cung cấp thông tin"
SECTION2_TITLE = "2. Công tác tiếp nhận, trả lời trên chuyên mục Hỏi – Đáp"
SECTION3_TITLE = "3. Kiến nghị, đề xuất"
RECIPIENTS = ("Nơi nhận:", "- Cơ quan nhận báo cáo;", "- Công TTĐT tỉnh;", "- Lưu:")
SIGNATURE = "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ"

