"""The monthly and half-yearly counts per portal (received, answered on time, late,
refused, open) against counts made by hand on one scenario."""

import datetime

import pytest
from django.urls import reverse

from information_requests.selectors import RequestTableRow, information_requests_table, month_bounds
from information_requests.services import (
    information_request_answer,
    information_request_classify,
    information_request_refuse,
)
from tenants.models import BoardRole
from tests.information_requests.conftest import vn_time
from tests.information_requests.factories import request_submit

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def scenario(units, boards, time_machine):
    """Sở Tư pháp and Huyện Tiên Du receive requests in March and April 2026.

    By hand, for March (as of 30 April):
      sotuphap: 5 received – 2 answered on time, 1 late, 1 refused, 1 open
      tiendu:   2 received – 1 on time, 1 open
    and April adds one open request at sotuphap.
    """
    member = {slug: boards[(slug, BoardRole.MEMBER if slug != "tiendu" else BoardRole.HEAD)]
              for slug in ("sotuphap", "tiendu")}

    def at(moment):
        time_machine.move_to(moment, tick=False)

    def received(slug, moment):
        at(moment)
        return request_submit(units[slug]).information_request.pk

    def answer(pk, slug, moment):
        at(moment)
        information_request_answer(request_id=pk, answer="Trả lời", by=member[slug])

    # sotuphap, March: on time (due Thursday 5 March, answered 4 March), on time after
    # classification (15 working days), late, refused, open.
    a = received("sotuphap", vn_time(2026, 3, 2))
    answer(a, "sotuphap", vn_time(2026, 3, 4, 16))
    b = received("sotuphap", vn_time(2026, 3, 3))
    at(vn_time(2026, 3, 4))
    information_request_classify(request_id=b, availability="needs_collection", by=member["sotuphap"])
    answer(b, "sotuphap", vn_time(2026, 3, 20))  # due Tuesday 24 March
    c = received("sotuphap", vn_time(2026, 3, 10))  # due Friday 13 March
    answer(c, "sotuphap", vn_time(2026, 3, 16))
    d = received("sotuphap", vn_time(2026, 3, 11))
    at(vn_time(2026, 3, 12))
    information_request_refuse(request_id=d, ground="already_public", reason="Đã đăng trên cổng",
                               by=member["sotuphap"])
    received("sotuphap", vn_time(2026, 3, 31))
    # tiendu, March: one on time, one open (and late: still counted as open).
    e = received("tiendu", vn_time(2026, 3, 5))
    answer(e, "tiendu", vn_time(2026, 3, 6))
    received("tiendu", vn_time(2026, 3, 20))
    # April: one open at sotuphap; answered after the report's day it would still be open.
    f = received("sotuphap", vn_time(2026, 4, 1))
    answer(f, "sotuphap", vn_time(2026, 5, 4))
    at(vn_time(2026, 4, 30, 17))
    return units


def counts(row: RequestTableRow) -> tuple:
    return tuple(getattr(row, column) for column in RequestTableRow.COLUMNS)


def test_monthly_and_half_yearly_counts_match_the_hand_counts(client, scenario, boards):
    units = scenario
    march = information_requests_table(start=D(2026, 3, 1), end=D(2026, 3, 31), as_of=D(2026, 4, 30))
    assert [row.unit.slug for row in march[:-1]] == ["sotuphap", "tiendu"]
    assert counts(march[0]) == (5, 2, 1, 1, 1)
    assert counts(march[1]) == (2, 1, 0, 0, 1)
    assert counts(march[-1]) == (7, 3, 1, 1, 2) and march[-1].is_total

    april = information_requests_table(start=D(2026, 4, 1), end=D(2026, 4, 30), as_of=D(2026, 4, 30))
    assert counts(april[0]) == (1, 0, 0, 0, 1)
    # Each row adds up.
    for row in march + april:
        assert row.received == sum(counts(row)[1:])

    half = information_requests_table(start=D(2026, 1, 1), end=D(2026, 6, 30), as_of=D(2026, 5, 5),
                                      units=[units["sotuphap"], units["xa-a"]])
    assert counts(half[0]) == (6, 2, 2, 1, 1)  # the April request answered late on 4 May
    assert counts(half[1]) == (0, 0, 0, 0, 0)  # a unit asked for gets its row of zeros
    assert month_bounds("2026-02") == (D(2026, 2, 1), D(2026, 2, 28))

    # The admin table: the provincial board sees every agency, a department its own.
    client.force_login(boards[("bacninh", BoardRole.HEAD)])
    page = client.get(reverse("information_requests_admin:report") + "?month=2026-03").content.decode()
    assert "Sở Tư pháp" in page and "Huyện Tiên Du" in page
    client.force_login(boards[("sotuphap", BoardRole.HEAD)])
    response = client.get(reverse("information_requests_admin:report") + "?period=2026-H1")
    rows = response.context["rows"]
    assert [row.unit.slug for row in rows[:-1]] == ["sotuphap"] and counts(rows[-1]) == (6, 2, 1, 1, 2)
    assert client.get(reverse("information_requests_admin:report") + "?month=2026-13").status_code == 404
