"""Reading petitions: tracking lookups, each board's list, overdue tracking, table 2."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from intake.tables import CountsRow, answer_timing, counts_table, overdue, overdue_first
from qa.models import OPEN_STATUSES, Petition, PetitionStatus
from qa.models.petitions import tracking_code_normalise
from qa.permissions import user_handling_unit_ids, user_sees_all_petitions
from tenants.models import Unit


def petition_by_tracking_code(*, code: str) -> Petition | None:
    return Petition.objects.select_related("agency").filter(tracking_code=tracking_code_normalise(code)).first()


def petitions_published(*, unit: Unit) -> QuerySet[Petition]:
    return (
        Petition.objects.filter(agency=unit, status=PetitionStatus.PUBLISHED)
        .select_related("answer_translation")
        .order_by("-published_at")
    )


def petitions_for_user(*, user, today: datetime.date | None = None) -> QuerySet[Petition]:
    """The petitions a board works on, overdue first, then by due date.

    A board sees the petitions its agency holds and those it forwarded elsewhere;
    the provincial board and superusers see every agency's.
    """
    petitions = Petition.objects.select_related("agency")
    if not user_sees_all_petitions(user):
        units = user_handling_unit_ids(user)
        petitions = petitions.filter(Q(agency__in=units) | Q(forwardings__from_agency__in=units)).distinct()
    return overdue_first(petitions, open_statuses=OPEN_STATUSES, today=today or timezone.localdate())


def petitions_overdue(*, today: datetime.date | None = None, units: Iterable[Unit] | None = None) -> QuerySet[Petition]:
    """Unanswered petitions past their due date, across agencies, oldest due first."""
    petitions = Petition.objects.all()
    if units is not None:
        petitions = petitions.filter(agency__in=list(units))
    return overdue(petitions, open_statuses=OPEN_STATUSES, today=today or timezone.localdate())


@dataclass(frozen=True)
class QATableRow(CountsRow):
    """One row of table 2 of the Appendix (Q&A per receiving agency)."""

    received: int = 0
    answered_on_time: int = 0
    answered_overdue: int = 0
    unanswered_not_due: int = 0
    unanswered_overdue: int = 0

    COLUMNS = ("received", "answered_on_time", "answered_overdue", "unanswered_not_due", "unanswered_overdue")


def _column(*, due_date: datetime.date, answered_at, as_of: datetime.date) -> str:
    timing = answer_timing(due_date=due_date, answered_at=answered_at, as_of=as_of)
    if timing is not None:
        return "answered_on_time" if timing == "on_time" else "answered_overdue"
    return "unanswered_not_due" if due_date >= as_of else "unanswered_overdue"


def qa_table(
    *,
    start: datetime.date,
    end: datetime.date,
    units: Iterable[Unit] | None = None,
    as_of: datetime.date | None = None,
) -> list[QATableRow]:
    """Table 2 of the Appendix for petitions received from ``start`` to ``end`` (inclusive).

    Each petition counts under the agency holding it (after any forwarding), as
    answered on time / overdue or unanswered not yet due / overdue on ``as_of``
    (default today: a report made on 10 April about March counts the answers given
    until 10 April, as the meeting it is made for wants to know). Refused
    petitions are not Q&A (Điều 13) and are left out, so every row adds up:
    received = the four other columns. ``units`` gives the rows and their order;
    by default every agency with a petition in the period. The last row is the total.
    """
    as_of = as_of or timezone.localdate()
    return counts_table(
        Petition.objects.exclude(status=PetitionStatus.REFUSED), start=start, end=end, units=units,
        row_class=QATableRow, fields=("due_date", "answered_at"),
        column=lambda **item: _column(**item, as_of=as_of),
    )
