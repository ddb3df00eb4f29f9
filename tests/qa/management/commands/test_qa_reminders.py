"""``manage.py qa_reminders``: one e-mail per agency with overdue petitions."""

import io
from unittest import mock

import pytest
from django.core.management import call_command

from tests.qa.conftest import vn_time
from tests.qa.factories import PetitionFactory

pytestmark = pytest.mark.django_db


def run() -> str:
    out = io.StringIO()
    call_command("qa_reminders", "--no-progress", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_each_agency_board_gets_one_mail_listing_its_overdue_petitions(units, boards, now, mailoutbox):
    late = [PetitionFactory(agency=units["xa-a"], received_at=vn_time(2026, 2, d)) for d in (2, 3)]
    PetitionFactory(agency=units["xa-b"], received_at=vn_time(2026, 2, 4))
    PetitionFactory(agency=units["xa-a"])  # not yet due
    mailoutbox.clear()

    output = run()

    assert len(mailoutbox) == 2
    mail_a = next(m for m in mailoutbox if boards[("xa-a", "head")].email in m.to)
    assert all(p.tracking_code in mail_a.body for p in late)
    assert boards[("xa-a", "contributor")].email not in mail_a.to
    assert "xa-a: 2 overdue, reminder sent" in output
    assert "3 overdue petitions at 2 agencies; 2 reminders sent, 0 failed" in output


def test_a_failing_mail_is_reported_not_raised(units, boards, now):
    PetitionFactory(agency=units["xa-a"], received_at=vn_time(2026, 2, 2))
    with mock.patch("qa.notifications.send_mail", side_effect=OSError("smtp down")):
        output = run()
    assert "xa-a: 1 overdue, NOT sent" in output
