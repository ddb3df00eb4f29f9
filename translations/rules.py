"""The rules of the foreign-language mirror (Điều 8.2.d).

The provincial portal offers at least its introduction (8.1.a, leader profiles
included) and its officials' contacts (8.1.k) in a foreign language, within the
deadline of ``MANDATE_ITEMS["8.2.d"]`` (2 working days) after the Vietnamese version.
Only the portals of the unit kinds 8.2.d applies to mirror anything by default; each
portal may change its list in its ``MirrorSettings``.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from mandate.items import MANDATE_ITEMS
from workdays.calendar import working_days_add

MANDATE_KEY = "8.2.d"
# The foreign language of the mirror: English, the second of settings.LANGUAGES.
MIRROR_LANGUAGE = "en"

# Page types a portal may mirror, by model label, with the item each one serves.
MIRRORABLE_PAGE_TYPES: dict[str, str] = {
    "cms.introductionpage": _("Introduction and leader profiles (8.1.a)"),
    "cms.officialcontactspage": _("Contacts of officials (8.1.k)"),
    # Not named by 8.2.d, but the English reader's way to ask (Điều 13 in English).
    "qa.qaindexpage": _("Questions and answers form (Điều 13)"),
}
# What 8.2.d names: a portal of a kind it applies to mirrors these unless configured.
MANDATED_PAGE_TYPES = ("cms.introductionpage", "cms.officialcontactspage")


def mirror_page_types_default(*, unit_kind: str | None) -> list[str]:
    """The law's default: 8.2.d's page types for the kinds it applies to, else none."""
    if unit_kind in MANDATE_ITEMS[MANDATE_KEY].applies_to:
        return list(MANDATED_PAGE_TYPES)
    return []


def mirror_due_date(published: datetime.date) -> datetime.date:
    """Điều 8.2.d: due so many working days after the Vietnamese version is published."""
    return working_days_add(published, MANDATE_ITEMS[MANDATE_KEY].deadline_working_days)


# Messages the tests import.
MESSAGE_UNKNOWN_STATUS = _("Unknown status: choose due, overdue or done.")
MESSAGE_UNKNOWN_PORTAL = _("Unknown portal.")
