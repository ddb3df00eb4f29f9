"""GET and POST /api/v2/consultations/<page id>/comments/ as a citizen uses them."""

from unittest import mock

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import translation

from consultations.models import CommentStatus, ConsultationComment
from consultations.rules import MESSAGE_CONTENT_MISSING, MESSAGE_RATE_LIMITED, closed_message
from consultations.services import comment_publish, comment_reject
from qa.rules import MESSAGE_EMAIL_INVALID, MESSAGE_SENDER_CONTACT_MISSING, MESSAGE_SENDER_NAME_MISSING
from tests.consultations.conftest import HOST, OTHER_HOST, VALID_COMMENT
from tests.consultations.factories import ConsultationCommentFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PERSONAL = {"commenter_email", "commenter_phone", "client_ip_hash", "moderation_note"}


def url(consultation):
    return f"/api/v2/consultations/{consultation.pk}/comments/"


def post(client, consultation, data, host=HOST, **extra):
    return client.post(url(consultation), data, content_type="application/json", HTTP_HOST=host, **extra)


def vi(message, **params):
    with translation.override("vi"):
        return str(message % params if params else message)


@pytest.fixture
def moderator(db):
    return UserFactory(username="admin.test", is_superuser=True)


def test_only_published_comments_are_listed_without_personal_data(client, open_consultation, moderator):
    shown = ConsultationCommentFactory(consultation=open_consultation, organisation="Hội Nông dân")
    ConsultationCommentFactory(consultation=open_consultation)  # awaiting moderation
    rejected = ConsultationCommentFactory(consultation=open_consultation)
    comment_publish(comment_id=shown.pk, by=moderator)
    comment_reject(comment_id=rejected.pk, by=moderator, note="Không liên quan.")

    response = client.get(url(open_consultation), HTTP_HOST=HOST)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert [item["id"] for item in body["results"]] == [shown.pk]
    assert body["results"][0]["organisation"] == "Hội Nông dân"
    assert body["results"][0]["content"] == shown.content
    assert not PERSONAL & set(body["results"][0])
    assert shown.commenter_email not in response.content.decode()
    assert body["consultation"]["id"] == open_consultation.pk and body["consultation"]["is_open"] is True


def test_accepted_comment_awaits_moderation_and_reaches_the_receiving_agency(
    client, open_consultation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, open_consultation, VALID_COMMENT)

    assert response.status_code == 201
    comment = ConsultationComment.objects.get()
    assert response.json()["status"] == CommentStatus.PENDING == comment.status
    assert comment.consultation_id == open_consultation.pk
    assert comment.commenter_email == VALID_COMMENT["commenter_email"] and comment.client_ip_hash
    assert not PERSONAL & set(response.json())
    agency_mail = [m for m in mail.outbox if m.to == ["vanban@stp.bacninh.gov.vn"]]
    assert len(agency_mail) == 1 and VALID_COMMENT["content"] in agency_mail[0].body
    # Not public before the board publishes it.
    assert client.get(url(open_consultation), HTTP_HOST=HOST).json()["count"] == 0


def test_a_failing_mail_server_does_not_lose_the_comment(client, open_consultation, django_capture_on_commit_callbacks):
    with mock.patch("qa.notifications.send_mail", side_effect=OSError("SMTP down")):
        with django_capture_on_commit_callbacks(execute=True):
            response = post(client, open_consultation, VALID_COMMENT)

    assert response.status_code == 201
    assert ConsultationComment.objects.filter(content=VALID_COMMENT["content"]).exists()


def test_refusals_are_given_field_by_field_in_vietnamese(client, open_consultation):
    data = {**VALID_COMMENT, "commenter_name": " ", "commenter_email": "", "commenter_phone": "", "content": ""}
    response = post(client, open_consultation, data)

    assert response.status_code == 400
    body = response.json()
    assert body["commenter_name"] == [vi(MESSAGE_SENDER_NAME_MISSING)] == ["Vui lòng nhập họ và tên người gửi."]
    assert body["commenter_email"] == body["commenter_phone"] == [vi(MESSAGE_SENDER_CONTACT_MISSING)]
    assert body["content"] == [vi(MESSAGE_CONTENT_MISSING)]
    assert "organisation" not in body  # optional

    response = post(client, open_consultation, {**VALID_COMMENT, "commenter_email": "khong-phai-email"})
    assert response.json() == {"commenter_email": [vi(MESSAGE_EMAIL_INVALID)]}
    assert not ConsultationComment.objects.exists()


def test_refusals_are_in_english_when_asked(client, open_consultation):
    response = post(client, open_consultation, {**VALID_COMMENT, "commenter_name": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["commenter_name"] == ["Please enter the sender's full name."]


def test_honeypot_looks_accepted_but_stores_nothing(client, open_consultation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, open_consultation, {**VALID_COMMENT, "website": "http://spam.example"})

    assert response.status_code == 201
    assert response.json()["status"] == CommentStatus.PENDING
    assert not ConsultationComment.objects.exists()
    assert mail.outbox == []


def test_a_closed_consultation_refuses_comments_with_409(client, closed_consultation):
    response = post(client, closed_consultation, VALID_COMMENT)

    assert response.status_code == 409
    body = response.json()
    assert body["detail"] == vi_closed(closed_consultation)
    assert body["comment_deadline"]
    assert not ConsultationComment.objects.exists()
    # Its published comments are still readable.
    assert client.get(url(closed_consultation), HTTP_HOST=HOST).status_code == 200


def vi_closed(consultation):
    with translation.override("vi"):
        return closed_message(consultation)


def test_another_portals_consultation_is_not_found(client, open_consultation):
    assert client.get(url(open_consultation), HTTP_HOST=OTHER_HOST).status_code == 404
    response = post(client, open_consultation, VALID_COMMENT, host=OTHER_HOST)
    assert response.status_code == 404
    assert not ConsultationComment.objects.exists()


def test_unpublished_consultation_and_other_pages_are_not_found(client, open_consultation, portals):
    open_consultation.unpublish()
    assert client.get(url(open_consultation), HTTP_HOST=HOST).status_code == 404
    section = portals.section("sotuphap", "lay-y-kien")
    assert client.get(f"/api/v2/consultations/{section.pk}/comments/", HTTP_HOST=HOST).status_code == 404


@override_settings(CONSULTATION_COMMENTS_PER_IP=2)
def test_too_many_comments_from_one_address_are_refused(client, open_consultation):
    assert post(client, open_consultation, VALID_COMMENT).status_code == 201
    assert post(client, open_consultation, VALID_COMMENT).status_code == 201
    response = post(client, open_consultation, VALID_COMMENT)

    assert response.status_code == 429
    assert response.json()["detail"] == vi(MESSAGE_RATE_LIMITED)
    assert int(response["Retry-After"]) > 0
    assert ConsultationComment.objects.count() == 2
