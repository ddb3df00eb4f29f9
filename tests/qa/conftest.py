"""A small province with boards, a clean rate-limit cache, and time that stands still."""

import datetime
import zoneinfo

import pytest
from django.core.cache import cache

from tenants.models import BoardRole, Unit
from tests.factories import board_member, province_rows, provision

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def vn_time(year, month, day, hour=9, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=VN)


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _mail_retries_without_waiting(monkeypatch):
    """Mail retries wait seconds in real life; the tests count them instead."""
    waits = []
    monkeypatch.setattr("qa.notifications.sleep", waits.append)
    return waits


@pytest.fixture
def units(db):
    """Province ``bacninh``, department ``sotuphap``, district ``tiendu`` and communes xa-a, xa-b."""
    provision(province_rows())
    return {unit.slug: unit for unit in Unit.objects.all()}


@pytest.fixture
def now(time_machine):
    """Monday 2 March 2026, 09:00 in Hà Nội; tests move it with time_machine.move_to()."""
    moment = vn_time(2026, 3, 2)
    time_machine.move_to(moment, tick=False)
    return moment


@pytest.fixture
def boards(units):
    """One user per role that matters, on commune xa-a, commune xa-b and the province."""
    return {
        (slug, role): board_member(units[slug], role, username=f"{slug}.{role}")
        for slug in ("xa-a", "xa-b", "bacninh", "sotuphap")
        for role in (BoardRole.HEAD, BoardRole.DEPUTY, BoardRole.MEMBER, BoardRole.CONTRIBUTOR)
    }
