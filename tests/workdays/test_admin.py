"""Administrators enter each year's calendar exceptions in the Wagtail admin."""

import pytest
from django.urls import reverse

from tenants.models import BoardRole, Unit
from tests.factories import UserFactory, board_member, province_rows, provision
from workdays.models import CalendarException, ExceptionKind, ExceptionSource

pytestmark = pytest.mark.django_db


def test_superuser_adds_a_make_up_saturday(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(reverse("calendar_exceptions:index")).status_code == 200

    response = client.post(
        reverse("calendar_exceptions:add"),
        {"date": "2026-03-14", "kind": ExceptionKind.MAKE_UP_WORKING_DAY, "note": "Quyết định số 01/QĐ-UBND"},
    )

    assert response.status_code == 302
    row = CalendarException.objects.get(date="2026-03-14")
    assert row.source == ExceptionSource.ADMIN


def test_boards_cannot_change_the_calendar(client):
    provision(province_rows())

    client.force_login(board_member(Unit.objects.get(slug="xa-a"), BoardRole.HEAD))
    assert client.get(reverse("calendar_exceptions:index")).status_code in (302, 403)
