"""Deadlines of Luật Tiếp cận thông tin 2016 (Điều 30, 31) in working days, across a
weekend and Tết 2026 (Monday 16 – Friday 20 February off, from the holidays package)."""

import datetime

import pytest

from information_requests.rules import (
    AVAILABLE_WORKING_DAYS,
    EXTENSION_MAX_DAYS,
    NEEDS_COLLECTION_WORKING_DAYS,
    NOTICE_WORKING_DAYS,
    Availability,
    DeliveryForm,
    due_date_on_receipt,
    due_dates_for,
    extended_due_date,
)
from tests.information_requests.conftest import vn_time

pytestmark = pytest.mark.django_db  # the calendar reads its exceptions table

D = datetime.date


def test_the_law_s_numbers():
    # Điều 30.3, 31.1, 31.2: the figures the deadlines below are made of.
    assert AVAILABLE_WORKING_DAYS == {DeliveryForm.EMAIL: 3, DeliveryForm.DOWNLOAD: 3, DeliveryForm.POST: 5}
    assert (NOTICE_WORKING_DAYS, NEEDS_COLLECTION_WORKING_DAYS, EXTENSION_MAX_DAYS) == (3, 15, 15)


@pytest.mark.parametrize(
    ("received", "delivery", "availability", "due", "notice"),
    [
        # Friday 6 March 2026: the weekend does not count.
        (vn_time(2026, 3, 6), DeliveryForm.EMAIL, Availability.AVAILABLE, D(2026, 3, 11), None),
        (vn_time(2026, 3, 6), DeliveryForm.DOWNLOAD, Availability.AVAILABLE, D(2026, 3, 11), None),
        (vn_time(2026, 3, 6), DeliveryForm.POST, Availability.AVAILABLE, D(2026, 3, 13), None),
        (vn_time(2026, 3, 6), DeliveryForm.POST, Availability.NEEDS_COLLECTION, D(2026, 3, 27), D(2026, 3, 11)),
        # Received on Saturday 7 March, late in the evening: counted from Monday.
        (vn_time(2026, 3, 7, 23, 30), DeliveryForm.EMAIL, Availability.AVAILABLE, D(2026, 3, 11), None),
        # Friday 13 February 2026, the working day before Tết: nothing counts until Monday 23.
        (vn_time(2026, 2, 13), DeliveryForm.EMAIL, Availability.AVAILABLE, D(2026, 2, 25), None),
        (vn_time(2026, 2, 13), DeliveryForm.POST, Availability.AVAILABLE, D(2026, 2, 27), None),
        (vn_time(2026, 2, 13), DeliveryForm.EMAIL, Availability.NEEDS_COLLECTION, D(2026, 3, 13), D(2026, 2, 25)),
    ],
)
def test_deadline_of_each_case(received, delivery, availability, due, notice):
    assert due_dates_for(received_at=received, delivery_form=delivery, availability=availability) == (due, notice)
    if availability == Availability.AVAILABLE:
        # Before the board classifies, a request is due as simple and available.
        assert due_date_on_receipt(received_at=received, delivery_form=delivery) == due


@pytest.mark.parametrize(
    ("due", "days", "extended"),
    [
        (D(2026, 2, 25), 15, D(2026, 3, 12)),  # a Thursday: as counted
        (D(2026, 3, 13), 15, D(2026, 3, 30)),  # Saturday 28 March: the next working day, Monday 30
        (D(2026, 2, 2), 15, D(2026, 2, 23)),  # Tuesday 17 February is Tết: Monday 23 February
        (D(2026, 3, 11), 5, D(2026, 3, 16)),  # a shorter extension, landing on a Monday
    ],
)
def test_extension_counts_days_and_never_ends_on_a_day_off(due, days, extended):
    assert extended_due_date(due_date=due, days=days) == extended


def test_extension_is_at_most_fifteen_days():
    with pytest.raises(ValueError):
        extended_due_date(due_date=D(2026, 3, 11), days=EXTENSION_MAX_DAYS + 1)
