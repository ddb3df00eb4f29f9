"""A small province built once per module (rolled back at its end), a clean rate-limit
cache, and Vietnam's clock."""

import datetime
import zoneinfo

import pytest
from django.core.cache import cache
from django.db import transaction

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
    monkeypatch.setattr("qa.notifications.sleep", lambda seconds: None)


@pytest.fixture(scope="module")
def _province(django_db_setup, django_db_blocker):
    """Units and one board user per (unit, role) that matters, once per module."""
    with django_db_blocker.unblock(), transaction.atomic():
        provision(province_rows())
        units = {unit.slug: unit.pk for unit in Unit.objects.all()}
        users = {}
        for slug in ("sotuphap", "tiendu", "bacninh"):
            for role in (BoardRole.HEAD, BoardRole.MEMBER, BoardRole.CONTRIBUTOR):
                users[(slug, role)] = board_member(
                    Unit.objects.get(slug=slug), role, username=f"{slug}.{role}"
                ).pk
        yield units, users
        transaction.set_rollback(True)


@pytest.fixture
def units(_province, db):
    return {slug: Unit.objects.get(pk=pk) for slug, pk in _province[0].items()}


@pytest.fixture
def boards(_province, db):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    return {key: User.objects.get(pk=pk) for key, pk in _province[1].items()}
