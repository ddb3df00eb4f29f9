"""Archived portals (issue #21): a unit that merged into another or ended keeps its
portal online, read-only, from its ``archived_on`` date.

The rule lives here, at the bottom layer, so every app that accepts edits or
submissions (pages, Q&A, consultations, surveys, the API) asks the same question
without knowing about the reorganisation app that sets the date.
"""

from __future__ import annotations

import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenants.models import Unit

MESSAGE_ARCHIVED = gettext_lazy(
    "This portal has been archived: it is kept for reference and accepts no edits or new submissions."
)


def unit_is_archived(unit: Unit | None, *, today: datetime.date | None = None) -> bool:
    """True from the unit's archive date on (a plan applied ahead takes effect on its date)."""
    if unit is None or unit.archived_on is None:
        return False
    return unit.archived_on <= (today or timezone.localdate())


def unit_archived_refusal(unit: Unit | None) -> str | None:
    """The Vietnamese message a user gets when trying to change an archived portal."""
    if not unit_is_archived(unit):
        return None
    notice = archive_notice(unit)
    return f"{MESSAGE_ARCHIVED} {notice}"


def archive_notice(unit: Unit) -> str:
    """'From 01/07/2025, Xã Việt Đoàn merged into Xã Liên Bão.' (or 'ended')."""
    date = formats.date_format(unit.archived_on, "d/m/Y")
    if unit.successor_id:
        return _("From %(date)s, %(unit)s has merged into %(successor)s.") % {
            "date": date,
            "unit": unit.name,
            "successor": unit.successor.name,
        }
    return _("From %(date)s, %(unit)s has ceased to exist; this portal is kept as an archive.") % {
        "date": date,
        "unit": unit.name,
    }


def unit_id_archived_refusal(unit_id: int | None) -> str | None:
    """``unit_archived_refusal`` for a unit known by id (pages know their unit's id)."""
    if unit_id is None:
        return None
    unit = Unit.objects.filter(pk=unit_id, archived_on__isnull=False).select_related("successor").first()
    return unit_archived_refusal(unit)


def archived_units(*, today: datetime.date | None = None):
    """Units whose portal is archived (from their archive date on)."""
    return Unit.objects.filter(archived_on__lte=today or timezone.localdate())
