"""The list of information a portal must make public (Điều 8.1.m of Decision 96; Luật
Tiếp cận thông tin 2016, Điều 17; Nghị định 13/2018/NĐ-CP, Điều 6), issue #22 item 2.

Nghị định 13/2018, Điều 6: the agency's focal point keeps the list (Danh mục thông tin
phải được công khai) of the information Điều 17 of the Law requires; for each item the
name, number and symbol of the document, its date, the form and the time (and period,
if any) of disclosure, and, where the information is already posted, the address to
reach or download it. ``DISCLOSURE_SEED`` is Điều 17 khoản 1's list, one item per
point, which a board loads as a start (``disclosure_list_seed``) and then completes.

An item is *overdue* when the law requires it and the list gives no link to where it is
disclosed (``disclosure_is_overdue``); the compliance reports flag it beside, never
inside, the Điều 15 figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class LegalBasis:
    key: str  # "17.1.a": Luật Tiếp cận thông tin 2016, Điều 17, khoản 1, điểm a
    label: str  # what the point requires, in Vietnamese (the law's own wording, shortened)


# Luật Tiếp cận thông tin 2016 (104/2016/QH13), Điều 17 khoản 1, points a–n. The stored
# copies of the Law open with Điều 1–3 only, so this list is written from the Law's text
# as we know it; Nghị định 13/2018, Điều 6 (checked) refers to exactly this article.
LEGAL_BASES: tuple[LegalBasis, ...] = (
    LegalBasis("17.1.a", "Văn bản quy phạm pháp luật; văn bản hành chính có giá trị áp dụng chung; điều ước, "
                         "thỏa thuận quốc tế; thủ tục hành chính, quy trình giải quyết công việc"),
    LegalBasis("17.1.b", "Thông tin phổ biến, hướng dẫn thực hiện pháp luật, chế độ, chính sách"),
    LegalBasis("17.1.c", "Dự thảo văn bản quy phạm pháp luật; nội dung, kết quả lấy ý kiến Nhân dân; đề án thành "
                         "lập, giải thể, nhập, chia đơn vị hành chính, điều chỉnh địa giới"),
    LegalBasis("17.1.d", "Chiến lược, chương trình, dự án, đề án, kế hoạch, quy hoạch phát triển kinh tế - xã hội; "
                         "chương trình, kế hoạch công tác hằng năm"),
    LegalBasis("17.1.đ", "Dự toán, tình hình thực hiện, quyết toán ngân sách nhà nước; thủ tục ngân sách"),
    LegalBasis("17.1.e", "Phân bổ, quản lý, sử dụng vốn ODA, vay ưu đãi; cứu trợ, trợ cấp xã hội; khoản đóng góp "
                         "của Nhân dân, các loại quỹ"),
    LegalBasis("17.1.g", "Danh mục dự án, chương trình đầu tư công, mua sắm công; chính sách ưu đãi, dự án kêu gọi "
                         "đầu tư"),
    LegalBasis("17.1.h", "Cơ cấu tổ chức, nhiệm vụ, quyền hạn của cơ quan và đơn vị trực thuộc; nhiệm vụ của cán bộ "
                         "trực tiếp giải quyết công việc của Nhân dân; nội quy, quy chế"),
    LegalBasis("17.1.i", "Báo cáo công tác định kỳ; báo cáo tài chính năm; thông tin thống kê; tuyển dụng, sử dụng, "
                         "quản lý cán bộ, công chức, viên chức; chương trình, đề tài khoa học"),
    LegalBasis("17.1.k", "Danh mục thông tin phải được công khai; tên, địa chỉ, điện thoại, thư điện tử của đầu mối "
                         "tiếp nhận yêu cầu cung cấp thông tin"),
    LegalBasis("17.1.l", "Thông tin liên quan đến lợi ích công cộng, sức khỏe của cộng đồng"),
    LegalBasis("17.1.m", "Thông tin về thuế, phí, lệ phí"),
    LegalBasis("17.1.n", "Thông tin khác phải được công khai theo quy định của pháp luật"),
)
# Điều 17 khoản 2: information an agency discloses of its own accord.
VOLUNTARY_BASIS = LegalBasis("17.2", "Thông tin cơ quan chủ động công khai (khoản 2 Điều 17)")


def basis_short(key: str) -> str:
    """"17.1.a" → "Điều 17 khoản 1 điểm a" (the column of the public list)."""
    parts = key.split(".")
    words = ("Điều", "khoản", "điểm")
    return " ".join(f"{word} {part}" for word, part in zip(words, parts, strict=False))


LEGAL_BASIS_CHOICES = [(basis.key, f"{basis_short(basis.key)} – {basis.label}")
                       for basis in (*LEGAL_BASES, VOLUNTARY_BASIS)]

# The seed: one required item per point of khoản 1, titled by the point, no link yet.
DISCLOSURE_SEED: tuple[dict, ...] = tuple(
    {"title": basis.label, "legal_basis": basis.key, "required": True} for basis in LEGAL_BASES
)

DISCLOSURE_SEED_NOT_EMPTY = _("The list already has items: the law's list is loaded only into an empty list.")


def basis_label(key: str) -> str:
    return dict(LEGAL_BASIS_CHOICES).get(key, key)


def disclosure_is_overdue(*, required: bool, has_link: bool) -> bool:
    """Nghị định 13/2018, Điều 6: the list points to where each item is disclosed; a
    required item (Điều 17.1) without that address is not disclosed yet."""
    return required and not has_link


def disclosure_link_missing() -> Q:
    """The same rule as a query on ``DisclosureItem``: no page, file or address."""
    return Q(link_page__isnull=True, link_document__isnull=True) & (Q(link_url="") | Q(link_url__isnull=True))


def disclosures_overdue(*, unit_ids) -> dict[int, list]:
    """Required items without a link on the live access-to-information page of each
    unit, by unit id (units with none overdue are absent). One query."""
    from cms.models.disclosures import DisclosureItem

    found: dict[int, list] = {}
    rows = (DisclosureItem.objects
            .filter(page__live=True, page__unit_id__in=list(unit_ids), required=True)
            .filter(disclosure_link_missing())
            .select_related("page").order_by("page__unit_id", "sort_order", "pk"))
    for item in rows:
        found.setdefault(item.page.unit_id, []).append(item)
    return found


@transaction.atomic
def disclosure_list_seed(*, page) -> int:
    """Load Điều 17.1's items into ``page``'s empty list and save a new revision (the
    board reviews and publishes it). Returns the number of items added."""
    from django.core.exceptions import ValidationError

    from cms.models.disclosures import DisclosureItem

    if page.disclosures.exists():
        raise ValidationError(DISCLOSURE_SEED_NOT_EMPTY)
    page.disclosures = [DisclosureItem(sort_order=index, **item) for index, item in enumerate(DISCLOSURE_SEED)]
    # A draft for the board to complete: the page's other fields may still be empty.
    page.save_revision(clean=False)
    return len(DISCLOSURE_SEED)
