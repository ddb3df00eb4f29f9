"""Demo content for four portals: every mandated section filled and published (seed_demo).

The provincial portal (``bacninh``) and three component portals, one of each kind
(``sotuphap``, ``tiendu``, ``tiendu-lienbao``), get realistic Vietnamese content in
every section of ``cms.sections``, so that ``mandate_coverage`` shows them complete
and a newcomer sees what each item of Điều 8 looks like. Among the legal documents is
Decision 96/QĐ-UBND itself, with its text as the downloadable file.

Names of people are fictional. Images are drawn with Pillow (coloured banners), never
downloaded; files are generated. Running the seed again creates only what is missing
(pages are found by slug under their section, media by title in the unit's
collection) and never touches a page the board has already published.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text import RichText

from cms.models import (
    AccessToInformationPage,
    ConsultationPage,
    DirectionPage,
    FinancialReportPage,
    GazetteEntry,
    GazetteIssuePage,
    IntroductionPage,
    LeaderProfile,
    LegalDisseminationPage,
    LegalDocumentFile,
    LegalDocumentPage,
    NewsPage,
    OfficialContact,
    OfficialContactsPage,
    OnlinePublicServicesPage,
    PlanPage,
    PortalContactSettings,
    ProjectPage,
    ScienceProgrammePage,
    StatisticsDataFile,
    StatisticsReleasePage,
    WorkScheduleEntry,
    WorkSchedulePage,
)
from cms.models.articles import DirectionCategory, PlanCategory, plan_categories_for
from cms.models.legal_documents import DocumentStatus, DocumentType
from cms.models.projects import FundingType, ProjectStatus
from cms.models.provincial import ManagementLevel, ScienceProgrammeStatus
from cms.models.services import PROVINCIAL_PUBLIC_SERVICE_PORTAL
from tenants.models import Unit, UnitKind

DEMO_PORTALS = ("bacninh", "sotuphap", "tiendu", "tiendu-lienbao")
DECISION_96_FILE = Path(settings.BASE_DIR) / "docs" / "decision-96-QD-UBND-2021.txt"
DECISION_96_NUMBER = "96/QĐ-UBND"
FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)


@dataclass(frozen=True)
class Leader:
    name: str
    title: str
    born: int
    duties: str


@dataclass(frozen=True)
class Profile:
    """What differs between the four demo portals."""

    agency: str  # issuing authority and organisation name in text
    symbol: str  # the part after the type in document numbers: UBND, STP
    address: str
    phone: str
    fax: str
    email: str
    colour: tuple[int, int, int]
    leaders: tuple[Leader, ...]
    field: str  # main field of activity
    news: tuple[tuple[str, str], ...]  # (title, summary)


PROFILES: dict[str, Profile] = {
    "bacninh": Profile(
        agency="UBND tỉnh Bắc Ninh", symbol="UBND",
        address="Số 10 đường Phó Đức Chính, phường Suối Hoa, thành phố Bắc Ninh, tỉnh Bắc Ninh",
        phone="0222 3822 569", fax="0222 3822 385", email="congthongtin@bacninh.gov.vn", colour=(178, 34, 34),
        leaders=(
            Leader("Trần Quang Minh", "Chủ tịch UBND tỉnh", 1970,
                   "Lãnh đạo, điều hành chung mọi hoạt động của UBND tỉnh; phụ trách công tác nội chính, quy hoạch."),
            Leader("Lê Thị Thu Hà", "Phó Chủ tịch Thường trực UBND tỉnh", 1974,
                   "Phụ trách khối kinh tế tổng hợp, tài chính, ngân sách, đầu tư, cải cách hành chính."),
            Leader("Phạm Đức Long", "Phó Chủ tịch UBND tỉnh", 1972,
                   "Phụ trách khối văn hóa – xã hội, giáo dục, y tế, khoa học và công nghệ."),
        ),
        field="Quản lý nhà nước tổng hợp",
        news=(
            ("UBND tỉnh họp phiên thường kỳ tháng này",
             "UBND tỉnh đánh giá tình hình kinh tế – xã hội, thu ngân sách và tiến độ giải ngân vốn đầu tư công."),
            ("Bắc Ninh thu hút thêm ba dự án FDI vào các khu công nghiệp",
             "Tổng vốn đăng ký mới hơn 450 triệu USD, tập trung vào điện tử và linh kiện bán dẫn."),
            ("Hội nghị đối thoại với doanh nghiệp về cải cách thủ tục hành chính",
             "Lãnh đạo tỉnh trực tiếp trả lời 27 kiến nghị của doanh nghiệp về đất đai, thuế và hải quan."),
            ("Khai mạc Lễ hội Lim – di sản văn hóa Quan họ Bắc Ninh",
             "Hàng vạn du khách về dự lễ hội, thưởng thức các canh hát Quan họ trên đồi Lim."),
        ),
    ),
    "sotuphap": Profile(
        agency="Sở Tư pháp tỉnh Bắc Ninh", symbol="STP",
        address="Số 9 đường Lý Thái Tổ, phường Suối Hoa, thành phố Bắc Ninh, tỉnh Bắc Ninh",
        phone="0222 3822 670", fax="0222 3822 671", email="stp@bacninh.gov.vn", colour=(25, 80, 150),
        leaders=(
            Leader("Ngô Văn Khải", "Giám đốc Sở Tư pháp", 1971,
                   "Phụ trách chung; công tác tổ chức cán bộ, thi đua khen thưởng, xây dựng văn bản quy phạm pháp luật."),
            Leader("Đặng Thị Hồng Nhung", "Phó Giám đốc Sở Tư pháp", 1978,
                   "Phụ trách hộ tịch, quốc tịch, chứng thực, lý lịch tư pháp và phổ biến, giáo dục pháp luật."),
            Leader("Hoàng Minh Tuấn", "Phó Giám đốc Sở Tư pháp", 1976,
                   "Phụ trách bổ trợ tư pháp, trợ giúp pháp lý, theo dõi thi hành pháp luật."),
        ),
        field="Tư pháp",
        news=(
            ("Sở Tư pháp triển khai nhiệm vụ công tác tư pháp năm mới",
             "Hội nghị tổng kết công tác tư pháp và triển khai nhiệm vụ trọng tâm, chú trọng chuyển đổi số hộ tịch."),
            ("Cấp phiếu lý lịch tư pháp qua ứng dụng VNeID đạt hơn 80%",
             "Người dân có thể đề nghị cấp phiếu lý lịch tư pháp trực tuyến, nhận kết quả bản điện tử."),
            ("Tập huấn nghiệp vụ hộ tịch cho công chức tư pháp – hộ tịch cấp xã",
             "Hơn 120 công chức tư pháp – hộ tịch được bồi dưỡng kỹ năng đăng ký, quản lý hộ tịch điện tử."),
        ),
    ),
    "tiendu": Profile(
        agency="UBND huyện Tiên Du", symbol="UBND",
        address="Đường Lý Thường Kiệt, thị trấn Lim, huyện Tiên Du, tỉnh Bắc Ninh",
        phone="0222 3837 249", fax="0222 3837 250", email="ubndtiendu@bacninh.gov.vn", colour=(34, 120, 60),
        leaders=(
            Leader("Nguyễn Đình Phúc", "Chủ tịch UBND huyện", 1973,
                   "Lãnh đạo, điều hành chung; phụ trách quy hoạch, đất đai, tổ chức bộ máy."),
            Leader("Trịnh Thị Mai", "Phó Chủ tịch UBND huyện", 1979,
                   "Phụ trách văn hóa – xã hội, giáo dục, y tế, lao động – thương binh và xã hội."),
            Leader("Vũ Quang Huy", "Phó Chủ tịch UBND huyện", 1977,
                   "Phụ trách kinh tế, xây dựng, giao thông, tài nguyên và môi trường."),
        ),
        field="Quản lý nhà nước cấp huyện",
        news=(
            ("Huyện Tiên Du ra quân xây dựng nông thôn mới nâng cao",
             "Các xã đăng ký hoàn thành tiêu chí nông thôn mới nâng cao, kiểu mẫu trong năm."),
            ("Khởi công tuyến đường ĐT.276 đoạn qua huyện Tiên Du",
             "Tuyến đường dài 4,2 km, kết nối khu công nghiệp Đại Đồng – Hoàn Sơn với quốc lộ 1A."),
            ("Tiên Du tổ chức Ngày hội văn hóa Quan họ các làng cổ",
             "49 làng Quan họ gốc tham gia giao lưu, trình diễn các làn điệu truyền thống."),
        ),
    ),
    "tiendu-lienbao": Profile(
        agency="UBND xã Liên Bão", symbol="UBND",
        address="Thôn Đông Sơn, xã Liên Bão, huyện Tiên Du, tỉnh Bắc Ninh",
        phone="0222 3717 123", fax="", email="lienbao.tiendu@bacninh.gov.vn", colour=(200, 120, 20),
        leaders=(
            Leader("Nguyễn Văn Bình", "Chủ tịch UBND xã", 1975,
                   "Lãnh đạo, điều hành chung; phụ trách địa chính, xây dựng, quốc phòng – an ninh."),
            Leader("Đỗ Thị Lan", "Phó Chủ tịch UBND xã", 1982,
                   "Phụ trách văn hóa – xã hội, giáo dục, y tế, tư pháp – hộ tịch."),
        ),
        field="Quản lý nhà nước cấp xã",
        news=(
            ("Xã Liên Bão tổ chức Hội nghị tiếp xúc cử tri",
             "Cử tri kiến nghị về nâng cấp đường giao thông nội đồng và thu gom rác thải sinh hoạt."),
            ("Liên Bão ra quân làm sạch môi trường, hưởng ứng ngày Chủ nhật xanh",
             "Các thôn đồng loạt dọn vệ sinh đường làng, khơi thông cống rãnh, trồng cây xanh."),
            ("Trao quà cho gia đình chính sách, hộ nghèo trên địa bàn xã",
             "UBND xã phối hợp Mặt trận Tổ quốc trao 150 suất quà cho các hộ có hoàn cảnh khó khăn."),
        ),
    ),
}


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def _body(*paragraphs: str, image=None, document=None) -> list:
    blocks = [("rich_text", RichText(_p(*paragraphs)))]
    if image is not None:
        blocks.append(("image", {"image": image, "caption": "", "source": "Cổng TTĐT tỉnh Bắc Ninh"}))
    if document is not None:
        blocks.append(("document", {"document": document, "title": document.title}))
    return blocks


# --- media --------------------------------------------------------------------------


@cache
def _font(size: int):
    from PIL import ImageFont

    for path in FONT_PATHS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def _banner_bytes(text: str, colour: tuple[int, int, int], size=(960, 540)) -> bytes:
    """A coloured banner with ``text`` wrapped on it, as PNG bytes."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    image = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, size[1] - 60, size[0], size[1]], fill=tuple(max(c - 60, 0) for c in colour))
    font = _font(40)
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) > size[0] - 80 and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    y = 60
    for line in lines[:6]:
        draw.text((40, y), line, fill="white", font=font)
        y += 56
    draw.text((40, size[1] - 48), "Cổng Thông tin điện tử tỉnh Bắc Ninh", fill="white", font=_font(26))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _portrait_bytes(size=(300, 400)) -> bytes:
    """A neutral portrait placeholder (a head-and-shoulders silhouette, no text: a leader
    photo is cropped to a portrait frame and text on it would be cut, issue #17)."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    width, height = size
    image = PILImage.new("RGB", size, (226, 229, 234))
    draw = ImageDraw.Draw(image)
    grey = (150, 156, 166)
    draw.ellipse([width * 0.3, height * 0.17, width * 0.7, height * 0.5], fill=grey)
    draw.ellipse([width * 0.1, height * 0.55, width * 0.9, height * 1.25], fill=grey)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


class Media:
    """Images and documents of one unit's collection, created once by title."""

    def __init__(self, unit: Unit):
        self.unit = unit
        self.colour = PROFILES[unit.slug].colour
        Image, Document = get_image_model(), get_document_model()
        self.images = {i.title: i for i in Image.objects.filter(collection=unit.collection)}
        self.documents = {d.title: d for d in Document.objects.filter(collection=unit.collection)}

    def image(self, title: str, colour=None):
        if title not in self.images:
            data = _banner_bytes(title, colour or self.colour)
            filename = f"{self.unit.slug}-{len(self.images) + 1}.png"
            self.images[title] = get_image_model().objects.create(
                title=title, collection=self.unit.collection, file=ImageFile(io.BytesIO(data), name=filename)
            )
        return self.images[title]

    def portrait(self, title: str):
        if title not in self.images:
            filename = f"{self.unit.slug}-{len(self.images) + 1}.png"
            self.images[title] = get_image_model().objects.create(
                title=title, collection=self.unit.collection,
                file=ImageFile(io.BytesIO(_portrait_bytes()), name=filename),
            )
        return self.images[title]

    def document(self, title: str, filename: str, data: bytes | Callable[[], bytes]):
        if title not in self.documents:
            content = data() if callable(data) else data
            self.documents[title] = get_document_model().objects.create(
                title=title, collection=self.unit.collection, file=ContentFile(content, name=filename)
            )
        return self.documents[title]


# --- pages --------------------------------------------------------------------------


class Seeder:
    """Fills one portal; ``created`` counts the pages it published."""

    def __init__(self, unit: Unit, today: datetime.date):
        self.unit = unit
        self.profile = PROFILES[unit.slug]
        self.today = today
        self.media = Media(unit)
        self.home = unit.site.root_page.specific
        self.sections = {child.slug: child for child in self.home.get_children().specific()}
        self.created = 0
        self.documents_by_number: dict[str, LegalDocumentPage] = {}

    def days_ago(self, days: int) -> datetime.date:
        return self.today - datetime.timedelta(days=days)

    def _publish(self, page: Page, published_on: datetime.date | None) -> None:
        revision = page.save_revision(clean=False, log_action=False)
        revision.publish(log_action=False)
        if published_on is not None and published_on < self.today:
            # As if the board had published it then: deadlines (issue #7) and the
            # coverage audit's "last updated" read these dates.
            moment = timezone.make_aware(datetime.datetime.combine(published_on, datetime.time(9, 30)))
            Page.objects.filter(pk=page.pk).update(first_published_at=moment, last_published_at=moment)
            from compliance.updates import page_history_backdate

            # The update history (issue #20) is dated the same way.
            page_history_backdate(page_id=page.pk, information_date=page.information_date, published_at=moment)

    def add(self, section_slug: str, model, slug: str, *, published_on=None, **fields):
        """Publish a new ``model`` page under a section unless ``slug`` exists there."""
        parent = self.sections.get(section_slug)
        if parent is None:
            return None
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            return existing.specific
        fields.setdefault("information_date", published_on or self.today)
        page = model(slug=slug, live=False, **fields)
        parent.add_child(instance=page)
        self._publish(page, published_on or fields["information_date"])
        self.created += 1
        return page

    def fill(self, section_slug: str, *, published_on=None, **fields):
        """Fill and publish a single-page section left as a draft by provisioning."""
        page = self.sections.get(section_slug)
        if page is None or page.live:
            return page
        for name, value in fields.items():
            setattr(page, name, value)
        page.information_date = published_on or self.today
        self._publish(page, published_on)
        self.created += 1
        return page

    # -- 8.1.a ----------------------------------------------------------------------

    def introduction(self):
        unit, p = self.unit, self.profile
        leaders = [
            LeaderProfile(
                name=leader.name, title=leader.title, sort_order=order, duties=leader.duties,
                photo=self.media.portrait(f"Ảnh chân dung {leader.name}"),
                short_bio=(f"Sinh năm {leader.born}. Trình độ chuyên môn: Thạc sĩ. Lý luận chính trị: Cao cấp. "
                           f"Trước khi giữ chức vụ {leader.title}, đồng chí đã kinh qua nhiều vị trí công tác "
                           f"tại các cơ quan của tỉnh Bắc Ninh."),
            )
            for order, leader in enumerate(p.leaders)
        ]
        fields = {"leaders": leaders}
        if unit.kind == UnitKind.DEPARTMENT:
            fields.update(
                organisation_chart=self.media.image(f"Sơ đồ tổ chức {unit.short_name}"),
                organisation_structure=_p(
                    "Lãnh đạo Sở: Giám đốc và các Phó Giám đốc.",
                    "Các phòng chuyên môn: Văn phòng; Thanh tra; Phòng Xây dựng và Kiểm tra văn bản; "
                    "Phòng Hành chính tư pháp; Phòng Bổ trợ tư pháp; Phòng Phổ biến, giáo dục pháp luật.",
                    "Đơn vị sự nghiệp: Trung tâm Trợ giúp pháp lý nhà nước; Trung tâm Dịch vụ đấu giá tài sản.",
                ),
                functions_and_duties=_p(
                    f"{unit.name} là cơ quan chuyên môn thuộc UBND tỉnh, tham mưu, giúp UBND tỉnh quản lý nhà "
                    "nước về công tác xây dựng và thi hành pháp luật, theo dõi thi hành pháp luật, kiểm tra, xử lý "
                    "văn bản quy phạm pháp luật, phổ biến, giáo dục pháp luật, hộ tịch, quốc tịch, chứng thực, "
                    "lý lịch tư pháp, bồi thường nhà nước, trợ giúp pháp lý, luật sư, công chứng, giám định tư pháp, "
                    "đấu giá tài sản, trọng tài thương mại, hòa giải ở cơ sở.",
                ),
                history=_p("Sở Tư pháp tỉnh Bắc Ninh được tái lập năm 1997 khi tỉnh Bắc Ninh được tái lập, "
                           "trên cơ sở tách Sở Tư pháp tỉnh Hà Bắc."),
            )
        else:
            area = {UnitKind.PROVINCE: "822,7 km²", UnitKind.DISTRICT: "95,6 km²", UnitKind.COMMUNE: "6,1 km²"}[unit.kind]
            fields.update(
                administrative_apparatus=_p(
                    f"{unit.name} gồm Chủ tịch, các Phó Chủ tịch và các ủy viên; các cơ quan chuyên môn "
                    "giúp UBND thực hiện chức năng quản lý nhà nước ở địa phương.",
                ),
                boundary_map=self.media.image(f"Bản đồ hành giới {unit.short_name}", colour=(60, 110, 160)),
                natural_conditions=_p(
                    f"Diện tích tự nhiên khoảng {area}, địa hình tương đối bằng phẳng thuộc vùng đồng bằng "
                    "châu thổ sông Hồng; khí hậu nhiệt đới gió mùa, có mùa đông lạnh.",
                ),
                culture=_p("Vùng đất Kinh Bắc, quê hương của dân ca Quan họ – Di sản văn hóa phi vật thể đại "
                           "diện của nhân loại, với nhiều lễ hội truyền thống đặc sắc."),
                relics_and_landscapes=_p("Chùa Phật Tích, đồi Lim, đền Đô, chùa Dâu, chùa Bút Tháp và "
                                         "nhiều di tích lịch sử – văn hóa cấp quốc gia."),
                history=_p("Bắc Ninh là vùng đất cổ, cái nôi của văn hóa Kinh Bắc. Tỉnh Bắc Ninh được tái lập "
                           "từ ngày 01/01/1997 theo Nghị quyết của Quốc hội khóa IX."),
            )
        self.fill("gioi-thieu", published_on=self.days_ago(120), **fields)

    # -- 8.1.b, c, d -----------------------------------------------------------------

    def news(self):
        for number, (title, summary) in enumerate(self.profile.news):
            day = self.days_ago(1 + number * 3)
            self.add("tin-tuc", NewsPage, f"tin-{number + 1}", title=title, summary=summary, published_on=day,
                     main_image=self.media.image(title),
                     # The body goes on from the summary and the main image shown above it.
                     body=_body("Phát biểu chỉ đạo, lãnh đạo đề nghị các cơ quan, đơn vị tiếp tục "
                                "quán triệt, triển khai đồng bộ các nhiệm vụ, giải pháp đã đề ra."))

    def direction(self):
        agency, symbol = self.profile.agency, self.profile.symbol
        items = (
            (DirectionCategory.DIRECTIVE, f"Công văn {412 + len(agency)}/{symbol}-VP về tăng cường kỷ luật, kỷ cương "
             "hành chính", "Yêu cầu thủ trưởng các cơ quan, đơn vị chấn chỉnh việc giải quyết hồ sơ thủ tục hành "
             "chính quá hạn, công khai xin lỗi người dân khi để trễ hạn."),
            (DirectionCategory.PETITION_RESPONSE, "Trả lời kiến nghị của cử tri về thu gom rác thải sinh hoạt",
             f"{agency} trả lời kiến nghị của cử tri về việc tăng tần suất thu gom rác thải tại khu dân cư."),
            (DirectionCategory.REWARDS_AND_SANCTIONS, "Khen thưởng tập thể, cá nhân có thành tích xuất sắc năm trước",
             f"{agency} tặng Giấy khen cho 12 tập thể và 35 cá nhân có thành tích xuất sắc trong công tác."),
        )
        for number, (category, title, summary) in enumerate(items):
            self.add("chi-dao-dieu-hanh", DirectionPage, f"chi-dao-{number + 1}", title=title, category=category,
                     summary=summary, body=_body(summary), published_on=self.days_ago(2 + number * 4))
        monday = self.today - datetime.timedelta(days=self.today.weekday())
        leaders = self.profile.leaders
        entries = [
            WorkScheduleEntry(date=monday, start_time=datetime.time(8, 0), leader=leaders[0].name,
                              content="Giao ban lãnh đạo đầu tuần", place="Phòng họp số 1", sort_order=0),
            WorkScheduleEntry(date=monday + datetime.timedelta(days=1), start_time=datetime.time(14, 0),
                              leader=leaders[1].name, content="Tiếp công dân định kỳ",
                              place="Trụ sở tiếp công dân", sort_order=1),
            WorkScheduleEntry(date=monday + datetime.timedelta(days=2), start_time=datetime.time(8, 30),
                              leader=leaders[0].name, content="Kiểm tra tiến độ các dự án trọng điểm",
                              place="Thực địa", sort_order=2),
            WorkScheduleEntry(date=monday + datetime.timedelta(days=4), start_time=datetime.time(15, 0),
                              leader=leaders[-1].name, content="Họp Ban Chỉ đạo chuyển đổi số",
                              place="Phòng họp trực tuyến", sort_order=3),
        ]
        self.add("chi-dao-dieu-hanh", WorkSchedulePage, f"lich-cong-tac-{monday:%Y-%m-%d}",
                 title=f"Lịch công tác tuần từ {monday:%d/%m} đến {monday + datetime.timedelta(days=6):%d/%m/%Y}",
                 week_start=monday, entries=entries, published_on=max(monday - datetime.timedelta(days=3),
                                                                      self.days_ago(7)))

    def dissemination(self):
        items = (
            ("Giới thiệu những điểm mới của Luật Tiếp cận thông tin",
             "Công dân được tiếp cận thông tin do cơ quan nhà nước tạo ra, bằng cách tự do tiếp cận hoặc yêu cầu "
             "cung cấp; cơ quan nhà nước phải công khai thông tin trên cổng thông tin điện tử."),
            ("Hỏi – đáp pháp luật về hòa giải ở cơ sở",
             "Những vụ việc nào được hòa giải ở cơ sở, ai là hòa giải viên và kết quả hòa giải có giá trị ra sao."),
        )
        for number, (title, summary) in enumerate(items):
            self.add("pho-bien-phap-luat", LegalDisseminationPage, f"pho-bien-{number + 1}", title=title,
                     summary=summary, body=_body(summary), published_on=self.days_ago(5 + number * 10),
                     main_image=self.media.image(title, colour=(80, 60, 140)))

    # -- 8.1.đ, e, g, h, i -----------------------------------------------------------

    def plans(self):
        texts = {
            PlanCategory.SECTOR_PLAN: ("Kế hoạch phát triển ngành tư pháp giai đoạn 2021–2025",
                                       "Mục tiêu, chỉ tiêu và giải pháp phát triển ngành tư pháp tỉnh."),
            PlanCategory.INVESTMENT_INCENTIVES: ("Danh mục dự án kêu gọi đầu tư",
                                                 "Các dự án hạ tầng, thương mại – dịch vụ kêu gọi nhà đầu tư, "
                                                 "kèm chính sách ưu đãi đầu tư."),
            PlanCategory.CONSTRUCTION_URBAN_LAND_USE: ("Kế hoạch sử dụng đất năm nay",
                                                       "Chỉ tiêu sử dụng đất, danh mục công trình, dự án thu hồi đất."),
            PlanCategory.NATURAL_RESOURCES: ("Quy hoạch bảo vệ và khai thác tài nguyên nước",
                                             "Phân vùng chức năng nguồn nước và giải pháp bảo vệ nguồn nước mặt."),
            PlanCategory.WASTE_AND_POLLUTION: ("Kế hoạch thu gom, xử lý chất thải rắn sinh hoạt",
                                               "Lộ trình thu gom, phân loại rác tại nguồn; danh sách điểm "
                                               "có nguy cơ ô nhiễm môi trường."),
        }
        categories = [c for c in PlanCategory if c in plan_categories_for(self.unit.kind)]
        for number, category in enumerate(categories):
            title, summary = texts[category]
            approved = self.days_ago(20 + number * 30)
            self.add("quy-hoach-ke-hoach", PlanPage, f"ke-hoach-{number + 1}", title=f"{title} – {self.unit.short_name}",
                     category=category, approval_date=approved, summary=summary, body=_body(summary),
                     information_date=approved, published_on=approved + datetime.timedelta(days=2))

    def _decision_96_file(self):
        return self.media.document("Quyết định 96/QĐ-UBND ngày 18/3/2021 (toàn văn)",
                                   "quyet-dinh-96-qd-ubnd-2021.txt", DECISION_96_FILE.read_bytes)

    def _text_file(self, number: str, abstract: str):
        text = (f"{self.profile.agency.upper()}\nSố: {number}\n\n{abstract}\n\n"
                "(Bản điện tử dùng cho mục đích trình diễn.)\n")
        return self.media.document(f"Văn bản {number}", f"van-ban-{len(self.media.documents) + 1}.txt",
                                   text.encode("utf-8"))

    def legal_documents(self):
        year = self.today.year
        d96 = self.add(
            "van-ban", LegalDocumentPage, "quyet-dinh-96-qd-ubnd-2021",
            title="Quyết định 96/QĐ-UBND ban hành Quy chế phối hợp quản lý cung cấp thông tin trên Cổng TTĐT tỉnh",
            document_type=DocumentType.DECISION, document_number=DECISION_96_NUMBER,
            issuing_authority="UBND tỉnh Bắc Ninh", signer="Vương Quốc Tuấn",
            issue_date=datetime.date(2021, 3, 18), effective_date=datetime.date(2021, 3, 18),
            status=DocumentStatus.IN_FORCE, field="Thông tin và truyền thông",
            abstract=("Ban hành Quy chế phối hợp quản lý cung cấp thông tin trên Cổng Thông tin điện tử tỉnh "
                      "và các Cổng Thông tin điện tử thành phần"),
            files=[LegalDocumentFile(document=self._decision_96_file(), title="Toàn văn Quyết định và Quy chế")],
            information_date=datetime.date(2021, 3, 18),
            published_on=datetime.date(2021, 3, 19) if self.unit.kind == UnitKind.PROVINCE else datetime.date(2021, 3, 25),
        )
        self.documents_by_number[DECISION_96_NUMBER] = d96
        own = self._own_documents(year)
        pages = {}
        for slug, data in own:
            replaces = data.pop("replaces", None)
            number, abstract = data["document_number"], data["abstract"]
            page = self.add("van-ban", LegalDocumentPage, slug, title=f"{data['title_prefix']} {number}",
                            issuing_authority=self.profile.agency,
                            files=[LegalDocumentFile(document=self._text_file(number, abstract), title="Toàn văn")],
                            information_date=data["issue_date"], published_on=data["issue_date"] + datetime.timedelta(days=1),
                            **{k: v for k, v in data.items() if k != "title_prefix"})
            pages[slug] = page
            self.documents_by_number[number] = page
            if replaces and page is not None:
                old = pages.get(replaces)
                if old is not None and old.replaced_by_id is None:
                    LegalDocumentPage.objects.filter(pk=old.pk).update(replaced_by=page)

    def _own_documents(self, year: int) -> list[tuple[str, dict]]:
        s, leader = self.profile.symbol, self.profile.leaders[0].name
        if self.unit.kind == UnitKind.PROVINCE:
            return [
                ("quyet-dinh-04-2016", dict(
                    title_prefix="Quyết định", document_type=DocumentType.DECISION, document_number="04/2016/QĐ-UBND",
                    issue_date=datetime.date(2016, 1, 22), effective_date=datetime.date(2016, 2, 1),
                    status=DocumentStatus.REPLACED, signer="Nguyễn Tiến Dũng", field="Văn hóa – thể thao",
                    abstract="Ban hành Quy chế quản lý hoạt động quảng cáo ngoài trời trên địa bàn tỉnh Bắc Ninh")),
                ("quyet-dinh-12-2021", dict(
                    title_prefix="Quyết định", document_type=DocumentType.DECISION, document_number="12/2021/QĐ-UBND",
                    issue_date=datetime.date(2021, 4, 8), effective_date=datetime.date(2021, 4, 20),
                    status=DocumentStatus.IN_FORCE, signer=leader, field="Văn hóa – thể thao",
                    abstract="Ban hành Quy chế quản lý hoạt động quảng cáo ngoài trời trên địa bàn tỉnh Bắc Ninh "
                             "(thay thế Quyết định số 04/2016/QĐ-UBND)", replaces="quyet-dinh-04-2016")),
                ("chi-thi-05-ct-ubnd", dict(
                    title_prefix="Chỉ thị", document_type=DocumentType.DIRECTIVE, document_number="05/CT-UBND",
                    issue_date=self.days_ago(9), effective_date=self.days_ago(9), status=DocumentStatus.IN_FORCE,
                    signer=leader, field="Cải cách hành chính",
                    abstract="Về tăng cường kỷ luật, kỷ cương trong giải quyết thủ tục hành chính")),
                ("ke-hoach-150-kh-ubnd", dict(
                    title_prefix="Kế hoạch", document_type=DocumentType.PLAN, document_number="150/KH-UBND",
                    issue_date=self.days_ago(3), effective_date=None, status=DocumentStatus.IN_FORCE,
                    signer=self.profile.leaders[1].name, field="Chuyển đổi số",
                    abstract=f"Triển khai chuyển đổi số tỉnh Bắc Ninh năm {year}")),
            ]
        prefix = "STP" if self.unit.kind == UnitKind.DEPARTMENT else s
        return [
            ("quyet-dinh-noi-quy", dict(
                title_prefix="Quyết định", document_type=DocumentType.DECISION, document_number=f"35/QĐ-{prefix}",
                issue_date=datetime.date(2021, 4, 2), effective_date=datetime.date(2021, 4, 2),
                status=DocumentStatus.REPLACED, signer=leader, field="Thông tin và truyền thông",
                abstract=f"Ban hành Quy chế hoạt động của Ban Biên tập Cổng TTĐT {self.unit.short_name}")),
            ("quyet-dinh-quy-che-ban-bien-tap", dict(
                title_prefix="Quyết định", document_type=DocumentType.DECISION, document_number=f"118/QĐ-{prefix}",
                issue_date=self.days_ago(40), effective_date=self.days_ago(40), status=DocumentStatus.IN_FORCE,
                signer=leader, field="Thông tin và truyền thông",
                abstract=f"Ban hành Quy chế hoạt động của Ban Biên tập Cổng TTĐT {self.unit.short_name} "
                         f"(thay thế Quyết định số 35/QĐ-{prefix})", replaces="quyet-dinh-noi-quy")),
            ("ke-hoach-cai-cach-hanh-chinh", dict(
                title_prefix="Kế hoạch", document_type=DocumentType.PLAN, document_number=f"27/KH-{prefix}",
                issue_date=self.days_ago(4), effective_date=None, status=DocumentStatus.IN_FORCE,
                signer=self.profile.leaders[-1].name, field="Cải cách hành chính",
                abstract=f"Cải cách hành chính năm {self.today.year} của {self.profile.agency}")),
        ]

    def projects(self):
        short = self.unit.short_name
        items = (
            (ProjectStatus.PREPARING, f"Xây dựng trụ sở làm việc bộ phận một cửa {short}", "Xây dựng công trình",
             "Nhóm C", 18_500_000_000, FundingType.STATE_BUDGET, (self.today.year + 1, self.today.year + 2)),
            (ProjectStatus.IN_PROGRESS, f"Nâng cấp hạ tầng công nghệ thông tin, chuyển đổi số {short}",
             "Công nghệ thông tin", "Nhóm C", 9_800_000_000, FundingType.STATE_BUDGET,
             (self.today.year - 1, self.today.year)),
            (ProjectStatus.COMPLETED, f"Cải tạo, nâng cấp đường giao thông nội bộ khu trung tâm {short}",
             "Giao thông", "Nhóm B", 46_000_000_000, FundingType.PPP, (self.today.year - 3, self.today.year - 1)),
        )
        for number, (status, title, field_, kind, budget, funding, (start, end)) in enumerate(items):
            self.add("du-an", ProjectPage, f"du-an-{number + 1}", title=title, status=status, field=field_,
                     project_type=kind, budget=budget, funding_type=funding, sponsor=self.profile.agency,
                     period_start=datetime.date(start, 1, 1), period_end=datetime.date(end, 12, 31),
                     main_objective=f"{title}, phục vụ người dân và doanh nghiệp tốt hơn.",
                     body=_body("Dự án được phê duyệt chủ trương đầu tư theo quy định của Luật Đầu tư công."),
                     published_on=self.days_ago(15 + number * 20))

    def consultations(self):
        now = timezone.now()
        items = (
            ("lay-y-kien-du-thao-quy-dinh-ho-tro", "Dự thảo Quy định chính sách hỗ trợ chuyển đổi số",
             now + datetime.timedelta(days=25), 6),
            ("lay-y-kien-du-thao-ke-hoach-moi-truong", "Dự thảo Kế hoạch bảo vệ môi trường giai đoạn 2021–2025",
             now - datetime.timedelta(days=10), 45),
        )
        for slug, draft, deadline, age in items:
            self.add("lay-y-kien", ConsultationPage, slug, title=f"Lấy ý kiến: {draft}", draft_name=draft,
                     draft_text=_p(f"{draft} gồm 3 chương, 15 điều.", "Chương I. Quy định chung.",
                                   "Chương II. Nội dung chính sách.", "Chương III. Tổ chức thực hiện."),
                     comment_deadline=deadline, receiving_agency=self.profile.agency,
                     receiving_address=self.profile.address, receiving_email=self.profile.email,
                     published_on=self.days_ago(age))

    def financial_report(self):
        year = self.today.year - 1
        self.add("bao-cao-tai-chinh", FinancialReportPage, f"quyet-toan-{year}", fiscal_year=year,
                 title=f"Công khai quyết toán ngân sách năm {year} của {self.profile.agency}",
                 summary=f"Số liệu quyết toán thu, chi ngân sách năm {year} theo Thông tư 343/2016/TT-BTC.",
                 body=_body(f"Tổng thu ngân sách năm {year} đạt 104% dự toán; tổng chi đạt 97% dự toán.",
                            document=self.media.document(
                                f"Biểu quyết toán ngân sách năm {year}", f"quyet-toan-{year}.csv",
                                f"Nội dung,Dự toán (triệu đồng),Quyết toán (triệu đồng)\nThu,1000,1040\nChi,980,951\n"
                                .encode("utf-8"))),
                 published_on=self.days_ago(30))

    # -- 8.1.k, l, m, n --------------------------------------------------------------

    def contacts(self):
        domain_user = self.profile.email.split("@")[0]
        contacts = [
            OfficialContact(name=leader.name, title=leader.title, unit=self.profile.agency, phone=self.profile.phone,
                            fax=self.profile.fax, email=f"{_mailbox(leader.name)}@bacninh.gov.vn",
                            sort_order=order)
            for order, leader in enumerate(self.profile.leaders)
        ]
        contacts.append(OfficialContact(name="Nguyễn Thị Hương", title="Chánh Văn phòng", unit="Văn phòng",
                                        phone=self.profile.phone, fax=self.profile.fax,
                                        email=f"vanphong.{domain_user}@bacninh.gov.vn", sort_order=len(contacts)))
        self.fill("lien-he-can-bo", contacts=contacts, published_on=self.days_ago(60))
        setting = PortalContactSettings.for_site(self.unit.site)
        if not setting.is_filled:
            setting.address, setting.phone = self.profile.address, self.profile.phone
            setting.fax, setting.email = self.profile.fax, self.profile.email
            setting.save()
        if not setting.responsible_person:
            # The head of the board is the unit's first leader (Điều 5.2).
            head = self.profile.leaders[0]
            setting.responsible_person = head.name
            setting.responsible_title = f"{head.title}, Trưởng Ban Biên tập"
            setting.save()

    # The list of information disclosed (issue #22 item 2): the points of Luật TCTT Điều 17.1
    # the demo portal's sections already carry get a link; the rest stay "chưa công khai".
    DISCLOSURE_SECTIONS = {"17.1.a": "van-ban", "17.1.b": "pho-bien-phap-luat", "17.1.c": "lay-y-kien",
                           "17.1.d": "quy-hoach-ke-hoach", "17.1.đ": "bao-cao-tai-chinh", "17.1.g": "du-an",
                           "17.1.h": "gioi-thieu", "17.1.i": "thong-ke", "17.1.k": "tiep-can-thong-tin"}

    def _disclosures(self):
        page = self.sections.get("tiep-can-thong-tin")
        items = list(page.disclosures.all()) if page is not None else []
        for item in items:
            target = self.sections.get(self.DISCLOSURE_SECTIONS.get(item.legal_basis, ""))
            if target is not None and (target.live or target.pk == page.pk):
                item.link_page = target
                item.disclosed_on = self.days_ago(90)
        return items

    def access_to_information(self):
        self.fill(
            "tiep-can-thong-tin", published_on=self.days_ago(90), disclosures=self._disclosures(),
            public_information_list=_p(
                "Văn bản quy phạm pháp luật, văn bản hành chính có giá trị áp dụng chung;",
                "Thủ tục hành chính, quy trình giải quyết công việc;",
                "Chiến lược, quy hoạch, kế hoạch; dự toán, quyết toán ngân sách;",
                "Danh mục dự án, kết quả lựa chọn nhà thầu; thông tin về tổ chức bộ máy, cán bộ lãnh đạo.",
            ),
            focal_point=f"Văn phòng {self.profile.agency}",
            request_address=self.profile.address, request_email=self.profile.email,
            complaints_contact=f"Thanh tra / Văn phòng {self.profile.agency}, {self.profile.address}",
        )

    def online_services(self):
        services = {
            UnitKind.PROVINCE: ("Đăng ký doanh nghiệp", "Cấp giấy phép xây dựng", "Cấp giấy phép lao động"),
            UnitKind.DEPARTMENT: ("Cấp phiếu lý lịch tư pháp", "Đăng ký kết hôn có yếu tố nước ngoài",
                                  "Chứng thực bản sao điện tử"),
            UnitKind.DISTRICT: ("Đăng ký hộ kinh doanh", "Cấp giấy phép xây dựng nhà ở riêng lẻ",
                                "Chuyển mục đích sử dụng đất"),
            UnitKind.COMMUNE: ("Đăng ký khai sinh", "Đăng ký kết hôn", "Chứng thực chữ ký"),
        }[self.unit.kind]
        self.fill(
            "dich-vu-cong", published_on=self.days_ago(90),
            service_portal_url=PROVINCIAL_PUBLIC_SERVICE_PORTAL,
            intro=(f"Các thủ tục hành chính của {self.profile.agency} được tiếp nhận, giải quyết trực tuyến trên "
                   "Cổng Dịch vụ công tỉnh Bắc Ninh."),
            services=[("service", {"title": title, "url": f"{PROVINCIAL_PUBLIC_SERVICE_PORTAL}/?q={_ascii_slug(title)}",
                                   "level": level}) for title, level in zip(services, ("full", "full", "partial"))],
        )

    # -- 8.2 (province only) ---------------------------------------------------------

    def gazette(self):
        d96, d12 = self.documents_by_number.get(DECISION_96_NUMBER), self.documents_by_number.get("12/2021/QĐ-UBND")
        issues = (
            ("so-09-10-2021", "09+10", datetime.date(2021, 3, 31), [d96]),
            ("so-13-14-2021", "13+14", datetime.date(2021, 4, 23), [d12]),
        )
        for slug, number, day, documents in issues:
            entries = [GazetteEntry(legal_document=doc, sort_order=i) for i, doc in enumerate(documents) if doc]
            self.add("cong-bao", GazetteIssuePage, slug, title=f"Công báo tỉnh Bắc Ninh số {number}/{day.year}",
                     issue_number=f"{number}/{day.year}", issue_date=day, entries=entries,
                     information_date=day, published_on=day)

    def science(self):
        report = self.media.document("Báo cáo tổng hợp kết quả đề tài KHCN-2022-07", "bao-cao-khcn-2022-07.txt",
                                     "Báo cáo tổng hợp kết quả nghiên cứu (bản trình diễn).\n".encode("utf-8"))
        application = self.media.document("Báo cáo ứng dụng kết quả đề tài KHCN-2022-07", "ung-dung-khcn-2022-07.txt",
                                          "Báo cáo kết quả ứng dụng (bản trình diễn).\n".encode("utf-8"))
        items = (
            ("khcn-2022-07", "KHCN-2022-07", "Nghiên cứu chọn tạo giống lúa chất lượng cao thích ứng biến đổi khí hậu",
             ManagementLevel.PROVINCIAL, "Nông nghiệp", "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ Bắc Ninh",
             (2022, 2024), ScienceProgrammeStatus.ACCEPTED, 50),
            ("khcn-2024-03", "KHCN-2024-03", "Ứng dụng trí tuệ nhân tạo trong giải quyết thủ tục hành chính",
             ManagementLevel.PROVINCIAL, "Công nghệ thông tin", "Trung tâm Chuyển đổi số tỉnh Bắc Ninh",
             (2024, 2026), ScienceProgrammeStatus.IN_PROGRESS, 200),
            ("khcn-2025-01", "KHCN-2025-01", "Bảo tồn và phát huy giá trị dân ca Quan họ trong trường học",
             ManagementLevel.GRASSROOTS, "Văn hóa – xã hội", "Trường Đại học Văn hóa, Thể thao và Du lịch Thanh Hóa",
             (2025, 2026), ScienceProgrammeStatus.APPROVED, 25),
        )
        for slug, code, title, level, field_, host, (start, end), status, age in items:
            extra = {}
            if status == ScienceProgrammeStatus.ACCEPTED:
                extra = dict(results=_p("Chọn tạo được 02 giống lúa chất lượng cao, năng suất 62–65 tạ/ha, "
                                        "chịu hạn và mặn nhẹ; đã được Hội đồng nghiệm thu cấp tỉnh đánh giá đạt."),
                             summary_report=report, application_report=application)
            self.add("khoa-hoc-cong-nghe", ScienceProgrammePage, slug, title=title, code=code,
                     management_level=level, field=field_, host_unit=host, period_start=datetime.date(start, 1, 1),
                     period_end=datetime.date(end, 12, 31), status=status, published_on=self.days_ago(age), **extra)

    def statistics(self):
        year = self.today.year - 1
        rows = [
            ["Chỉ tiêu", "Đơn vị", f"Năm {year - 1}", f"Năm {year}"],
            ["Dân số trung bình", "nghìn người", "1.488,2", "1.519,6"],
            ["Tốc độ tăng GRDP", "%", "4,9", "6,1"],
            ["Thu ngân sách nhà nước", "tỷ đồng", "32.186", "34.520"],
            ["Kim ngạch xuất khẩu", "triệu USD", "55.400", "57.120"],
        ]
        csv_document = self.media.document(f"Số liệu kinh tế – xã hội năm {year} (CSV)", f"so-lieu-{year}.csv",
                                           lambda: _csv_bytes(rows))
        xlsx_document = self.media.document(f"Số liệu kinh tế – xã hội năm {year} (Excel)", f"so-lieu-{year}.xlsx",
                                            lambda: _xlsx_bytes(rows))
        self.add("thong-ke", StatisticsReleasePage, f"tinh-hinh-kinh-te-xa-hoi-{year}",
                 title=f"Tình hình kinh tế – xã hội tỉnh Bắc Ninh năm {year}",
                 survey_period_start=datetime.date(year, 1, 1), survey_period_end=datetime.date(year, 12, 31),
                 method=_p("Tổng hợp từ báo cáo thống kê định kỳ của các sở, ngành và điều tra mẫu hộ gia đình."),
                 analysis=_p(f"Kinh tế tỉnh năm {year} tăng trưởng khá; công nghiệp chế biến, chế tạo tiếp tục "
                             "là động lực chính; thu ngân sách vượt dự toán."),
                 report=csv_document,
                 data_files=[StatisticsDataFile(document=csv_document, title="Số liệu (CSV)", sort_order=0),
                             StatisticsDataFile(document=xlsx_document, title="Số liệu (Excel)", sort_order=1)],
                 published_on=self.days_ago(12))

    def run(self) -> int:
        self.introduction()
        self.news()
        self.direction()
        self.dissemination()
        self.plans()
        self.legal_documents()
        self.projects()
        self.consultations()
        self.financial_report()
        self.contacts()
        self.access_to_information()
        self.online_services()
        if self.unit.kind == UnitKind.PROVINCE:
            self.gazette()
            self.science()
            self.statistics()
        return self.created


def _ascii_slug(text: str) -> str:
    from django.utils.text import slugify

    from cms.models.legal_documents import document_number_key

    return slugify(document_number_key(text)).replace("-", "")[:30] or "lienhe"


def _mailbox(name: str) -> str:
    """Official mailbox of a person: initials and given name, e.g. Trần Quang Minh → tqminh."""
    from cms.models.legal_documents import document_number_key

    words = [document_number_key(word) for word in name.split()]
    return "".join(word[0] for word in words[:-1]) + words[-1]


def _csv_bytes(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def _xlsx_bytes(rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Số liệu"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def cms_demo_seed(*, slugs=DEMO_PORTALS, progress: Callable[[str], None] | None = None) -> int:
    """Fill every section of the demo portals that exist; returns the pages published."""
    today = timezone.localdate()
    created = 0
    units = {u.slug: u for u in Unit.objects.filter(slug__in=slugs, site__isnull=False).select_related(
        "site__root_page", "collection")}
    # Sorted like provisioning: the province first, so its documents exist for its gazette.
    for slug in slugs:
        unit = units.get(slug)
        if unit is not None and slug in PROFILES:
            with transaction.atomic():
                created += Seeder(unit, today).run()
        if progress:
            progress(slug)
    return created
