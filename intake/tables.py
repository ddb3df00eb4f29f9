"""The boards' lists and counts of tracked submissions (``intake.tracking``), written once
for Q&A's table 2 and the information requests' table.

- ``overdue_first``: a board's list, overdue first, then by due date;
- ``due_within`` / ``overdue``: the open items falling due soon, and those past due;
- ``answer_timing``: where one answer counts on a given day (on time, late, not yet);
- ``counts_table``: received in a period per unit, each item in one column, a total row.

The columns differ per app (Q&A splits the unanswered into not yet due and overdue; the
requests count refusals): each app gives its row class and its per-item column function.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import ClassVar

from django.db.models import BooleanField, Case, QuerySet, Value, When
from django.utils import timezone

from mandate.units import KIND_ORDER
from tenants.models import Unit


def overdue_first(queryset: QuerySet, *, open_statuses: Iterable[str], today: datetime.date) -> QuerySet:
    """``queryset`` with an ``overdue`` flag, overdue first, then by due date and arrival."""
    return queryset.annotate(
        overdue=Case(
            When(status__in=list(open_statuses), due_date__lt=today, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    ).order_by("-overdue", "due_date", "received_at")


def due_within(queryset: QuerySet, *, open_statuses: Iterable[str], today: datetime.date, days: int) -> QuerySet:
    """Open items due from ``today`` to ``days`` calendar days ahead (not yet overdue)."""
    return queryset.filter(status__in=list(open_statuses), due_date__gte=today,
                           due_date__lte=today + datetime.timedelta(days=days))


def overdue(queryset: QuerySet, *, open_statuses: Iterable[str], today: datetime.date) -> QuerySet:
    """Open items past their due date, oldest due first."""
    return queryset.filter(status__in=list(open_statuses), due_date__lt=today).order_by("due_date", "received_at")


def answer_timing(*, due_date: datetime.date, answered_at, as_of: datetime.date) -> str | None:
    """"on_time" or "late" for an answer given by ``as_of`` (the due date itself is on
    time); None when unanswered on ``as_of`` (an answer given later is not yet seen)."""
    answered_day = timezone.localdate(answered_at) if answered_at else None
    if answered_day is None or answered_day > as_of:
        return None
    return "on_time" if answered_day <= due_date else "late"


@dataclass(frozen=True)
class CountsRow:
    """One row of a counts table; subclasses add their integer columns and ``COLUMNS``."""

    unit: Unit | None  # None on the total row

    COLUMNS: ClassVar[tuple[str, ...]] = ()

    @property
    def is_total(self) -> bool:
        return self.unit is None


def counts_table(
    queryset: QuerySet,
    *,
    start: datetime.date,
    end: datetime.date,
    units: Iterable[Unit] | None,
    row_class: type[CountsRow],
    fields: tuple[str, ...],
    column: Callable[..., str],
) -> list[CountsRow]:
    """Items of ``queryset`` received from ``start`` to ``end`` (inclusive) per agency:
    ``received`` and, for each item, one more in ``column(**its fields)``. ``units``
    gives the rows and their order; by default every agency with an item in the period,
    by kind then name. The last row is the total."""
    items = queryset.filter(received_at__date__gte=start, received_at__date__lte=end)
    if units is not None:
        units = list(units)
        items = items.filter(agency__in=units)
    counts: dict[int, Counter] = {}
    for agency_id, *values in items.values_list("agency_id", *fields):
        counter = counts.setdefault(agency_id, Counter())
        counter["received"] += 1
        counter[column(**dict(zip(fields, values)))] += 1
    if units is None:
        units = sorted(Unit.objects.filter(pk__in=counts), key=lambda u: (KIND_ORDER[u.kind], u.name))
    total = Counter()
    for counter in counts.values():
        total.update(counter)
    return [row_class(unit, **counts.get(unit.pk, {})) for unit in units] + [row_class(None, **total)]
