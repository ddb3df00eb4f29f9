"""A small province whose provincial portal has a surveys section, boards, a clean
rate-limit cache, and time that stands still."""

import datetime
import zoneinfo

import pytest
from django.core.cache import cache
from django.db import transaction

from tenants.models import BoardRole, Unit
from tests.factories import board_member, province_rows, provision
from tests.surveys.factories import SurveyIndexPageFactory, SurveyPageFactory

PROVINCE_HOST = "bacninh.gov.vn"
VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def vn_time(year, month, day, hour=9, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=VN)


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def now(time_machine):
    """Monday 2 March 2026, 09:00 in Hà Nội; tests move it with time_machine.move_to()."""
    moment = vn_time(2026, 3, 2)
    time_machine.move_to(moment, tick=False)
    return moment


@pytest.fixture(scope="module")
def _province(django_db_setup, django_db_blocker):
    # Provisioning is slow; each module provisions once, in a transaction rolled back at
    # its end, and each test's own writes are rolled back after it by ``db``.
    with django_db_blocker.unblock(), transaction.atomic():
        provision(province_rows())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def units(_province, db):
    """Province ``bacninh``, department ``sotuphap``, district ``tiendu`` and communes xa-a, xa-b."""
    return {unit.slug: unit for unit in Unit.objects.select_related("site__root_page")}


@pytest.fixture
def survey_index(units):
    return SurveyIndexPageFactory(parent=units["bacninh"].site.root_page)


@pytest.fixture
def survey(survey_index, now):
    """Open from 1 March 09:00 to 9 March 09:00, with one question of each kind."""
    return SurveyPageFactory(parent=survey_index)


@pytest.fixture
def boards(units):
    """One user per role on the province and on the department sotuphap."""
    return {
        (slug, role): board_member(units[slug], role, username=f"{slug}.{role}")
        for slug in ("bacninh", "sotuphap")
        for role in (BoardRole.HEAD, BoardRole.DEPUTY, BoardRole.MEMBER, BoardRole.CONTRIBUTOR, BoardRole.TRANSLATOR)
    }
