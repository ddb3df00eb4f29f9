"""POST /api/v2/qa/questions/ and GET /api/v2/qa/questions/<code>/ as a citizen uses them."""

import datetime

import pytest
from django.test import override_settings
from django.utils import translation

from qa.models import Petition, PetitionStatus
from qa.rules import (
    CONTENT_MIN_WORDS,
    MESSAGE_AGENCY_UNKNOWN,
    MESSAGE_COMPLAINT,
    MESSAGE_CONTENT_TOO_SHORT,
    MESSAGE_RATE_LIMITED,
    MESSAGE_SENDER_ADDRESS_MISSING,
    MESSAGE_SENDER_CONTACT_MISSING,
    MESSAGE_SENDER_NAME_MISSING,
)
from qa.services import petition_answer, petition_classify, petition_publish
from tests.qa.factories import VALID_QUESTION

pytestmark = pytest.mark.django_db

URL = "/api/v2/qa/questions/"
PERSONAL = ("sender_name", "sender_address", "sender_phone", "sender_email")


def post(client, data, host="xa-a.bacninh.gov.vn", **extra):
    return client.post(URL, data, content_type="application/json", HTTP_HOST=host, **extra)


def in_language(language, message, **params):
    with translation.override(language):
        return str(message % params if params else message)


def test_accepted_question_gets_a_tracking_code_and_due_date(client, units, now):
    response = post(client, VALID_QUESTION)

    assert response.status_code == 201
    body = response.json()
    petition = Petition.objects.get()
    assert body["tracking_code"] == petition.tracking_code and len(petition.tracking_code) == 10
    assert body["status"] == PetitionStatus.RECEIVED
    assert body["agency"] == "xa-a"  # the portal the request was sent to
    assert body["due_date"] == "2026-03-09"  # Monday + 5 working days
    assert petition.sender_name == VALID_QUESTION["sender_name"]
    assert not set(PERSONAL) & set(body)


def test_agency_can_be_named_by_slug(client, units, now):
    assert post(client, {**VALID_QUESTION, "agency": "sotuphap"}).json()["agency"] == "sotuphap"
    response = post(client, {**VALID_QUESTION, "agency": "khong-co"})
    assert response.status_code == 400
    assert response.json()["agency"] == [in_language("vi", MESSAGE_AGENCY_UNKNOWN)]


def test_missing_sender_details_are_refused_field_by_field_in_vietnamese(client, units):
    data = {**VALID_QUESTION, "sender_name": "", "sender_address": "", "sender_phone": "", "sender_email": ""}
    del data["sender_name"]  # absent or blank: the same refusal
    response = post(client, data)

    assert response.status_code == 400
    body = response.json()
    assert body["sender_name"] == [in_language("vi", MESSAGE_SENDER_NAME_MISSING)]
    assert body["sender_address"] == [in_language("vi", MESSAGE_SENDER_ADDRESS_MISSING)]
    assert body["sender_phone"] == body["sender_email"] == [in_language("vi", MESSAGE_SENDER_CONTACT_MISSING)]
    assert body["sender_name"] == ["Vui lòng nhập họ và tên người gửi."]
    assert not Petition.objects.exists()


def test_refusals_are_in_english_when_asked(client, units):
    response = post(client, {**VALID_QUESTION, "sender_name": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["sender_name"] == ["Please enter the sender's full name."]
    assert response["Content-Language"] == "en"


def test_content_too_short_is_refused(client, units):
    response = post(client, {**VALID_QUESTION, "content": "Xin hỏi thủ tục?"})
    assert response.status_code == 400
    assert response.json()["content"] == [in_language("vi", MESSAGE_CONTENT_TOO_SHORT, words=CONTENT_MIN_WORDS)]


@pytest.mark.parametrize(
    "field, text",
    [
        ("subject", "Đơn tố cáo cán bộ địa chính"),
        ("content", "Tôi làm đơn này để khiếu nại quyết định thu hồi đất của Ủy ban nhân dân xã đối với gia đình tôi."),
        ("subject", "Don to cao can bo dia chinh"),
        ("content", "Toi lam don nay de khieu nai quyet dinh thu hoi dat cua uy ban nhan dan xa doi voi gia dinh toi."),
    ],
)
def test_complaints_and_denunciations_are_refused_with_the_right_procedure(client, units, field, text):
    response = post(client, {**VALID_QUESTION, field: text})

    assert response.status_code == 400
    message = response.json()[field][0]
    assert message == in_language("vi", MESSAGE_COMPLAINT)
    assert "Luật Khiếu nại" in message and "Luật Tố cáo" in message
    english = post(client, {**VALID_QUESTION, field: text}, HTTP_ACCEPT_LANGUAGE="en").json()[field][0]
    assert "Law on Complaints" in english and "Law on Denunciations" in english
    assert not Petition.objects.exists()


def test_filled_honeypot_looks_accepted_but_stores_nothing(client, units, now):
    response = post(client, {**VALID_QUESTION, "website": "http://spam.example"})

    assert response.status_code == 201
    code = response.json()["tracking_code"]
    assert len(code) == 10 and response.json()["agency"] == "xa-a"
    assert not Petition.objects.exists()
    assert client.get(f"{URL}{code}/").status_code == 404


@override_settings(QA_SUBMISSIONS_PER_IP=2, QA_SUBMISSIONS_WINDOW_SECONDS=3600)
def test_rate_limit_per_ip_answers_429_in_vietnamese(client, units, now):
    assert post(client, VALID_QUESTION).status_code == 201
    assert post(client, VALID_QUESTION).status_code == 201
    response = post(client, VALID_QUESTION)

    assert response.status_code == 429
    assert response.json()["detail"] == in_language("vi", MESSAGE_RATE_LIMITED)
    assert int(response["Retry-After"]) > 0
    assert Petition.objects.count() == 2
    # Another address is not affected; the same one may send again in the next window.
    assert post(client, VALID_QUESTION, REMOTE_ADDR="10.0.0.9").status_code == 201


@override_settings(QA_SUBMISSIONS_PER_IP=1, QA_SUBMISSIONS_WINDOW_SECONDS=3600)
def test_rate_limit_window_ends(client, units, now, time_machine):
    assert post(client, VALID_QUESTION).status_code == 201
    assert post(client, VALID_QUESTION).status_code == 429
    time_machine.shift(datetime.timedelta(hours=1))
    assert post(client, VALID_QUESTION).status_code == 201


def test_tracking_shows_status_and_due_date_but_no_personal_data(client, units, now, boards):
    code = post(client, VALID_QUESTION).json()["tracking_code"]

    body = client.get(f"{URL}{code.lower()}/").json()
    assert body["status"] == "received" and body["due_date"] == "2026-03-09"
    assert body["agency"] == {"slug": "xa-a", "name": units["xa-a"].name}
    assert body["answer"] is None
    flat = str(body)
    for name in PERSONAL:
        assert name not in body
        assert VALID_QUESTION[name] not in flat

    petition = Petition.objects.get()
    head = boards[("xa-a", "head")]
    petition_classify(petition_id=petition.pk, competence="within_competence", by=head)
    petition_answer(
        petition_id=petition.pk, answer="Ông/bà mang giấy chứng sinh.", answered_by_name="Chủ tịch UBND xã", by=head
    )
    assert client.get(f"{URL}{code}/").json()["answer"] is None  # answered, not yet published
    petition_publish(petition_id=petition.pk, by=head)

    body = client.get(f"{URL}{code}/").json()
    assert body["status"] == "published"
    assert body["answer"] == "Ông/bà mang giấy chứng sinh."
    assert body["answered_by_name"] == "Chủ tịch UBND xã"
    assert VALID_QUESTION["sender_name"] not in str(body)


def test_unknown_tracking_code_is_404(client, units):
    response = client.get(f"{URL}ABCDEFGHJK/")
    assert response.status_code == 404
    assert response.json()["detail"] == "Không có câu hỏi nào mang mã tra cứu này."


def test_attachments_of_allowed_types_are_stored_and_others_refused(client, units, now, boards):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from qa.rules import ATTACHMENT_EXTENSIONS, MESSAGE_ATTACHMENT_TYPE

    scan = SimpleUploadedFile("giay-to.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    response = client.post(URL, {**VALID_QUESTION, "attachments": [scan]}, HTTP_HOST="xa-a.bacninh.gov.vn")
    assert response.status_code == 201
    [attachment] = Petition.objects.get().attachments.all()
    assert attachment.name == "giay-to.pdf" and attachment.size == len(b"%PDF-1.4 scan")
    assert "giay-to" not in client.get(f"{URL}{response.json()['tracking_code']}/").content.decode()

    # Only the agency's board downloads it, as it would read the sender's details.
    from django.urls import reverse

    link = reverse("qa_admin:attachment", args=[attachment.petition_id, attachment.pk])
    client.force_login(boards[("xa-a", "member")])
    assert client.get(link).status_code == 200
    client.force_login(boards[("xa-b", "head")])
    assert client.get(link).status_code == 404

    program = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(URL, {**VALID_QUESTION, "attachments": [program]}, HTTP_HOST="xa-a.bacninh.gov.vn")
    assert response.status_code == 400
    expected = in_language("vi", MESSAGE_ATTACHMENT_TYPE, types=", ".join(ATTACHMENT_EXTENSIONS))
    assert response.json()["attachments"] == [expected]
    assert Petition.objects.count() == 1
