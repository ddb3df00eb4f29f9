"""The database connection drops during a Q&A submission (issue #9 item 4).

PostgreSQL is reached through a FaultProxy, and the line is broken at chosen points of
the submission: a blip before the petition's INSERT (the service retries once), an
outage that lasts (the citizen gets a 503 with a plain message, nothing half-stored),
and the worst case, a COMMIT that PostgreSQL applied but whose answer never came back
(the service finds the petition by its tracking code instead of storing it twice).
Once the database is back, the petitions are counted: every tracking code a citizen
received is stored exactly once, and nothing else is.
"""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.utils import translation

from qa.models import Petition, PetitionAttachment
from qa.services import MESSAGE_NOT_RECEIVED
from security.unavailable import MESSAGE_DATABASE_UNAVAILABLE
from tests.factories import province_rows, provision
from tests.faults.conftest import DATABASE_SEARCH, require_service
from tests.qa.factories import VALID_QUESTION, qa_page_for

# Real commits, as in production (a test wrapped in one transaction could neither commit
# nor survive a dropped connection); serialized_rollback brings back the rows of the
# migrations (root page, locale) that the flush after each test removes.
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

HOST = "xa-a.bacninh.gov.vn"
API = "/api/v2/qa/questions/"
PETITION_INSERT = 'INSERT INTO "qa_petition" '  # not qa_petitionattachment
SCAN = b"%PDF-1.4 scan of a household registration book"


@pytest.fixture
def database_behind_proxy(fault_proxy, settings):
    """The default connection goes through a proxy to the real PostgreSQL."""
    connection = connections["default"]
    require_service("DATABASE_URL", present=connection.vendor == "postgresql")
    settings.QA_SUBMISSIONS_PER_IP = 0  # the rate limit is another test's concern
    settings.WAGTAILSEARCH_BACKENDS = DATABASE_SEARCH  # this test's pages stay out of the shared engine
    host, port = connection.settings_dict["HOST"], connection.settings_dict["PORT"]
    proxy = fault_proxy(host or "127.0.0.1", int(port or 5432))
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=str(proxy.port))
    try:
        yield proxy
    finally:
        proxy.restore()
        connection.close()
        connection.settings_dict.update(HOST=host, PORT=port)


@pytest.fixture
def portal(database_behind_proxy):
    provision(province_rows())
    from tenants.models import Unit

    return qa_page_for(Unit.objects.get(slug="xa-a"))


class Fault:
    """Break the line right before the SQL containing ``sql`` runs, ``times`` times."""

    def __init__(self, action, *, sql: str = PETITION_INSERT, times: int = 1):
        self.action, self.sql, self.left = action, sql, times

    def __call__(self, execute, sql, params, many, context):
        if self.left and self.sql in sql:
            self.left -= 1
            self.action()
        return execute(sql, params, many, context)

    def __enter__(self):
        self._wrapper = connections["default"].execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self._wrapper.__exit__(*exc)


class CommitReplyLost:
    """After the petition's INSERT, the next COMMIT reaches PostgreSQL (and is applied)
    but its answer is lost and the connection closed."""

    def __init__(self, proxy, monkeypatch):
        self.proxy, self.armed = proxy, False
        connection = connections["default"]
        original = connection.commit

        def commit():
            if self.armed:
                self.armed = False
                self.proxy.lose_reply()
            return original()

        monkeypatch.setattr(connection, "commit", commit)

    def __call__(self, execute, sql, params, many, context):
        if PETITION_INSERT in sql:
            self.armed = True
        return execute(sql, params, many, context)


def vi(message) -> str:
    with translation.override("vi"):
        return str(message)


def api_submit(client, **extra):
    return client.post(API, {**VALID_QUESTION, **extra}, content_type="application/json", HTTP_HOST=HOST)


def sender_receipts() -> list:
    return [message for message in mail.outbox if message.to == [VALID_QUESTION["sender_email"]]]


def stored_codes() -> list[str]:
    return list(Petition.objects.values_list("tracking_code", flat=True))


def connection_losses(caplog) -> int:
    return sum("database connection lost" in record.getMessage() for record in caplog.records)


def test_api_submission_survives_a_dropped_connection(portal, database_behind_proxy, client, monkeypatch, caplog):
    proxy = database_behind_proxy
    received = []  # the tracking codes citizens were given
    caplog.set_level("WARNING", logger="qa.services")

    # 1. Normal.
    response = api_submit(client, subject="Câu hỏi một")
    assert response.status_code == 201
    received.append(response.json()["tracking_code"])

    # 2. A blip just before the INSERT: the service retries once and succeeds.
    with Fault(proxy.drop):
        response = api_submit(client, subject="Câu hỏi hai")
    assert response.status_code == 201
    received.append(response.json()["tracking_code"])
    assert connection_losses(caplog) == 1  # the fault did hit the submission

    # 3. The COMMIT is applied but its answer is lost: found by its code, not stored
    #    twice, and its attachment (already in the storage) kept for its row.
    commit_lost = CommitReplyLost(proxy, monkeypatch)
    scan = SimpleUploadedFile("giay-to.pdf", SCAN, content_type="application/pdf")
    with connections["default"].execute_wrapper(commit_lost):
        response = client.post(
            API, {**VALID_QUESTION, "subject": "Câu hỏi ba", "attachments": [scan]}, HTTP_HOST=HOST
        )
    assert response.status_code == 201, response.content
    received.append(response.json()["tracking_code"])
    attachment = PetitionAttachment.objects.get(petition__tracking_code=received[-1])
    assert attachment.file.storage.exists(attachment.file.name)
    assert connection_losses(caplog) == 2
    # Its commit hooks died with the connection; the receipt mail went out all the same.
    assert len(sender_receipts()) == 3

    # 4. The database goes down in the middle of the submission and stays down.
    with Fault(proxy.cut):
        response = api_submit(client, subject="Câu hỏi bốn")
    assert response.status_code == 503
    assert response.json() == {"detail": vi(MESSAGE_NOT_RECEIVED)}
    assert response["Retry-After"]

    # 5. Still down when the next citizen sends: the middleware answers, never a 500.
    response = api_submit(client, subject="Câu hỏi năm")
    assert response.status_code == 503
    assert response.json() == {"detail": vi(MESSAGE_DATABASE_UNAVAILABLE)}

    # 6. Back.
    proxy.restore()
    response = api_submit(client, subject="Câu hỏi sáu")
    assert response.status_code == 201
    received.append(response.json()["tracking_code"])

    stored = stored_codes()
    assert sorted(stored) == sorted(received)  # each received code once, nothing else
    assert len(set(received)) == len(received) == 4
    assert len(sender_receipts()) == 4  # one receipt per stored petition, none for the others
    assert set(Petition.objects.values_list("subject", flat=True)) == {
        "Câu hỏi một", "Câu hỏi hai", "Câu hỏi ba", "Câu hỏi sáu"
    }


def test_form_submission_survives_a_dropped_connection(portal, database_behind_proxy, client):
    proxy = database_behind_proxy
    url = portal.get_url_parts()[2]
    received = []

    def form_submit(subject):
        return client.post(url, {**VALID_QUESTION, "subject": subject, "website": ""}, HTTP_HOST=HOST)

    def code_shown(response):
        """The tracking code the page after the redirect shows the citizen."""
        html = client.get(response["Location"], HTTP_HOST=HOST).content.decode()
        return next(code for code in stored_codes() if code in html)

    # 1. A blip before the INSERT: retried, the citizen sees the code.
    with Fault(proxy.drop):
        response = form_submit("Hỏi qua biểu mẫu một")
    assert response.status_code == 302
    received.append(code_shown(response))

    # 2. Two blips: both attempts fail, the database is back for the page itself: the
    #    form comes back filled in, with the reason on top, as a 503.
    with Fault(proxy.drop, times=2):
        response = form_submit("Hỏi qua biểu mẫu hai")
    assert response.status_code == 503
    html = response.content.decode()
    assert vi(MESSAGE_NOT_RECEIVED) in html.replace("&#x27;", "'")
    assert "Hỏi qua biểu mẫu hai" in html  # what the citizen typed is still there

    # 3. Down for good in the middle of the submission: a 503 page with the message.
    with Fault(proxy.cut):
        response = form_submit("Hỏi qua biểu mẫu ba")
    assert response.status_code == 503
    html = response.content.decode()
    assert vi(MESSAGE_DATABASE_UNAVAILABLE) in html.replace("&#x27;", "'")
    assert "Traceback" not in html

    # 4. Back.
    proxy.restore()
    response = form_submit("Hỏi qua biểu mẫu bốn")
    assert response.status_code == 302
    received.append(code_shown(response))

    assert sorted(stored_codes()) == sorted(received)
    assert set(Petition.objects.values_list("subject", flat=True)) == {"Hỏi qua biểu mẫu một", "Hỏi qua biểu mẫu bốn"}

