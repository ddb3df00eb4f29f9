"""Moderation in the Wagtail admin: a board its own portal's comments, the province all."""

import pytest
from django.urls import reverse

from consultations.models import CommentStatus
from tests.consultations.conftest import HOST
from tests.consultations.factories import ConsultationCommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(open_consultation):
    return ConsultationCommentFactory(
        consultation=open_consultation, commenter_name="Đỗ Văn Nam", commenter_email="nam.dv@example.vn"
    )


def detail(consultation):
    return reverse("consultations_admin:detail", args=[consultation.pk])


def moderate(client, comment, action, note=""):
    return client.post(detail(comment.consultation), {"comment": comment.pk, "action": action, "note": note})


def public_count(client, consultation):
    return client.get(f"/api/v2/consultations/{consultation.pk}/comments/", HTTP_HOST=HOST).json()["count"]


def test_own_board_sees_the_comments_with_contact_details_and_publishes_one(client, boards, comment):
    client.force_login(boards[("sotuphap", "member")])

    index = client.get(reverse("consultations_admin:index"))
    assert index.status_code == 200
    listed = {c.pk: c for c in index.context["consultations"]}
    assert listed[comment.consultation_id].pending_count == 1
    html = client.get(detail(comment.consultation)).content.decode()
    assert "Đỗ Văn Nam" in html and "nam.dv@example.vn" in html

    response = moderate(client, comment, "publish")

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    assert comment.moderated_by == boards[("sotuphap", "member")] and comment.moderated_at
    assert public_count(client, comment.consultation) == 1


def test_rejecting_needs_a_reason_and_hides_the_comment(client, boards, comment):
    client.force_login(boards[("sotuphap", "head")])
    moderate(client, comment, "publish")

    moderate(client, comment, "reject", note="")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED  # refused without a reason

    moderate(client, comment, "reject", note="Nội dung không liên quan đến dự thảo.")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    assert comment.moderation_note == "Nội dung không liên quan đến dự thảo."
    assert public_count(client, comment.consultation) == 0


def test_another_portals_board_neither_sees_nor_moderates(client, boards, comment):
    client.force_login(boards[("tiendu", "head")])

    index = client.get(reverse("consultations_admin:index"))
    assert index.status_code == 200
    assert comment.consultation_id not in {c.pk for c in index.context["consultations"]}
    assert client.get(detail(comment.consultation)).status_code == 404
    assert moderate(client, comment, "publish").status_code == 404
    export = reverse("consultations_admin:export", args=[comment.consultation_id, "xlsx"])
    assert client.get(export).status_code == 404
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_provincial_board_moderates_every_portal(client, boards, comment):
    client.force_login(boards[("bacninh", "member")])
    assert client.get(detail(comment.consultation)).status_code == 200
    moderate(client, comment, "publish")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED


def test_contributors_have_no_moderation_screens(client, boards, comment):
    client.force_login(boards[("sotuphap", "contributor")])
    assert client.get(reverse("consultations_admin:index")).status_code in (302, 403)
    assert moderate(client, comment, "publish").status_code in (302, 403)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
