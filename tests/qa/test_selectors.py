"""Province-wide tracking: the overdue list, each board's scope and table 2."""

import datetime

import pytest

from qa.rules import Competence
from qa.selectors import QATableRow, petitions_for_user, petitions_overdue, qa_table
from qa.services import petition_answer, petition_classify, petition_forward, petition_refuse
from tests.qa.conftest import vn_time
from tests.qa.factories import PetitionFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def petition(units, slug, when):
    return PetitionFactory(agency=units[slug], received_at=when)


def answered(p, by, when, time_machine):
    time_machine.move_to(when, tick=False)
    petition_classify(petition_id=p.pk, competence=Competence.WITHIN_COMPETENCE, by=by)
    return petition_answer(petition_id=p.pk, answer="Trả lời tham khảo.", answered_by_name="Chủ tịch", by=by)


def test_overdue_lists_unanswered_petitions_past_their_due_date_across_agencies(units, boards, now, time_machine):
    late_a = petition(units, "xa-a", vn_time(2026, 2, 2))  # due 9 Feb
    late_dept = petition(units, "sotuphap", vn_time(2026, 2, 23))  # due 2 Mar
    late_b = petition(units, "xa-b", vn_time(2026, 2, 23, 8))  # due 2 Mar, received first
    petition(units, "xa-a", vn_time(2026, 2, 27))  # due 6 Mar
    answered(petition(units, "xa-b", vn_time(2026, 2, 2)), boards[("xa-b", "head")], now, time_machine)

    assert list(petitions_overdue(today=D(2026, 3, 2))) == [late_a]
    assert list(petitions_overdue(today=D(2026, 3, 3))) == [late_a, late_b, late_dept]
    assert list(petitions_overdue(today=D(2026, 3, 3), units=[units["sotuphap"]])) == [late_dept]


def test_each_board_sees_its_agency_and_the_province_sees_all_overdue_first(units, boards, now):
    own_recent = petition(units, "xa-a", vn_time(2026, 2, 27))
    own_late = petition(units, "xa-a", vn_time(2026, 2, 2))
    other = petition(units, "xa-b", vn_time(2026, 2, 3))
    forwarded = petition(units, "xa-a", vn_time(2026, 2, 26))
    petition_forward(petition_id=forwarded.pk, to_agency=units["tiendu"], by=boards[("xa-a", "member")])

    assert list(petitions_for_user(user=boards[("xa-a", "member")])) == [own_late, forwarded, own_recent]
    assert list(petitions_for_user(user=boards[("xa-b", "head")])) == [other]
    assert list(petitions_for_user(user=boards[("xa-a", "contributor")])) == []
    assert list(petitions_for_user(user=boards[("bacninh", "member")])) == [own_late, other, forwarded, own_recent]


def test_monthly_table_counts_per_agency_with_a_total_row(units, boards, time_machine):
    head_a, head_b = boards[("xa-a", "head")], boards[("xa-b", "head")]
    # March 2026 at commune A: on time, overdue, not yet due, overdue unanswered.
    on_time = petition(units, "xa-a", vn_time(2026, 3, 2))  # due 9 March
    late = petition(units, "xa-a", vn_time(2026, 3, 3))  # due 10 March
    petition(units, "xa-a", vn_time(2026, 3, 31))  # due 7 April
    petition(units, "xa-a", vn_time(2026, 3, 16))  # due 23 March, never answered
    refused = petition(units, "xa-a", vn_time(2026, 3, 4))
    petition_refuse(petition_id=refused.pk, reason="Là đơn khiếu nại.", by=head_a)
    answered(on_time, head_a, vn_time(2026, 3, 9, 17), time_machine)
    answered(late, head_a, vn_time(2026, 3, 11), time_machine)
    # Commune B: one answered on time; February and April do not count.
    answered(petition(units, "xa-b", vn_time(2026, 3, 10)), head_b, vn_time(2026, 3, 12), time_machine)
    petition(units, "xa-b", vn_time(2026, 2, 27))
    petition(units, "xa-b", vn_time(2026, 4, 1))

    rows = qa_table(start=D(2026, 3, 1), end=D(2026, 3, 31), as_of=D(2026, 4, 2))

    a, b, total = rows
    assert a == QATableRow(
        units["xa-a"], received=4, answered_on_time=1, answered_overdue=1, unanswered_not_due=1, unanswered_overdue=1
    )
    assert b == QATableRow(units["xa-b"], received=1, answered_on_time=1)
    assert total == QATableRow(
        None, received=5, answered_on_time=2, answered_overdue=1, unanswered_not_due=1, unanswered_overdue=1
    )
    assert total.is_total
    # Asked for given units, in the given order, zero rows included.
    rows = qa_table(
        start=D(2026, 3, 1), end=D(2026, 3, 31), units=[units["sotuphap"], units["xa-b"]], as_of=D(2026, 4, 2)
    )
    assert [(r.unit, r.received) for r in rows] == [(units["sotuphap"], 0), (units["xa-b"], 1), (None, 1)]
