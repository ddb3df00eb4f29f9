"""Working days (ngày làm việc), the unit of every deadline in the decision.

A working day is Monday to Friday, minus Vietnam's public holidays, plus the official
make-up working days. Three sources, in order of precedence:

1. ``CalendarException`` rows (admin-entered, or official decisions shipped in
   ``workdays/data/official_decisions.yaml``): a make-up working day is always a
   working day, a day off never is.
2. The ``holidays`` package (pinned in requirements.txt): the Labour Code's public
   holidays including lunar Tết (the eve and four days, moved to an adjacent
   weekday when one falls on a weekend) and the Hùng Kings' day, compensatory days
   off (nghỉ bù) after a holiday falling on a weekend, and the weekday swaps the
   package knows (``weekend_workdays``: Saturdays worked in exchange), e.g. 26 April
   2025 and 22 August 2026.
3. Monday to Friday.

Each public function reads the exceptions with at most one query and never at import
time; ``working_calendar`` returns an object that answers many questions about a
date range from a single query, for batch work.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays
from django.utils import timezone

from workdays.models import CalendarException, ExceptionKind

SATURDAY, SUNDAY = 5, 6
WEEKEND = frozenset({SATURDAY, SUNDAY})


@lru_cache(maxsize=32)
def _official_year(year: int) -> tuple[frozenset[datetime.date], frozenset[datetime.date]]:
    """(public holidays, make-up Saturdays) of one year from the holidays package.

    The package is asked for the following year too: a swap decided for one year
    can move a working day into the year before (e.g. 27 December 2014 for 2015).
    """
    country = holidays.country_holidays("VN", years=(year, year + 1))
    days_off = frozenset(day for day in country if day.year == year)
    make_up = frozenset(day for day in country.weekend_workdays if day.year == year)
    return days_off, make_up


def is_official_working_day(day: datetime.date) -> bool:
    """Working day by the law and the holidays package alone, ignoring exceptions."""
    days_off, make_up = _official_year(day.year)
    if day in days_off:
        return False
    return day in make_up or day.weekday() not in WEEKEND


class WorkingCalendar:
    """The calendar with a given set of exceptions already loaded."""

    def __init__(self, exceptions: dict[datetime.date, str]):
        self.exceptions = exceptions

    def is_working_day(self, day: datetime.date) -> bool:
        kind = self.exceptions.get(day)
        if kind == ExceptionKind.MAKE_UP_WORKING_DAY:
            return True
        if kind == ExceptionKind.DAY_OFF:
            return False
        return is_official_working_day(day)

    def add(self, start: datetime.date, n: int) -> datetime.date:
        if n < 0:
            raise ValueError("n must be zero or more working days")
        day = start
        while n:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
        return day

    def between(self, start: datetime.date, end: datetime.date) -> int:
        if end < start:
            return -self.between(end, start)
        count, day = 0, start
        while day < end:
            day += datetime.timedelta(days=1)
            count += self.is_working_day(day)
        return count


def working_calendar(*, after: datetime.date, until: datetime.date | None = None) -> WorkingCalendar:
    """A calendar with the exceptions after ``after`` (up to ``until``) loaded in one query.

    The exception table holds a handful of rows a year, so loading every future row
    when no end is known is cheaper than guessing a window and querying again.
    """
    rows = CalendarException.objects.filter(date__gt=after)
    if until is not None:
        rows = rows.filter(date__lte=until)
    return WorkingCalendar(dict(rows.values_list("date", "kind")))


def is_working_day(day: datetime.date) -> bool:
    """True if ``day`` is a working day (one query)."""
    kind = CalendarException.objects.filter(date=day).values_list("kind", flat=True).first()
    return WorkingCalendar({day: kind} if kind else {}).is_working_day(day)


def working_days_add(start: datetime.date, n: int) -> datetime.date:
    """The date ``n`` working days after ``start`` (one query).

    ``start`` itself never counts, whether or not it is a working day: something
    received on Friday with n=1 is due on Monday, and received on Saturday with n=1
    is due on Monday too. ``n=0`` returns ``start``.
    """
    return working_calendar(after=start).add(start, n)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after ``start`` up to and including ``end`` (one query).

    Negative when ``end`` is before ``start``: ``between(a, b) == -between(b, a)``,
    so ``working_days_between(due_date, today) > 0`` reads "overdue by that many
    working days". ``working_days_between(start, working_days_add(start, n)) == n``.
    """
    low, high = min(start, end), max(start, end)
    return working_calendar(after=low, until=high).between(start, end)


def due_date_for(received_at: datetime.datetime, n: int) -> datetime.date:
    """The due date of something received at ``received_at`` with ``n`` working days.

    Counted from the local (Vietnam) date of receipt: a petition sent at 23:30 on
    Friday is received on Friday wherever the server's clock is.
    """
    return working_days_add(timezone.localdate(received_at), n)
