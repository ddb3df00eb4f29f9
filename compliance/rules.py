"""Điều 8's update deadlines applied to one page: on time, overdue, not yet due or not
measured.

The judgement itself, from plain values, lives in ``mandate.deadlines`` (with the
numbers in ``mandate.items``); this module finds a page's values and asks it. The
names of ``mandate.deadlines`` are re-exported here, where the compliance code has
always imported them.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from mandate.deadlines import (  # noqa: F401  (re-exported, see the docstring)
    LEGAL_DOCUMENT_ITEM,
    NOT_MEASURED,
    Timeliness,
    Verdict,
    deadline_for,
    portal_is_issuer,
    published_on_for,
    published_on_from,
    timeliness_of,
)
from workdays.calendar import working_calendar


def item_page_class(page) -> type | None:
    """The concrete page class if ``page`` is a mandated item (not an index), else None."""
    from cms.models.base import PortalPage, SectionIndexPage

    cls = page.specific_class if hasattr(page, "specific_class") else type(page)
    if cls is None or not issubclass(cls, PortalPage) or issubclass(cls, SectionIndexPage):
        return None
    return cls if getattr(cls, "mandate_item", "") else None


def item_timeliness(page, *, today: datetime.date | None = None, unit=None) -> Verdict:
    """On time, overdue, not yet due or not applicable for one page, with days used and allowed.

    ``unit`` stands in for the page's portal while the page is not saved yet (the
    create form knows the parent's portal; ``PortalPage.unit`` is set on save).
    """
    if item_page_class(page) is None:
        return NOT_MEASURED
    page = page.specific if page.pk else page
    unit = page.unit if page.unit_id else unit
    kind = unit.kind if unit is not None else None
    issuer = True
    if page.mandate_item == LEGAL_DOCUMENT_ITEM and unit is not None:
        issuer = portal_is_issuer(
            issuing_authority=getattr(page, "issuing_authority", ""), unit_name=unit.name, unit_short_name=unit.short_name
        )
    days_allowed = deadline_for(item_key=page.mandate_item, kind=kind, issuer=issuer)
    if days_allowed is None or page.information_date is None:
        return NOT_MEASURED
    today = today or timezone.localdate()
    published_on = published_on_for(
        information_date=page.information_date,
        first_published_at=page.first_published_at,
        last_published_at=page.last_published_at,
    )
    low = min(page.information_date, today, published_on or today)
    return timeliness_of(
        information_date=page.information_date,
        published_on=published_on,
        days_allowed=days_allowed,
        today=today,
        calendar=working_calendar(after=low - datetime.timedelta(days=1)),
    )
