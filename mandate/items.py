"""The content every portal must carry (Điều 8), in one table.

Each mandated item has its key (the article's letter), the unit kinds it applies to
and its update deadline in working days, counted from the date the information arose
(``PortalPage.information_date``) to first publication. Issue #7's compliance engine
(``mandate.deadlines``) and ``mandate_coverage`` read this table; nothing else repeats these numbers.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from mandate.units import UnitKind

ALL_KINDS = frozenset(UnitKind.values)
PROVINCE_ONLY = frozenset({UnitKind.PROVINCE})
SAME_DAY = 0


@dataclass(frozen=True)
class MandateItem:
    key: str
    label: str
    applies_to: frozenset
    deadline_working_days: int | None  # None: the decision sets no deadline
    deadline_basis: str = ""


MANDATE_ITEMS: dict[str, MandateItem] = {
    item.key: item
    for item in (
        # Điều 8.1.a: 2 working days after the information is new or changed.
        MandateItem("8.1.a", _("Introduction"), ALL_KINDS, 2, _("after new or changed information")),
        # Điều 8.1.b: 2 working days after the event.
        MandateItem("8.1.b", _("News and events"), ALL_KINDS, 2, _("after the event")),
        # Điều 8.1.c: 2 working days after issue.
        MandateItem("8.1.c", _("Direction and administration"), ALL_KINDS, 2, _("after issue")),
        # Điều 8.1.d: 12 working days after issue.
        MandateItem("8.1.d", _("Legal dissemination"), ALL_KINDS, 12, _("after issue")),
        # Điều 8.1.đ: 5 working days after approval.
        MandateItem("8.1.đ", _("Strategies, plans and master plans"), ALL_KINDS, 5, _("after approval")),
        # Điều 8.1.e: 2 working days after issue by the issuer (8 for units it governs).
        MandateItem("8.1.e", _("Legal and administrative documents"), ALL_KINDS, 2, _("after issue")),
        # Điều 8.1.g: 5 working days after approval.
        MandateItem("8.1.g", _("Projects, bidding and public procurement"), ALL_KINDS, 5, _("after approval")),
        # Điều 8.1.h: 2 working days after the request to post.
        MandateItem("8.1.h", _("Consultation on drafts"), ALL_KINDS, 2, _("after the request to post")),
        # Điều 8.1.i: 2 working days after issue.
        MandateItem("8.1.i", _("Financial reports"), ALL_KINDS, 2, _("after issue")),
        # Điều 8.1.k: 2 working days after a change.
        MandateItem("8.1.k", _("Contacts of officials"), ALL_KINDS, 2, _("after a change")),
        # Điều 8.1.l: 2 working days after a change.
        MandateItem("8.1.l", _("Portal contact details"), ALL_KINDS, 2, _("after a change")),
        # Điều 8.1.m and 8.1.n set no deadline.
        MandateItem("8.1.m", _("Access to information"), ALL_KINDS, None),
        MandateItem("8.1.n", _("Online public services"), ALL_KINDS, None),
        # Điều 8.2.a: the same day as the printed gazette.
        MandateItem("8.2.a", _("Official Gazette"), PROVINCE_ONLY, SAME_DAY, _("same day as the printed gazette")),
        # Điều 8.2.b: 15 working days after approval or acceptance.
        MandateItem("8.2.b", _("Science programmes and projects"), PROVINCE_ONLY, 15, _("after approval or acceptance")),
        # Điều 8.2.c: 8 working days after announcement.
        MandateItem("8.2.c", _("Statistics"), PROVINCE_ONLY, 8, _("after announcement")),
        # Điều 8.2.d: 2 working days after the Vietnamese version.
        MandateItem("8.2.d", _("Foreign-language information"), PROVINCE_ONLY, 2, _("after the Vietnamese version")),
        # Điều 8.2.đ sets no deadline.
        MandateItem("8.2.đ", _("Online surveys"), PROVINCE_ONLY, None),
    )
}

# Điều 8.1.e: units governed by the issuer republish its documents within 8 days.
LEGAL_DOCUMENT_GOVERNED_UNIT_DEADLINE = 8
# The name before issue #24 (the glossary calls them units); remove after the merge.
LEGAL_DOCUMENT_GOVERNED_AGENCY_DEADLINE = LEGAL_DOCUMENT_GOVERNED_UNIT_DEADLINE


def mandate_items_for(kind: str) -> list[MandateItem]:
    """The items a portal of ``kind`` must carry, in the decision's order."""
    return [item for item in MANDATE_ITEMS.values() if kind in item.applies_to]
