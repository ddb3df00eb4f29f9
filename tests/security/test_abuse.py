"""Rate limits and abuse (issue #16 item 6): the client address comes from the trusted
proxy chain, a survey takes a bounded number of responses per client, and failed
passwords (admin login, pages' view restrictions) are throttled per account and per
client with a Vietnamese message."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from security.client_ip import client_ip
from security.throttling import MESSAGE_LOCKED_OUT
from surveys.rules import MESSAGE_CLIENT_LIMIT, QuestionKind
from surveys.services import SurveyClientLimitReached, survey_response_submit
from tests.factories import UserFactory
from tests.qa.factories import VALID_QUESTION
from tests.security.conftest import OTHER_HOST, OWN_HOST
from tests.surveys.factories import SurveyPageFactory, questions_of

pytestmark = pytest.mark.django_db

CLIENT = "203.113.1.5"
BALANCER = "10.0.0.2"
VARNISH = "10.0.0.3"


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def vi(message, **values) -> str:
    with translation.override("vi"):
        return str(message) % values if values else str(message)


# --- The client address --------------------------------------------------------------


def request_with(**meta):
    return RequestFactory().get("/", **meta)


@override_settings(CLIENT_IP_TRUSTED_PROXIES=2)
def test_the_client_is_what_the_first_trusted_proxy_saw():
    # The client sent its own X-Forwarded-For and X-Real-IP; the balancer appended the
    # client's address, Varnish the balancer's; gunicorn sees Varnish.
    request = request_with(HTTP_X_FORWARDED_FOR=f"6.6.6.6, {CLIENT}, {BALANCER}", HTTP_X_REAL_IP="7.7.7.7",
                           REMOTE_ADDR=VARNISH)
    assert client_ip(request) == CLIENT
    # A request from inside (a health check) with no chain: its peer address.
    assert client_ip(request_with(REMOTE_ADDR=VARNISH)) == VARNISH
    # Garbage where the balancer's entry should be: never the client's text.
    assert client_ip(request_with(HTTP_X_FORWARDED_FOR="<script>, x", REMOTE_ADDR=VARNISH)) == VARNISH


@override_settings(CLIENT_IP_TRUSTED_PROXIES=0)
def test_without_proxies_only_the_peer_address_counts():
    request = request_with(HTTP_X_FORWARDED_FOR="6.6.6.6", HTTP_X_REAL_IP="7.7.7.7", REMOTE_ADDR=CLIENT)
    assert client_ip(request) == CLIENT


@override_settings(CLIENT_IP_TRUSTED_PROXIES=2, QA_SUBMISSIONS_PER_IP=2, QA_CLIENT_IP_META="HTTP_X_REAL_IP")
def test_rotating_client_sent_headers_does_not_escape_the_question_limit(client, portals):
    """With the documented QA_CLIENT_IP_META=HTTP_X_REAL_IP a script sent a new
    X-Real-IP with each question and was never limited."""
    statuses = []
    for n in range(3):
        response = client.post("/api/v2/qa/questions/", VALID_QUESTION, content_type="application/json",
                               HTTP_HOST=OWN_HOST, HTTP_X_REAL_IP=f"198.51.100.{n}",
                               HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, {CLIENT}, {BALANCER}", REMOTE_ADDR=VARNISH)
        statuses.append(response.status_code)
    assert statuses == [201, 201, 429]


# --- One survey, a bounded number of responses per client ----------------------------


def survey_answers(survey) -> dict:
    q = questions_of(survey)
    return {q[QuestionKind.SINGLE_CHOICE].pk: "Điện thoại", q[QuestionKind.MULTIPLE_CHOICE].pk: ["Hộ tịch"],
            q[QuestionKind.SCALE].pk: 4}


@override_settings(SURVEY_RESPONSES_PER_CLIENT=2)
def test_a_client_that_drops_its_cookies_is_held_to_the_per_survey_limit(portals):
    survey = SurveyPageFactory(parent=portals.section("bacninh", "khao-sat"))
    for session in ("s1", "s2"):
        survey_response_submit(page=survey, answers=survey_answers(survey), session_key=session, client_ip=CLIENT)
    with pytest.raises(SurveyClientLimitReached):
        survey_response_submit(page=survey, answers=survey_answers(survey), session_key="s3", client_ip=CLIENT)
    # Another client, and the same client on another survey, still answer.
    survey_response_submit(page=survey, answers=survey_answers(survey), session_key="s4", client_ip="198.51.100.9")
    other = SurveyPageFactory(parent=portals.section("bacninh", "khao-sat"))
    survey_response_submit(page=other, answers=survey_answers(other), session_key="s5", client_ip=CLIENT)


@override_settings(SURVEY_RESPONSES_PER_CLIENT=2)
def test_the_survey_api_refuses_the_next_response_in_vietnamese(client, portals):
    survey = SurveyPageFactory(parent=portals.section("bacninh", "khao-sat"))
    url = f"/api/v2/surveys/{survey.pk}/responses/"
    q = questions_of(survey)
    body = {"answers": [{"question": q[QuestionKind.SINGLE_CHOICE].pk, "choice": "Điện thoại"},
                        {"question": q[QuestionKind.MULTIPLE_CHOICE].pk, "choices": ["Hộ tịch"]},
                        {"question": q[QuestionKind.SCALE].pk, "value": 4}]}
    statuses = []
    for _ in range(3):
        client.cookies.clear()  # a new "person" each time
        response = client.post(url, body, content_type="application/json", HTTP_HOST=OTHER_HOST,
                               REMOTE_ADDR=CLIENT)
        statuses.append(response.status_code)
    assert statuses == [201, 201, 409]
    assert response.json()["detail"] == vi(MESSAGE_CLIENT_LIMIT)


# --- Failed passwords ------------------------------------------------------------------


def admin_login(client, username, password, ip=CLIENT):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password},
                       REMOTE_ADDR=ip)


def locked_message() -> str:
    return vi(MESSAGE_LOCKED_OUT, minutes=15)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_an_account_is_locked_after_failed_logins_from_anywhere(client):
    UserFactory(username="bientap.vien", password="mat-khau-dung-2026", is_staff=True)
    statuses = [admin_login(client, "bientap.vien", "sai", ip=f"198.51.100.{n}").status_code for n in range(3)]
    assert statuses == [200, 200, 429]  # the form again, then locked at the limit

    response = admin_login(client, "bientap.vien", "mat-khau-dung-2026", ip="192.0.2.44")

    assert response.status_code == 429
    assert locked_message() in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_client_is_locked_after_failed_logins_on_any_accounts(client):
    UserFactory(username="nguoi.that", password="mat-khau-dung-2026", is_staff=True, is_superuser=True)
    for name in ("a", "b", "c"):
        admin_login(client, f"doan.{name}", "sai")

    response = admin_login(client, "nguoi.that", "mat-khau-dung-2026")

    assert response.status_code == 429 and locked_message() in response.content.decode()
    # The same account from another client still logs in.
    assert admin_login(client, "nguoi.that", "mat-khau-dung-2026", ip="192.0.2.45").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_pages_password_is_throttled(client, victim):
    restriction = PageViewRestriction.objects.filter(page__in=victim.private.get_ancestors(inclusive=True)).first()
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, victim.private.pk])
    data = {"return_url": victim.private.url or "/"}
    for n in range(3):
        response = client.post(url, {**data, "password": f"doan-{n}"}, HTTP_HOST=OTHER_HOST, REMOTE_ADDR=CLIENT)
    assert response.status_code == 429

    # Locked: even the right password waits, from this client and from another.
    for ip in (CLIENT, "192.0.2.46"):
        response = client.post(url, {**data, "password": restriction.password}, HTTP_HOST=OTHER_HOST,
                               REMOTE_ADDR=ip)
        assert response.status_code == 429
        assert locked_message() in response.content.decode()


def test_a_right_page_password_still_opens_the_page(client, victim):
    restriction = PageViewRestriction.objects.filter(page__in=victim.private.get_ancestors(inclusive=True)).first()
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, victim.private.pk])
    response = client.post(url, {"password": restriction.password, "return_url": "/"}, HTTP_HOST=OTHER_HOST)
    assert response.status_code == 302
