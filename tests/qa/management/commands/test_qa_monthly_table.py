"""``manage.py qa_monthly_table --month YYYY-MM`` prints table 2 of the Appendix."""

import io

import pytest
from django.core.management import CommandError, call_command

from tests.qa.conftest import vn_time
from tests.qa.factories import PetitionFactory

pytestmark = pytest.mark.django_db


def test_prints_one_row_per_agency_and_a_total(units, now):
    PetitionFactory(agency=units["xa-a"], received_at=vn_time(2026, 3, 2))
    PetitionFactory(agency=units["sotuphap"], received_at=vn_time(2026, 3, 3))
    PetitionFactory(agency=units["sotuphap"], received_at=vn_time(2026, 2, 3))
    out = io.StringIO()

    call_command("qa_monthly_table", "--month", "2026-03", "--as-of", "2026-04-01", stdout=out)

    lines = out.getvalue().splitlines()
    assert "Tổng số tiếp nhận" in lines[0] and "Chưa trả lời, đã quá hạn" in lines[0]
    body = [line for line in lines if "|" in line][1:]
    assert [cell.strip() for cell in body[0].split("|")] == ["Sở Tư pháp tỉnh Bắc Ninh", "1", "0", "0", "0", "1"]
    assert body[1].startswith(units["xa-a"].name)
    assert [cell.strip() for cell in body[2].split("|")] == ["Tổng cộng", "2", "0", "0", "0", "2"]


def test_bad_month_is_refused():
    with pytest.raises(CommandError):
        call_command("qa_monthly_table", "--month", "03/2026", stdout=io.StringIO())
