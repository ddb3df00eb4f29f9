"""Reading information requests: the requester's lookup, each board's list, the counts."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import BooleanField, Case, QuerySet, Value, When
from django.utils import timezone

from information_requests.models import OPEN_STATUSES, InformationRequest, RequestStatus
from information_requests.permissions import user_handling_unit_ids, user_sees_all_requests
from information_requests.shared import tracking_code_normalise
from tenants.models import Unit
from tenants.provisioning import KIND_ORDER


def information_request_for_requester(*, code: str, secret: str) -> InformationRequest | None:
    """The request whose code and secret both match; None otherwise (no hint which failed)."""
    item = (
        InformationRequest.objects.select_related("agency")
        .filter(tracking_code=tracking_code_normalise(code))
        .first()
    )
    if item is None or not item.secret_matches(secret):
        return None
    return item


def information_requests_for_user(*, user, today: datetime.date | None = None) -> QuerySet[InformationRequest]:
    """The requests a board works on: overdue first, then by due date."""
    today = today or timezone.localdate()
    items = InformationRequest.objects.select_related("agency")
    if not user_sees_all_requests(user):
        items = items.filter(agency__in=user_handling_unit_ids(user))
    return items.annotate(
        overdue=Case(
            When(status__in=OPEN_STATUSES, due_date__lt=today, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    ).order_by("-overdue", "due_date", "received_at")


def information_requests_due(*, queryset: QuerySet, today: datetime.date, within_days: int = 3) -> QuerySet:
    """Open requests due from today to ``within_days`` calendar days ahead (not yet overdue)."""
    return queryset.filter(
        status__in=OPEN_STATUSES, due_date__gte=today, due_date__lte=today + datetime.timedelta(days=within_days)
    )


@dataclass(frozen=True)
class RequestTableRow:
    """One row of the counts table: requests received in the period, per agency."""

    unit: Unit | None  # None on the total row
    received: int = 0
    answered_on_time: int = 0
    answered_late: int = 0
    refused: int = 0
    open: int = 0

    COLUMNS = ("received", "answered_on_time", "answered_late", "refused", "open")

    @property
    def is_total(self) -> bool:
        return self.unit is None


def _column(*, status: str, due_date: datetime.date, answered_at, refused_at, as_of: datetime.date) -> str:
    """Where one request counts on ``as_of``; a step taken after ``as_of`` is not yet seen."""
    if status == RequestStatus.REFUSED and refused_at and timezone.localdate(refused_at) <= as_of:
        return "refused"
    if answered_at and timezone.localdate(answered_at) <= as_of:
        return "answered_on_time" if timezone.localdate(answered_at) <= due_date else "answered_late"
    return "open"


def information_requests_table(
    *,
    start: datetime.date,
    end: datetime.date,
    units: Iterable[Unit] | None = None,
    as_of: datetime.date | None = None,
) -> list[RequestTableRow]:
    """Requests received from ``start`` to ``end`` (inclusive), per requested agency, as
    answered on time / late, refused or still open on ``as_of`` (default today), so each
    row adds up: received = the four other columns. The last row is the total."""
    as_of = as_of or timezone.localdate()
    items = InformationRequest.objects.filter(received_at__date__gte=start, received_at__date__lte=end)
    if units is not None:
        units = list(units)
        items = items.filter(agency__in=units)
    counts: dict[int, Counter] = {}
    for agency_id, status, due_date, answered_at, refused_at in items.values_list(
        "agency_id", "status", "due_date", "answered_at", "refused_at"
    ):
        counter = counts.setdefault(agency_id, Counter())
        counter["received"] += 1
        counter[_column(status=status, due_date=due_date, answered_at=answered_at, refused_at=refused_at,
                        as_of=as_of)] += 1
    if units is None:
        units = sorted(Unit.objects.filter(pk__in=counts), key=lambda u: (KIND_ORDER[u.kind], u.name))
    rows = [RequestTableRow(unit, **counts.get(unit.pk, {})) for unit in units]
    total = Counter()
    for counter in counts.values():
        total.update(counter)
    return rows + [RequestTableRow(None, **total)]


def month_bounds(value: str) -> tuple[datetime.date, datetime.date]:
    """``2026-03`` → (1 March, 31 March 2026); ValueError when it is no month."""
    year, month = (int(part) for part in value.split("-"))
    start = datetime.date(year, month, 1)
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return start, following - datetime.timedelta(days=1)
