"""Điều 8's update deadlines judged from plain values: on time, overdue, not yet due or
not measured. (``compliance.rules`` applies them to a page.)

An item's deadline is its mandated item's ``deadline_working_days`` in
``mandate.items`` (the only place the numbers live), counted in working days
(``workdays.calendar``) from ``information_date`` (the day the information arose) to
the local (Vietnam) date it was published.

* Published on: the local date of ``first_published_at``; when the information date
  was moved past that date (an introduction or contact page updated with new
  information) the local date of ``last_published_at``, the publication that carried
  the new information.
* Legal documents (Điều 8.1.e): 2 working days on the issuer's portal, 8
  (``LEGAL_DOCUMENT_GOVERNED_UNIT_DEADLINE``) on the portal of a unit it governs.
  A page knows which by comparing its ``issuing_authority`` with the name of its
  portal's unit (see :func:`portal_is_issuer`): the issuing authority is free text
  typed from the document, and "UBND" is the usual abbreviation of "Ủy ban nhân dân".
* Not measured (``not_applicable``): index pages, items without a deadline (8.1.m,
  8.1.n, 8.2.đ), items that do not apply to the portal's kind.
* Not yet published: not yet due (``NOT_YET_DUE``, stored and served as ``pending``)
  until the due date has passed (as of ``today``), ``overdue`` after it.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mandate.items import LEGAL_DOCUMENT_GOVERNED_UNIT_DEADLINE, MANDATE_ITEMS
from workdays.calendar import WorkingCalendar

LEGAL_DOCUMENT_ITEM = "8.1.e"


class Timeliness(models.TextChoices):
    ON_TIME = "on_time", _("On time")
    OVERDUE = "overdue", _("Overdue")
    NOT_YET_DUE = "pending", _("Not yet due")
    NOT_APPLICABLE = "not_applicable", _("Not measured")


# The old name of NOT_YET_DUE (the glossary says "not yet due"); kept for the tests and
# parallel branches that still use it. TextChoices refuses a second member with the
# same value, so it is a plain class attribute.
Timeliness.PENDING = Timeliness.NOT_YET_DUE


@dataclass(frozen=True)
class Verdict:
    status: str
    days_allowed: int | None = None
    days_used: int | None = None  # working days from the information date to publication (or to today)
    due_date: datetime.date | None = None
    published_on: datetime.date | None = None

    @property
    def days_left(self) -> int | None:
        """Working days left before the due date (negative: overdue by that many); None once published."""
        if self.days_allowed is None or self.published_on is not None or self.days_used is None:
            return None
        return self.days_allowed - self.days_used


NOT_MEASURED = Verdict(Timeliness.NOT_APPLICABLE)

_ABBREVIATIONS = (("ubnd", "ủy ban nhân dân"), ("hđnd", "hội đồng nhân dân"))


def _authority_key(name: str) -> str:
    text = unicodedata.normalize("NFC", name or "").lower().replace("uỷ", "ủy")
    for short, long in _ABBREVIATIONS:
        text = re.sub(rf"(?<!\w){short}(?!\w)", long, text)
    return re.sub(r"[\s.,;:-]+", " ", text).strip()


def portal_is_issuer(*, issuing_authority: str, unit_name: str, unit_short_name: str = "") -> bool:
    """True when the portal's own unit issued the document (Điều 8.1.e's 2-day case).

    "UBND tỉnh Bắc Ninh" matches the province "Ủy ban nhân dân tỉnh Bắc Ninh", "Sở
    Tư pháp" matches "Sở Tư pháp tỉnh Bắc Ninh" (the unit's name starting with the
    authority followed by its locality), "Huyện Tiên Du" / "UBND huyện Tiên Du"
    match the district. Anything else is an authority the portal's unit is governed by.
    """
    authority = _authority_key(issuing_authority)
    if not authority:
        return False
    for name in (unit_name, unit_short_name):
        key = _authority_key(name)
        if not key:
            continue
        if authority == key or authority == f"ủy ban nhân dân {key}":
            return True
        if key.startswith(authority + " ") and len(authority) >= 6:
            # "sở tư pháp" vs "sở tư pháp tỉnh bắc ninh": the unit's locality is implied.
            return True
    return False


def deadline_for(*, item_key: str, kind: str | None, issuer: bool = True) -> int | None:
    """Working days allowed for ``item_key`` on a portal of ``kind``; None: not measured."""
    item = MANDATE_ITEMS.get(item_key)
    if item is None or item.deadline_working_days is None:
        return None
    if kind is not None and kind not in item.applies_to:
        return None
    if item_key == LEGAL_DOCUMENT_ITEM and not issuer:
        return LEGAL_DOCUMENT_GOVERNED_UNIT_DEADLINE
    return item.deadline_working_days


def published_on_for(
    *,
    information_date: datetime.date,
    first_published_at: datetime.datetime | None,
    last_published_at: datetime.datetime | None,
    tz: datetime.tzinfo | None = None,
) -> datetime.date | None:
    """The local date the information was published (see the module docstring).

    ``tz`` (default: the current time zone) lets a batch look the zone up once.
    """
    if first_published_at is None:
        return None
    return published_on_from(
        information_date=information_date,
        first_published_on=timezone.localdate(first_published_at, tz),
        last_published_on=timezone.localdate(last_published_at, tz) if last_published_at is not None else None,
    )


def published_on_from(
    *,
    information_date: datetime.date,
    first_published_on: datetime.date | None,
    last_published_on: datetime.date | None,
) -> datetime.date | None:
    """:func:`published_on_for` from the local dates of the two publications."""
    if first_published_on is None:
        return None
    if information_date > first_published_on and last_published_on is not None:
        return last_published_on
    return first_published_on


def timeliness_of(
    *,
    information_date: datetime.date,
    published_on: datetime.date | None,
    days_allowed: int | None,
    today: datetime.date,
    calendar: WorkingCalendar,
    due_cache: dict | None = None,
) -> Verdict:
    """The verdict for one item from plain values (the batch form of :func:`item_timeliness`)."""
    if days_allowed is None:
        return NOT_MEASURED
    key = (information_date, days_allowed)
    due = due_cache.get(key) if due_cache is not None else None
    if due is None:
        due = calendar.add(information_date, days_allowed)
        if due_cache is not None:
            due_cache[key] = due
    if published_on is not None:
        used = calendar.between(information_date, published_on)
        status = Timeliness.ON_TIME if published_on <= due else Timeliness.OVERDUE
        return Verdict(status, days_allowed, used, due, published_on)
    used = calendar.between(information_date, today)
    status = Timeliness.OVERDUE if today > due else Timeliness.NOT_YET_DUE
    return Verdict(status, days_allowed, used, due, None)
