"""Routing and deadlines (Điều 13): classification, forwarding, answer, publication."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from qa.models import Petition, PetitionStatus
from qa.permissions import PetitionPermissionDenied
from qa.rules import Competence
from qa.services import (
    InvalidTransition,
    PetitionNotAccepted,
    petition_answer,
    petition_classify,
    petition_forward,
    petition_publish,
    petition_refuse,
)
from tests.qa.conftest import vn_time
from tests.qa.factories import PetitionFactory
from workdays.models import CalendarException, ExceptionKind

pytestmark = pytest.mark.django_db

D = datetime.date
WITHIN, INTER, SPECIAL = Competence.WITHIN_COMPETENCE, Competence.INTER_AGENCY, Competence.SPECIAL_APPOINTMENT


def received(units, when, slug="xa-a"):
    return PetitionFactory(agency=units[slug], received_at=when)


def classify(petition, competence, by, **kwargs):
    return petition_classify(petition_id=petition.pk, competence=competence, by=by, **kwargs)


def answer(petition, by, text="Ông/bà liên hệ bộ phận một cửa để được hướng dẫn."):
    return petition_answer(petition_id=petition.pk, answer=text, answered_by_name="Chủ tịch UBND xã", by=by)


# Received Thursday 5 March 2026 at 16:00: Fri 6 (1), Mon 9 … Thu 12 (5), Fri 13,
# Mon 16 (7) … Thu 19 (10): the weekends are skipped.
@pytest.mark.parametrize(
    "competence, due", [(WITHIN, D(2026, 3, 12)), (INTER, D(2026, 3, 16)), (SPECIAL, D(2026, 3, 19))]
)
def test_each_deadline_class_across_a_weekend(units, boards, competence, due):
    petition = received(units, vn_time(2026, 3, 5, 16))
    assert petition.due_date == D(2026, 3, 12)  # provisional, until classified

    petition = classify(petition, competence, boards[("xa-a", "member")])

    assert petition.due_date == due
    assert petition.status == PetitionStatus.CLASSIFIED and petition.competence == competence


# Received Thursday 12 February 2026; Tết closes Monday 16 – Friday 20 February:
# Fri 13 (1), Mon 23 (2) … Thu 26 (5), Fri 27, Mon 2 March (7) … Thu 5 March (10).
@pytest.mark.parametrize(
    "competence, due", [(WITHIN, D(2026, 2, 26)), (INTER, D(2026, 3, 2)), (SPECIAL, D(2026, 3, 5))]
)
def test_each_deadline_class_across_tet_2026(units, boards, competence, due):
    petition = classify(received(units, vn_time(2026, 2, 12)), competence, boards[("xa-a", "head")])
    assert petition.due_date == due


# Received Thursday 8 January 2026; Saturday 10 January is the official make-up day
# for Friday 2 January: Fri 9 (1), Sat 10 (2), Mon 12 … Wed 14 (5), Fri 16 (7), Wed 21 (10).
@pytest.mark.parametrize(
    "competence, due", [(WITHIN, D(2026, 1, 14)), (INTER, D(2026, 1, 16)), (SPECIAL, D(2026, 1, 21))]
)
def test_each_deadline_class_across_a_make_up_working_day(units, boards, competence, due):
    petition = classify(received(units, vn_time(2026, 1, 8)), competence, boards[("xa-a", "head")])
    assert petition.due_date == due


def test_a_make_up_saturday_entered_by_an_admin_shortens_the_deadline(units, boards):
    CalendarException.objects.create(date=D(2026, 3, 14), kind=ExceptionKind.MAKE_UP_WORKING_DAY)
    petition = received(units, vn_time(2026, 3, 12))
    assert petition.due_date == D(2026, 3, 18)  # Fri 13, Sat 14, Mon 16, Tue 17, Wed 18


def test_special_case_takes_an_appointment_of_at_most_ten_working_days(units, boards):
    member = boards[("xa-a", "member")]
    petition = received(units, vn_time(2026, 3, 5))

    with pytest.raises(ValidationError) as refused:
        classify(petition, SPECIAL, member, appointment_date=D(2026, 3, 20))
    assert "appointment_date" in refused.value.message_dict

    assert classify(petition, SPECIAL, member, appointment_date=D(2026, 3, 17)).due_date == D(2026, 3, 17)


def test_forwarding_moves_the_petition_and_keeps_its_history(units, boards):
    petition = received(units, vn_time(2026, 3, 2), slug="bacninh")
    due = petition.due_date

    petition = petition_forward(
        petition_id=petition.pk,
        to_agency=units["sotuphap"],
        by=boards[("bacninh", "member")],
        note="Thuộc lĩnh vực tư pháp",
    )

    assert petition.agency == units["sotuphap"] and petition.status == PetitionStatus.FORWARDED
    assert petition.due_date == due  # still counted from receipt
    [forwarding] = petition.forwardings.all()
    assert (forwarding.from_agency, forwarding.to_agency) == (units["bacninh"], units["sotuphap"])
    with pytest.raises(ValidationError):
        petition_forward(petition_id=petition.pk, to_agency=units["sotuphap"], by=boards[("sotuphap", "head")])
    # The new agency's board handles it now; it may answer straight away.
    assert answer(petition, boards[("sotuphap", "member")]).status == PetitionStatus.ANSWERED


def test_publication_by_head_or_deputy_only(units, boards):
    petition = classify(received(units, vn_time(2026, 3, 2)), WITHIN, boards[("xa-a", "member")])
    answer(petition, boards[("xa-a", "member")])

    with pytest.raises(PetitionPermissionDenied):
        petition_publish(petition_id=petition.pk, by=boards[("xa-a", "member")])
    petition = petition_publish(petition_id=petition.pk, by=boards[("xa-a", "deputy")])

    assert petition.status == PetitionStatus.PUBLISHED and petition.published_at is not None


def test_invalid_transitions_raise_a_named_exception(units, boards):
    head = boards[("xa-a", "head")]
    petition = received(units, vn_time(2026, 3, 2))

    with pytest.raises(InvalidTransition):
        answer(petition, head)  # not classified yet
    with pytest.raises(InvalidTransition):
        petition_publish(petition_id=petition.pk, by=head)  # nothing to publish
    petition_refuse(petition_id=petition.pk, reason="Nội dung là khiếu nại, đề nghị gửi theo Luật Khiếu nại.", by=head)
    with pytest.raises(InvalidTransition):
        classify(petition, WITHIN, head)


def test_another_communes_board_and_contributors_cannot_act(units, boards):
    petition = received(units, vn_time(2026, 3, 2))

    for user in (boards[("xa-b", "head")], boards[("sotuphap", "head")], boards[("xa-a", "contributor")]):
        with pytest.raises(PetitionPermissionDenied):
            classify(petition, WITHIN, user)
        with pytest.raises(PetitionPermissionDenied):
            petition_refuse(petition_id=petition.pk, reason="Không rõ nội dung", by=user)
    # The provincial board acts on every agency's petitions.
    assert classify(petition, INTER, boards[("bacninh", "member")]).competence == INTER


def test_answer_keeps_the_date_it_was_first_given(units, boards, time_machine):
    time_machine.move_to(vn_time(2026, 3, 3), tick=False)
    head = boards[("xa-a", "head")]
    petition = classify(received(units, vn_time(2026, 3, 2)), WITHIN, head)
    first = answer(petition, head).answered_at
    time_machine.move_to(vn_time(2026, 3, 20), tick=False)
    assert answer(petition, head, text="Bản trả lời đã sửa lỗi chính tả.").answered_at == first


def test_submission_breaking_a_rule_is_not_stored(units):
    with pytest.raises(PetitionNotAccepted) as refused:
        PetitionFactory(
            agency=units["xa-a"], content="Khiếu nại việc cấp sổ đỏ cho nhà hàng xóm của tôi ở thôn Đông xã A."
        )
    assert set(refused.value.message_dict) == {"content"}
    assert not Petition.objects.exists()


def test_a_failing_mail_server_loses_nothing(units, boards, django_capture_on_commit_callbacks, mailoutbox, caplog):
    with mock.patch("qa.notifications.send_mail", side_effect=ConnectionRefusedError("smtp down")):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            petition = received(units, vn_time(2026, 3, 2))

    assert len(callbacks) == 1  # mail waits for the commit
    assert Petition.objects.filter(pk=petition.pk).count() == 1
    assert "Q&A mail failed" in caplog.text


def test_board_and_sender_are_told_after_the_commit(units, boards, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        petition = received(units, vn_time(2026, 3, 2))
    board_mail, sender_mail = mailoutbox
    assert set(board_mail.to) == {boards[("xa-a", r)].email for r in ("head", "deputy", "member")}
    assert sender_mail.to == [petition.sender_email]
    assert petition.tracking_code in sender_mail.body
