"""The services enforce the deadline and the moderation right whoever calls them."""

import datetime

import pytest
from django.utils import timezone

from consultations.models import CommentStatus
from consultations.permissions import CommentPermissionDenied
from consultations.rules import comment_intake_errors
from consultations.services import ConsultationClosed, comment_publish, comment_submit
from tests.consultations.conftest import VALID_COMMENT
from tests.consultations.factories import ConsultationCommentFactory

pytestmark = pytest.mark.django_db


def test_a_comment_after_the_deadline_is_refused_but_one_received_before_counts(closed_consultation):
    with pytest.raises(ConsultationClosed):
        comment_submit(consultation=closed_consultation, **VALID_COMMENT)

    by_post = comment_submit(
        consultation=closed_consultation,
        received_at=closed_consultation.comment_deadline - datetime.timedelta(hours=2),
        **VALID_COMMENT,
    )
    assert by_post.status == CommentStatus.PENDING


def test_the_deadline_itself_is_too_late(open_consultation, time_machine):
    time_machine.move_to(open_consultation.comment_deadline, tick=False)
    assert timezone.now() == open_consultation.comment_deadline
    with pytest.raises(ConsultationClosed):
        comment_submit(consultation=open_consultation, **VALID_COMMENT)


def test_only_the_portals_boards_may_moderate(open_consultation, boards):
    comment = ConsultationCommentFactory(consultation=open_consultation)
    for user in (boards[("tiendu", "head")], boards[("sotuphap", "contributor")]):
        with pytest.raises(CommentPermissionDenied):
            comment_publish(comment_id=comment.pk, by=user)
    assert comment_publish(comment_id=comment.pk, by=boards[("sotuphap", "member")]).status == CommentStatus.PUBLISHED


def test_phone_alone_is_enough_and_a_bad_phone_is_refused():
    base = {**VALID_COMMENT, "commenter_email": ""}
    assert comment_intake_errors(**base) == {}
    assert set(comment_intake_errors(**{**base, "commenter_phone": "12ab"})) == {"commenter_phone"}
