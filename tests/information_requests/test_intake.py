"""Receiving a request (Điều 24, 36; Nghị định 13/2018 Điều 4) through the API and the
portal's page: each refusal ground gives its Vietnamese message on its field and
stores nothing; a received request gets a tracking code, a secret and its deadline."""

import pytest
from django.core.cache import cache
from django.utils.html import escape
from django.utils import translation

from information_requests.models import InformationRequest, RequestStatus
from information_requests.public import MESSAGE_RATE_LIMITED
from information_requests.rules import (
    INFORMATION_MIN_WORDS,
    MESSAGE_ADDRESS_MISSING,
    MESSAGE_CONTACT_MISSING,
    MESSAGE_DELIVERY_MISSING,
    MESSAGE_EMAIL_FOR_DELIVERY,
    MESSAGE_ID_INVALID,
    MESSAGE_ID_MISSING,
    MESSAGE_INFORMATION_TOO_SHORT,
    MESSAGE_NAME_MISSING,
    MESSAGE_NOT_ENTITLED,
    MESSAGE_ORGANISATION_MISSING,
    MESSAGE_PURPOSE_MISSING,
    MESSAGE_REPRESENTATIVE_MISSING,
    DeliveryForm,
    RequesterKind,
)
from tests.information_requests.conftest import vn_time
from tests.information_requests.factories import VALID_REQUEST, request_page_for

pytestmark = pytest.mark.django_db

URL = "/api/v2/information-requests/"
HOST = "sotuphap.bacninh.gov.vn"


def vi(message, **params) -> str:
    with translation.override("vi"):
        return str(message % params if params else message)


def post(client, data, **extra):
    return client.post(URL, data, content_type="application/json", HTTP_HOST=HOST, **extra)


# (what the requester sent, field → the message expected there)
REFUSALS = {
    "name missing": ({"requester_name": " "}, {"requester_name": MESSAGE_NAME_MISSING}),
    "address missing": ({"requester_address": ""}, {"requester_address": MESSAGE_ADDRESS_MISSING}),
    "identity missing": ({"requester_id_number": ""}, {"requester_id_number": MESSAGE_ID_MISSING}),
    "identity malformed": ({"requester_id_number": "12/34"}, {"requester_id_number": MESSAGE_ID_INVALID}),
    "no way to reach": (
        {"requester_phone": "", "requester_email": "", "delivery_form": DeliveryForm.POST},
        {"requester_phone": MESSAGE_CONTACT_MISSING, "requester_email": MESSAGE_CONTACT_MISSING},
    ),
    "information unclear": (
        {"information_requested": "Quy hoạch"}, {"information_requested": MESSAGE_INFORMATION_TOO_SHORT},
    ),
    "purpose missing": ({"purpose": ""}, {"purpose": MESSAGE_PURPOSE_MISSING}),
    "delivery missing": ({"delivery_form": ""}, {"delivery_form": MESSAGE_DELIVERY_MISSING}),
    "e-mail delivery without e-mail": (
        {"requester_email": "", "delivery_form": DeliveryForm.EMAIL},
        {"requester_email": MESSAGE_EMAIL_FOR_DELIVERY},
    ),
    "organisation unnamed": (
        {"requester_kind": RequesterKind.ORGANISATION, "representative_name": "Lê Văn Cường"},
        {"organisation_name": MESSAGE_ORGANISATION_MISSING},
    ),
    "organisation without representative": (
        {"requester_kind": RequesterKind.ORGANISATION, "organisation_name": "Hợp tác xã Nông nghiệp Liên Bão"},
        {"representative_name": MESSAGE_REPRESENTATIVE_MISSING},
    ),
    "foreigner not entitled": (
        {"requester_kind": RequesterKind.FOREIGN_RESIDENT, "requester_id_number": "C1234567"},
        {"concerns_own_rights": MESSAGE_NOT_ENTITLED},
    ),
}


def test_messages_are_vietnamese():
    assert vi(MESSAGE_NAME_MISSING) == "Vui lòng nhập họ và tên người yêu cầu (Điều 24 Luật Tiếp cận thông tin)."


@pytest.mark.parametrize("case", list(REFUSALS))
def test_each_refusal_ground_through_the_api(client, units, case):
    sent, expected = REFUSALS[case]
    response = post(client, {**VALID_REQUEST, **sent})
    assert response.status_code == 400
    body = response.json()
    for field, message in expected.items():
        text = vi(message, words=INFORMATION_MIN_WORDS) if "%(words)s" in str(message) else vi(message)
        assert body[field] == [text]
    assert set(body) == set(expected)
    assert not InformationRequest.objects.exists()


def test_each_refusal_ground_through_the_portal_form(client, units):
    page = request_page_for(units["sotuphap"])
    url = page.get_url()
    for case, (sent, expected) in REFUSALS.items():
        cache.clear()  # refused attempts count against the per-address limit too
        data = {**VALID_REQUEST, **sent, "action": "send"}
        data = {k: v for k, v in data.items() if not (k == "concerns_own_rights" and not v)}
        response = client.post(url, data, HTTP_HOST=HOST)
        assert response.status_code == 200, case
        form = response.context["form"]
        for field, message in expected.items():
            text = vi(message, words=INFORMATION_MIN_WORDS) if "%(words)s" in str(message) else vi(message)
            assert form.errors[field] == [text], case
            assert escape(text) in response.content.decode()
    assert not InformationRequest.objects.exists()


def test_received_request_gets_code_secret_and_deadline(client, units, time_machine):
    time_machine.move_to(vn_time(2026, 3, 6), tick=False)  # a Friday
    response = post(client, {**VALID_REQUEST, "requester_id_number": "027 190 001 234"})
    assert response.status_code == 201
    body = response.json()
    item = InformationRequest.objects.get()
    assert body["tracking_code"] == item.tracking_code and body["agency"] == "sotuphap"
    assert body["due_date"] == "2026-03-11"  # Điều 30.3: 3 working days by e-mail
    assert body["status"] == RequestStatus.RECEIVED
    assert item.secret_matches(body["secret"]) and body["secret"] not in item.secret_hash
    assert item.requester_id_number == "027190001234"

    # A foreigner whose request concerns their own rights is received (Điều 36.1);
    # an organisation with its representative too (Điều 36.2), due in 5 days by post.
    foreigner = {**VALID_REQUEST, "requester_kind": RequesterKind.FOREIGN_RESIDENT, "concerns_own_rights": True,
                 "requester_id_number": "C1234567"}
    assert post(client, foreigner).status_code == 201
    organisation = {**VALID_REQUEST, "requester_kind": RequesterKind.ORGANISATION, "delivery_form": "post",
                    "organisation_name": "Hợp tác xã Nông nghiệp Liên Bão", "representative_name": "Lê Văn Cường"}
    response = post(client, organisation)
    assert response.json()["due_date"] == "2026-03-13"
    assert InformationRequest.objects.get(tracking_code=response.json()["tracking_code"]).representative_name


def test_honeypot_and_rate_limit(client, units, settings):
    robot = post(client, {**VALID_REQUEST, "website": "http://spam.example"})
    assert robot.status_code == 201 and robot.json()["tracking_code"]
    assert not InformationRequest.objects.exists()
    settings.QA_SUBMISSIONS_PER_IP = 2
    assert post(client, VALID_REQUEST).status_code == 201
    limited = post(client, VALID_REQUEST)
    assert limited.status_code == 429
    # The intake pipeline's refusal, as Q&A's: when to try again, in the requester's language.
    assert 0 < int(limited["Retry-After"]) <= settings.QA_SUBMISSIONS_WINDOW_SECONDS
    assert limited.json()["detail"] == vi(MESSAGE_RATE_LIMITED)
    assert InformationRequest.objects.count() == 1


def test_portal_form_receives_and_shows_the_receipt_once(client, units):
    page = request_page_for(units["sotuphap"])
    data = {k: v for k, v in VALID_REQUEST.items() if k != "concerns_own_rights"}
    response = client.post(page.get_url(), {**data, "action": "send"}, HTTP_HOST=HOST)
    assert response.status_code == 302
    item = InformationRequest.objects.get()
    assert item.agency == units["sotuphap"]
    shown = client.get(response["Location"], HTTP_HOST=HOST)
    code, secret = shown.context["receipt"]
    assert code == item.tracking_code and item.secret_matches(secret)
    assert client.get(response["Location"], HTTP_HOST=HOST).context["receipt"] is None
