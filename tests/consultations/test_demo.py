"""``consultations_demo_seed`` comments the demo's open and closed consultations, once."""

import pytest
from django.core import mail
from django.utils import timezone

from cms.models import ConsultationPage
from consultations.models import CommentStatus, ConsultationComment
from demo.cms import Seeder
from demo.consultations import consultations_demo_seed

pytestmark = pytest.mark.django_db


def test_demo_gives_the_open_and_the_closed_consultation_published_and_pending_comments(portals):
    Seeder(portals.units["sotuphap"], timezone.localdate()).consultations()  # as cms_demo_seed does
    consultations = list(ConsultationPage.objects.live().filter(unit=portals.units["sotuphap"]))
    assert sorted(c.is_open for c in consultations) == [False, True]

    created = consultations_demo_seed()

    assert created == ConsultationComment.objects.count() > 0
    for consultation in consultations:
        comments = ConsultationComment.objects.filter(consultation=consultation)
        statuses = set(comments.values_list("status", flat=True))
        assert {CommentStatus.PUBLISHED, CommentStatus.PENDING} <= statuses
        # Every comment arrived before the deadline, as real ones must.
        assert all(c.created_at < consultation.comment_deadline for c in comments)
    assert mail.outbox == []  # the demo's notifications are discarded
    assert consultations_demo_seed() == 0
