"""The hand-over to the document-management system and its answers back (docs/DMS.md).

The DMS is played by a real HTTP server on 127.0.0.1 that checks each signature the
way the DMS's developers are told to, with nothing of the portal's code.
"""

import datetime
import hashlib
import hmac
import http.server
import json
import socket
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from qa.dms import (
    MAX_ATTEMPTS,
    RETRY_FIRST_DELAY,
    dms_account,
    dms_deliveries_send_due,
    dms_delivery_attempt,
)
from qa.models import DmsDelivery, Petition, PetitionStatus
from qa.permissions import PetitionPermissionDenied
from qa.services import petition_publish
from tests.qa.factories import VALID_QUESTION, PetitionFactory

pytestmark = pytest.mark.django_db

SECRET = "test-shared-secret"
QUESTIONS_URL = "/api/v2/qa/questions/"
ANSWERS_URL = "/api/v2/qa/dms/answers/"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The DMS side of the scheme, written from docs/DMS.md."""
    return "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


class Receiver:
    """A stand-in DMS: records every request, answers ``statuses`` in turn, then 200."""

    def __init__(self):
        self.requests: list[dict] = []
        self.statuses: list[int] = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                timestamp = self.headers.get("X-DMS-Timestamp", "")
                receiver.requests.append(
                    {
                        "path": self.path,
                        "headers": self.headers,  # case-insensitive, as HTTP header names are
                        "payload": json.loads(body),
                        "signature_ok": hmac.compare_digest(
                            sign(SECRET, timestamp, body), self.headers.get("X-DMS-Signature", "")
                        ),
                    }
                )
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b'{"ok": true}' if status == 200 else b"internal error")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/webhooks/portal"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def dms(settings):
    with Receiver() as receiver:
        settings.DMS_WEBHOOK_URL = receiver.url
        settings.DMS_WEBHOOK_SECRET = SECRET
        settings.DMS_ANSWER_TOKEN = ""
        yield receiver


def submit(client, django_capture_on_commit_callbacks, **extra):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(QUESTIONS_URL, {**VALID_QUESTION, **extra}, HTTP_HOST="xa-a.bacninh.gov.vn")
    assert response.status_code == 201, response.content
    return Petition.objects.get(tracking_code=response.json()["tracking_code"])


# Out -------------------------------------------------------------------------------------


def test_accepted_petition_is_delivered_once_signed(
    client, units, boards, now, dms, django_capture_on_commit_callbacks
):
    scan = SimpleUploadedFile("giay-to.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    petition = submit(client, django_capture_on_commit_callbacks, attachments=[scan])

    [request] = dms.requests
    assert request["signature_ok"] and request["path"] == "/webhooks/portal"
    assert request["headers"]["Idempotency-Key"] == petition.tracking_code
    assert request["headers"]["X-DMS-Event"] == "petition.accepted"
    payload = request["payload"]
    assert payload["tracking_code"] == petition.tracking_code
    assert payload["agency"]["slug"] == "xa-a"
    assert payload["sender"]["name"] == VALID_QUESTION["sender_name"]
    assert payload["due_date"] == str(petition.due_date)
    [attachment] = payload["attachments"]
    assert attachment["name"] == "giay-to.pdf" and attachment["sha256"] == hashlib.sha256(b"%PDF-1.4 scan").hexdigest()

    delivery = petition.dms_delivery
    assert delivery.delivered_at and delivery.attempts == 1 and delivery.next_attempt_at is None
    assert dms_deliveries_send_due(now=now + datetime.timedelta(days=1)).delivered == []
    assert len(dms.requests) == 1

    client.force_login(boards[("xa-a", "member")])  # the board sees that the DMS has it
    html = client.get(reverse("qa_admin:detail", args=[petition.pk])).content.decode()
    assert date_format(timezone.localtime(delivery.delivered_at), "d/m/Y H:i") in html


def test_failures_are_retried_later_and_later_never_twice(
    client, units, now, dms, django_capture_on_commit_callbacks, caplog
):
    dms.statuses = [500, 500]
    petition = submit(client, django_capture_on_commit_callbacks)

    delivery = DmsDelivery.objects.get(petition=petition)
    assert delivery.attempts == 1 and delivery.delivered_at is None
    assert "HTTP 500" in delivery.last_error
    first_retry = delivery.next_attempt_at
    assert first_retry - now == RETRY_FIRST_DELAY

    # Not due yet: nothing is sent.
    dms_delivery_attempt(delivery_id=delivery.pk, now=first_retry - datetime.timedelta(seconds=1))
    assert len(dms.requests) == 1

    assert dms_deliveries_send_due(now=first_retry).failed == [petition.tracking_code]
    delivery.refresh_from_db()
    second_retry = delivery.next_attempt_at
    assert second_retry - first_retry == 2 * RETRY_FIRST_DELAY

    assert dms_deliveries_send_due(now=second_retry).delivered == [petition.tracking_code]
    assert dms_deliveries_send_due(now=second_retry + datetime.timedelta(days=2)).delivered == []

    delivery.refresh_from_db()
    assert delivery.attempts == 3 and delivery.delivered_at and delivery.last_error == ""
    assert [r["headers"]["X-DMS-Attempt"] for r in dms.requests] == ["1", "2", "3"]
    assert {r["headers"]["Idempotency-Key"] for r in dms.requests} == {petition.tracking_code}
    assert all(r["signature_ok"] for r in dms.requests)
    assert Petition.objects.count() == 1


def test_a_dms_that_never_answers_is_given_up_then_retried_by_hand(units, now, settings, caplog):
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        settings.DMS_WEBHOOK_URL = f"http://127.0.0.1:{closed.getsockname()[1]}/"
    settings.DMS_WEBHOOK_SECRET = SECRET
    petition = PetitionFactory(agency=units["xa-a"])  # no commit in this test: nothing sent yet
    moment = now
    for _ in range(MAX_ATTEMPTS):
        dms_deliveries_send_due(now=moment)
        delivery = DmsDelivery.objects.get(petition=petition)
        moment = delivery.next_attempt_at or moment
    assert delivery.attempts == MAX_ATTEMPTS and delivery.given_up
    assert "given up" in caplog.text
    assert Petition.objects.filter(pk=petition.pk).exists()

    with Receiver() as receiver:
        settings.DMS_WEBHOOK_URL = receiver.url
        assert dms_deliveries_send_due(now=moment).delivered == []
        assert dms_deliveries_send_due(now=moment, retry_given_up=True).delivered == [petition.tracking_code]
        assert len(receiver.requests) == 1


def test_without_a_dms_nothing_is_queued(client, units, now, settings, django_capture_on_commit_callbacks):
    settings.DMS_WEBHOOK_URL = ""
    petition = submit(client, django_capture_on_commit_callbacks)
    assert petition.status == PetitionStatus.RECEIVED
    assert not DmsDelivery.objects.exists()


# Back ------------------------------------------------------------------------------------


def answer_body(petition, **overrides) -> bytes:
    data = {
        "tracking_code": petition.tracking_code,
        "answer": "Ông/bà mang theo giấy chứng sinh và căn cước của cha mẹ đến UBND xã.",
        "answered_by_name": "Nguyễn Văn Chủ tịch",
        "answered_at": "2026-03-02T09:00:00+07:00",
        **overrides,
    }
    return json.dumps(data, ensure_ascii=False).encode()


def post_answer(client, body: bytes, *, secret=SECRET, timestamp=None, headers=None):
    timestamp = timestamp or str(int(datetime.datetime.now().timestamp()))
    signed = {"X-DMS-Timestamp": timestamp, "X-DMS-Signature": sign(secret, timestamp, body)}
    return client.post(ANSWERS_URL, data=body, content_type="application/json", headers=headers or signed)


@pytest.fixture
def received(units, now):
    return PetitionFactory(agency=units["xa-a"])


def test_signed_answer_is_recorded_under_the_dms_account(client, received, dms, time_machine, now):
    time_machine.move_to(now + datetime.timedelta(days=2), tick=False)
    response = post_answer(client, answer_body(received, answered_at="2026-03-03T15:30:00+07:00"))
    assert response.status_code == 201, response.content
    assert response.json()["recorded"] is True

    received.refresh_from_db()
    assert received.status == PetitionStatus.ANSWERED
    assert received.answered_by_name == "Nguyễn Văn Chủ tịch"
    assert received.answered_at == datetime.datetime.fromisoformat("2026-03-03T15:30:00+07:00")
    assert received.answered_by == dms_account() and received.answered_on_time
    # Publishing stays with the board's head or deputy.
    with pytest.raises(PetitionPermissionDenied):
        petition_publish(petition_id=received.pk, by=dms_account())


def test_replayed_answer_changes_nothing(client, received, dms, time_machine, now):
    time_machine.move_to(now + datetime.timedelta(days=2), tick=False)
    body = answer_body(received)
    assert post_answer(client, body).status_code == 201
    received.refresh_from_db()
    first = (received.answer, received.answered_at, received.status)

    replay = post_answer(client, body)
    assert replay.status_code == 200 and replay.json()["recorded"] is False
    received.refresh_from_db()
    assert (received.answer, received.answered_at, received.status) == first


@pytest.mark.parametrize(
    "case",
    ["wrong secret", "tampered body", "old timestamp", "no credentials"],
)
def test_unsigned_or_badly_signed_answers_are_refused(client, received, dms, now, case):
    body = answer_body(received)
    if case == "wrong secret":
        response = post_answer(client, body, secret="guessed")
    elif case == "tampered body":
        timestamp = str(int(now.timestamp()))
        headers = {"X-DMS-Timestamp": timestamp, "X-DMS-Signature": sign(SECRET, timestamp, body)}
        tampered = answer_body(received, answer="Một câu trả lời khác hẳn.")
        response = post_answer(client, tampered, headers=headers)
    elif case == "old timestamp":
        response = post_answer(client, body, timestamp=str(int(now.timestamp()) - 3600))
    else:
        response = client.post(ANSWERS_URL, data=body, content_type="application/json")
    assert response.status_code == 401
    received.refresh_from_db()
    assert received.status == PetitionStatus.RECEIVED and received.answer == ""


def test_answer_back_is_closed_where_nothing_is_configured(client, received, settings):
    settings.DMS_WEBHOOK_SECRET = settings.DMS_ANSWER_TOKEN = ""
    response = post_answer(client, answer_body(received), secret="")
    assert response.status_code == 403


def test_bearer_token_where_the_environment_uses_one(client, received, settings, now):
    settings.DMS_WEBHOOK_SECRET, settings.DMS_ANSWER_TOKEN = "", "token-of-this-environment"
    body = answer_body(received)
    wrong = post_answer(client, body, headers={"Authorization": "Bearer not-it"})
    assert wrong.status_code == 401
    right = post_answer(client, body, headers={"Authorization": "Bearer token-of-this-environment"})
    assert right.status_code == 201


def test_answers_are_checked(client, received, dms, now, boards):
    unknown = post_answer(client, answer_body(received, tracking_code="ABCDEFGHJK"))
    assert unknown.status_code == 404
    early = post_answer(client, answer_body(received, answered_at="2026-03-01T08:00:00+07:00"))
    assert early.status_code == 400 and "answered_at" in early.json()
    missing = post_answer(client, answer_body(received, answer=""))
    assert missing.status_code == 400 and "answer" in missing.json()

    assert post_answer(client, answer_body(received)).status_code == 201
    petition_publish(petition_id=received.pk, by=boards[("xa-a", "head")])
    late_change = post_answer(client, answer_body(received, answer="Sửa lại câu trả lời sau khi đã đăng."))
    assert late_change.status_code == 409
