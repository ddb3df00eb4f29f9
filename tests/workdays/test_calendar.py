"""The working-day calendar every deadline counts in."""

import datetime

import pytest

from workdays.calendar import (
    due_date_for,
    is_working_day,
    working_calendar,
    working_days_add,
    working_days_between,
)
from workdays.models import CalendarException, ExceptionKind, ExceptionSource

pytestmark = pytest.mark.django_db

D = datetime.date


def test_weekend_is_not_a_working_day_and_is_skipped():
    assert is_working_day(D(2026, 3, 6))  # Friday
    assert not is_working_day(D(2026, 3, 7))
    assert not is_working_day(D(2026, 3, 8))
    assert working_days_add(D(2026, 3, 6), 1) == D(2026, 3, 9)
    assert working_days_add(D(2026, 3, 7), 1) == D(2026, 3, 9)  # received on Saturday
    assert working_days_add(D(2026, 3, 5), 5) == D(2026, 3, 12)


def test_start_never_counts_and_zero_is_the_start():
    assert working_days_add(D(2026, 3, 9), 0) == D(2026, 3, 9)
    assert working_days_between(D(2026, 3, 9), D(2026, 3, 9)) == 0
    with pytest.raises(ValueError):
        working_days_add(D(2026, 3, 9), -1)


def test_tet_2026_days_off_are_16_to_20_february():
    for day in range(16, 21):
        assert not is_working_day(D(2026, 2, day))
    assert is_working_day(D(2026, 2, 13)) and is_working_day(D(2026, 2, 23))
    # Friday before Tết + 5 working days: the nine-day break is skipped whole.
    assert working_days_add(D(2026, 2, 13), 5) == D(2026, 2, 27)
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1


@pytest.mark.parametrize(
    "day, working",
    [
        (D(2025, 1, 27), False),  # Tết 2025, 29 Tết moved from Saturday
        (D(2025, 4, 7), False),  # Hùng Kings 2025
        (D(2025, 4, 26), True),  # Saturday worked for Friday 2 May 2025
        (D(2025, 5, 2), False),
        (D(2025, 9, 1), False),
        (D(2026, 1, 2), False),  # 12729/VPCP-KGVX: shipped official data
        (D(2026, 1, 10), True),  # the Saturday worked in exchange
        (D(2026, 4, 27), False),  # Hùng Kings on Sunday: compensatory Monday
        (D(2026, 8, 22), True),  # Saturday worked for Monday 31 August 2026
        (D(2026, 8, 31), False),
        (D(2026, 9, 1), False),
    ],
)
def test_official_decisions_of_2025_and_2026(day, working):
    assert is_working_day(day) is working


def test_shipped_decisions_are_marked_official():
    row = CalendarException.objects.get(date=D(2026, 1, 10))
    assert row.source == ExceptionSource.OFFICIAL
    assert row.kind == ExceptionKind.MAKE_UP_WORKING_DAY
    assert "12729/VPCP-KGVX" in row.note


def test_make_up_saturday_counts():
    CalendarException.objects.create(date=D(2026, 3, 14), kind=ExceptionKind.MAKE_UP_WORKING_DAY)
    assert is_working_day(D(2026, 3, 14))
    assert working_days_add(D(2026, 3, 13), 1) == D(2026, 3, 14)
    assert working_days_between(D(2026, 3, 13), D(2026, 3, 16)) == 2


def test_day_off_exception_is_skipped():
    CalendarException.objects.create(date=D(2026, 3, 10), kind=ExceptionKind.DAY_OFF)
    assert not is_working_day(D(2026, 3, 10))
    assert working_days_add(D(2026, 3, 9), 1) == D(2026, 3, 11)


def test_exception_overrides_a_computed_holiday():
    # An administrator can correct the package: a holiday that was worked after all.
    CalendarException.objects.create(date=D(2026, 11, 24), kind=ExceptionKind.MAKE_UP_WORKING_DAY)
    assert is_working_day(D(2026, 11, 24))


def test_between_is_negative_backwards_and_inverts_add():
    start = D(2026, 2, 10)
    for n in (0, 1, 5, 7, 10, 30):
        end = working_days_add(start, n)
        assert working_days_between(start, end) == n
        assert working_days_between(end, start) == -n


def test_due_date_counts_from_the_local_date_of_receipt():
    # 23:30 on Friday in Hà Nội is 16:30 UTC: still Friday locally.
    received = datetime.datetime(2026, 3, 6, 16, 30, tzinfo=datetime.UTC)
    assert due_date_for(received, 1) == D(2026, 3, 9)
    # 00:30 on Saturday in Hà Nội is Friday 17:30 UTC: Saturday locally, same result.
    assert due_date_for(datetime.datetime(2026, 3, 6, 17, 30, tzinfo=datetime.UTC), 1) == D(2026, 3, 9)


def test_each_call_reads_the_exceptions_once(django_assert_num_queries):
    with django_assert_num_queries(1):
        working_days_add(D(2026, 1, 1), 60)
    with django_assert_num_queries(1):
        working_days_between(D(2026, 1, 1), D(2026, 12, 31))
    with django_assert_num_queries(1):
        is_working_day(D(2026, 1, 10))
    calendar = working_calendar(after=D(2026, 1, 1), until=D(2026, 12, 31))
    with django_assert_num_queries(0):
        assert calendar.is_working_day(D(2026, 1, 10))
        assert calendar.add(D(2026, 2, 12), 5) == D(2026, 2, 26)
