"""Nothing lost (issue #6 item 6): a petition is stored in one transaction before any
mail, and a failing mail server is retried without losing or doubling anything."""

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from qa.models import Petition
from qa.notifications import MAIL_RETRY_DELAYS_SECONDS
from tests.qa.factories import VALID_QUESTION

pytestmark = pytest.mark.django_db

URL = "/api/v2/qa/questions/"


class FlakyBackend(EmailBackend):
    """Fails ``failures`` times, then delivers to the locmem outbox; every send checks
    that the petition the mail is about is already stored."""

    failures = 0
    calls = 0

    def send_messages(self, messages):
        cls = type(self)
        cls.calls += 1
        stored = Petition.objects.values_list("tracking_code", flat=True)
        for message in messages:
            assert any(code in message.subject for code in stored)
        if cls.calls <= cls.failures:
            raise ConnectionResetError("smtp connection reset")
        return super().send_messages(messages)


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.calls = 0
    return FlakyBackend


def submit(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(URL, VALID_QUESTION, HTTP_HOST="xa-a.bacninh.gov.vn", content_type="application/json")
        # Nothing is mailed before the transaction commits.
        assert mail.outbox == [] and FlakyBackend.calls == 0
    assert response.status_code == 201
    assert len(callbacks) == 1
    return response


def test_a_mail_that_fails_is_retried_and_sent_once(client, units, boards, now, flaky, _mail_retries_without_waiting,
                                                     django_capture_on_commit_callbacks):
    flaky.failures = 2
    response = submit(client, django_capture_on_commit_callbacks)

    petition = Petition.objects.get()
    assert petition.tracking_code == response.json()["tracking_code"]
    board_mail, sender_mail = mail.outbox  # each once, however often it was tried
    assert sender_mail.to == [VALID_QUESTION["sender_email"]]
    assert flaky.calls == 4  # board: 2 failures + 1 success; sender: 1
    assert _mail_retries_without_waiting == list(MAIL_RETRY_DELAYS_SECONDS)


def test_a_mail_server_that_stays_down_loses_nothing(client, units, boards, now, flaky, caplog,
                                                     django_capture_on_commit_callbacks):
    flaky.failures = 100
    response = submit(client, django_capture_on_commit_callbacks)

    assert Petition.objects.filter(tracking_code=response.json()["tracking_code"]).count() == 1
    assert Petition.objects.count() == 1
    assert mail.outbox == []
    assert "Q&A mail failed" in caplog.text


def test_a_broken_task_queue_does_not_undo_the_receipt(client, units, now, monkeypatch, caplog,
                                                       django_capture_on_commit_callbacks):
    def broken(**kwargs):
        raise RuntimeError("task queue unavailable")

    monkeypatch.setattr("qa.services._received_notify_enqueue", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, VALID_QUESTION, HTTP_HOST="xa-a.bacninh.gov.vn", content_type="application/json")
    assert response.status_code == 201
    assert Petition.objects.count() == 1
