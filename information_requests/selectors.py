"""Reading information requests: the requester's lookup, each board's list, the counts."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from intake.tables import CountsRow, answer_timing, counts_table, due_within, overdue_first

from information_requests.models import OPEN_STATUSES, InformationRequest, RequestStatus
from information_requests.permissions import user_handling_unit_ids, user_sees_all_requests
from information_requests.shared import tracking_code_normalise
from tenants.models import Unit


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
    items = InformationRequest.objects.select_related("agency")
    if not user_sees_all_requests(user):
        items = items.filter(agency__in=user_handling_unit_ids(user))
    return overdue_first(items, open_statuses=OPEN_STATUSES, today=today or timezone.localdate())


def information_requests_due(*, queryset: QuerySet, today: datetime.date, within_days: int = 3) -> QuerySet:
    """Open requests due from today to ``within_days`` calendar days ahead (not yet overdue)."""
    return due_within(queryset, open_statuses=OPEN_STATUSES, today=today, days=within_days)


@dataclass(frozen=True)
class RequestTableRow(CountsRow):
    """One row of the counts table: requests received in the period, per agency."""

    received: int = 0
    answered_on_time: int = 0
    answered_late: int = 0
    refused: int = 0
    open: int = 0

    COLUMNS = ("received", "answered_on_time", "answered_late", "refused", "open")


def _column(*, status: str, due_date: datetime.date, answered_at, refused_at, as_of: datetime.date) -> str:
    """Where one request counts on ``as_of``; a step taken after ``as_of`` is not yet seen."""
    if status == RequestStatus.REFUSED and refused_at and timezone.localdate(refused_at) <= as_of:
        return "refused"
    timing = answer_timing(due_date=due_date, answered_at=answered_at, as_of=as_of)
    return f"answered_{timing}" if timing else "open"


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
    return counts_table(
        InformationRequest.objects.all(), start=start, end=end, units=units, row_class=RequestTableRow,
        fields=("status", "due_date", "answered_at", "refused_at"),
        column=lambda **item: _column(**item, as_of=as_of),
    )


def month_bounds(value: str) -> tuple[datetime.date, datetime.date]:
    """``2026-03`` → (1 March, 31 March 2026); ValueError when it is no month."""
    year, month = (int(part) for part in value.split("-"))
    start = datetime.date(year, month, 1)
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return start, following - datetime.timedelta(days=1)


def portal_answers_for(*, information_request: InformationRequest, unit: Unit) -> bool:
    """A portal answers the lookup of its own agency's requests, and (issue #21) of those
    its agency handed over when it merged or ended – never of an unrelated agency's."""
    if information_request.agency_id == unit.pk:
        return True
    return information_request.hand_overs.filter(from_agency=unit).exists()


def information_requests_in_flight(*, agency_slugs: Iterable[str]) -> int:
    """How many requests are still open at these agencies: what a reorganisation would hand over."""
    return InformationRequest.objects.filter(agency__slug__in=list(agency_slugs), status__in=OPEN_STATUSES).count()
