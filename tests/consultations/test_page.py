"""A consultation page: its published comments and the comment form until the deadline."""

import pytest
from django.test import override_settings
from django.utils import translation

from consultations.models import CommentStatus, ConsultationComment
from consultations.public import SENT_PARAMETER
from consultations.rules import MESSAGE_CONTENT_MISSING, MESSAGE_RECEIVED, closed_message
from consultations.services import comment_publish
from tests.cms.factories import page_make_private
from tests.consultations.conftest import HOST, OTHER_HOST, VALID_COMMENT
from tests.consultations.factories import ConsultationCommentFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def path(page):
    return page.get_url_parts()[2]  # the path on the portal's own host


def submit(client, page, data, host=HOST):
    return client.post(path(page), data, HTTP_HOST=host)


def test_page_lists_published_comments_without_contact_details_and_offers_the_form(client, open_consultation):
    moderator = UserFactory(username="admin.page", is_superuser=True)
    shown = ConsultationCommentFactory(consultation=open_consultation, organisation="Công ty Kinh Bắc")
    pending = ConsultationCommentFactory(consultation=open_consultation)
    comment_publish(comment_id=shown.pk, by=moderator)

    response = client.get(path(open_consultation), HTTP_HOST=HOST)

    assert response.status_code == 200
    html = response.content.decode()
    assert shown.content in html and shown.commenter_name in html and "Công ty Kinh Bắc" in html
    assert pending.content not in html
    assert shown.commenter_email not in html and shown.commenter_phone not in html
    assert 'name="commenter_name"' in html and 'name="website"' in html


def test_comment_sent_from_the_form_is_stored_for_moderation(client, open_consultation):
    response = submit(client, open_consultation, {**VALID_COMMENT, "website": ""})

    assert response.status_code == 302
    assert SENT_PARAMETER in response["Location"]
    comment = ConsultationComment.objects.get()
    assert comment.status == CommentStatus.PENDING and comment.consultation_id == open_consultation.pk
    assert comment.organisation == VALID_COMMENT["organisation"]
    shown = client.get(response["Location"], HTTP_HOST=HOST).content.decode()
    with translation.override("vi"):
        assert str(MESSAGE_RECEIVED) in shown
    assert VALID_COMMENT["content"] not in shown  # not before moderation


def test_refusals_are_shown_next_to_the_fields(client, open_consultation):
    response = submit(client, open_consultation, {**VALID_COMMENT, "commenter_name": "", "content": ""})

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["commenter_name"] == ["Vui lòng nhập họ và tên người gửi."]
    with translation.override("vi"):
        assert form.errors["content"] == [str(MESSAGE_CONTENT_MISSING)]
    html = response.content.decode()
    assert "Vui lòng nhập họ và tên người gửi." in html
    assert VALID_COMMENT["commenter_email"] in html  # what was typed is kept
    assert not ConsultationComment.objects.exists()


def test_honeypot_is_thanked_and_nothing_is_stored(client, open_consultation):
    response = submit(client, open_consultation, {**VALID_COMMENT, "website": "http://spam.example"})

    assert response.status_code == 302
    assert not ConsultationComment.objects.exists()


def test_after_the_deadline_the_form_gives_way_to_a_notice_and_posts_are_refused(client, closed_consultation):
    html = client.get(path(closed_consultation), HTTP_HOST=HOST).content.decode()
    with translation.override("vi"):
        notice = closed_message(closed_consultation)
    assert notice in html
    assert 'name="commenter_name"' not in html

    response = submit(client, closed_consultation, VALID_COMMENT)

    assert response.status_code == 409
    assert notice in response.content.decode()
    assert not ConsultationComment.objects.exists()


@override_settings(CONSULTATION_COMMENTS_PER_IP=1)
def test_too_many_comments_from_one_address_are_refused(client, open_consultation):
    assert submit(client, open_consultation, VALID_COMMENT).status_code == 302
    response = submit(client, open_consultation, VALID_COMMENT)

    assert response.status_code == 429
    assert ConsultationComment.objects.count() == 1


def test_a_password_protected_consultation_takes_no_comment_without_the_password(client, open_consultation):
    page_make_private(open_consultation)
    response = submit(client, open_consultation, VALID_COMMENT)

    assert response.status_code == 200  # Wagtail's password form, not the comment's redirect
    assert not ConsultationComment.objects.exists()


def test_the_page_path_on_another_portals_host_takes_no_comment(client, open_consultation):
    # The page exists only on its own portal's host; elsewhere the path is another portal's 404.
    response = submit(client, open_consultation, VALID_COMMENT, host=OTHER_HOST)

    assert response.status_code == 404
    assert not ConsultationComment.objects.exists()
