"""dms_deliver: the cron entry that (re)sends the hand-overs that are due."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from qa.models import DmsDelivery
from tests.qa.factories import PetitionFactory
from tests.qa.test_dms import SECRET, Receiver

pytestmark = pytest.mark.django_db


def test_sends_what_is_due_and_says_so(units, now, settings, time_machine):
    with Receiver() as receiver:
        settings.DMS_WEBHOOK_URL, settings.DMS_WEBHOOK_SECRET = receiver.url, SECRET
        receiver.statuses = [503]
        petitions = [PetitionFactory(agency=units["xa-a"]) for _ in range(2)]  # not committed: nothing sent yet
        out = io.StringIO()
        call_command("dms_deliver", "--no-progress", stdout=out)
        assert "1 delivered, 1 failed" in out.getvalue()

        time_machine.move_to(now + datetime.timedelta(minutes=1), tick=False)
        out = io.StringIO()
        call_command("dms_deliver", "--no-progress", stdout=out)
        assert "1 delivered, 0 failed" in out.getvalue()
    assert DmsDelivery.objects.filter(delivered_at__isnull=False).count() == 2
    assert sorted(r["headers"]["Idempotency-Key"] for r in receiver.requests[1:]) == sorted(
        p.tracking_code for p in petitions
    )


def test_refuses_to_run_without_a_dms(units, settings):
    settings.DMS_WEBHOOK_URL = ""
    with pytest.raises(CommandError):
        call_command("dms_deliver", "--no-progress")
