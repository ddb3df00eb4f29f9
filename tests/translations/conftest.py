"""A small province with its sections, boards with translators, and time that stands still."""

import datetime
import zoneinfo

import pytest
from django.db import transaction

from tenants.models import BoardRole
from tests.cms.factories import portal_with_sections, portals_lookup
from tests.factories import board_member

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def vn_time(year, month, day, hour=9, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=VN)


@pytest.fixture(scope="module")
def _province(django_db_setup, django_db_blocker):
    # Provisioned once per module (sections are slow) and rolled back at its end.
    with django_db_blocker.unblock(), transaction.atomic():
        portal_with_sections()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def portals(_province, db):
    """Province ``bacninh``, department ``sotuphap``, district ``tiendu``, communes
    ``xa-a`` and ``xa-b``, each with its sections (``tests.cms.factories.Portals``)."""
    return portals_lookup()


@pytest.fixture
def people(portals):
    """Translators and heads of the province and of the department ``sotuphap``."""
    return {
        (slug, role): board_member(portals.units[slug], role, username=f"{slug}.{role}")
        for slug in ("bacninh", "sotuphap")
        for role in (BoardRole.TRANSLATOR, BoardRole.HEAD, BoardRole.CONTRIBUTOR)
    }


@pytest.fixture
def friday_13_feb(time_machine):
    """Friday 13 February 2026, 09:00 in Hà Nội: the last working day before Tết 2026."""
    moment = vn_time(2026, 2, 13)
    time_machine.move_to(moment, tick=False)
    return moment
