"""Demo comments on the demo consultations (called by seed_demo after demo.cms).

``demo.cms`` gives each demo portal one consultation still open and one closed. Each
gets a few comments, some published, some awaiting moderation (and one rejected on the
closed draft), received before its deadline. A consultation that already has comments
is left alone, so running the seed again adds nothing. Comments go through the
services like real ones; the demo's e-mails are discarded.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from cms.models import ConsultationPage
from consultations.models import CommentStatus
from consultations.services import comment_publish, comment_reject, comment_submit

DEMO_ACTOR = "consultations-demo"


@dataclass(frozen=True)
class DemoComment:
    name: str
    organisation: str
    email: str
    phone: str
    content: str
    status: str


COMMENTS = (
    DemoComment(
        "Nguyễn Văn Hùng", "Công ty TNHH Phần mềm Kinh Bắc", "hung.nv@kinhbac.vn", "",
        "Đề nghị bổ sung vào Điều 5 mức hỗ trợ cụ thể cho doanh nghiệp nhỏ và vừa khi chuyển đổi "
        "hệ thống kế toán sang nền tảng số, vì dự thảo mới nêu nguyên tắc chung.",
        CommentStatus.PUBLISHED,
    ),
    DemoComment(
        "Trần Thị Lan", "", "", "0912 111 222",
        "Thời hạn thực hiện ở Chương III nên tính theo ngày làm việc để thống nhất với các văn bản "
        "hướng dẫn khác của tỉnh.",
        CommentStatus.PUBLISHED,
    ),
    DemoComment(
        "Lê Minh Tuấn", "Hội Doanh nghiệp trẻ tỉnh Bắc Ninh", "tuan.lm@example.vn", "0987 333 444",
        "Đề nghị làm rõ cơ quan chủ trì tiếp nhận hồ sơ đề nghị hỗ trợ và thời gian trả lời.",
        CommentStatus.PENDING,
    ),
    DemoComment(
        "Phạm Văn Bình", "", "binh.pv@example.vn", "",
        "Nội dung không liên quan đến dự thảo.",
        CommentStatus.REJECTED,
    ),
)
# How many of COMMENTS each consultation gets: the closed one also shows a rejection.
COMMENTS_OPEN, COMMENTS_CLOSED = 3, 4
REJECTION_NOTE = "Không liên quan đến nội dung dự thảo."


def _actor():
    user, created = get_user_model().objects.get_or_create(
        username=DEMO_ACTOR, defaults={"is_superuser": True, "email": ""}
    )
    if created:
        user.set_unusable_password()  # acts for the seed only; nobody logs in as it
        user.save()
    return user


def _received_times(consultation: ConsultationPage, count: int) -> list[datetime.datetime]:
    """Spread over the days before the deadline (or before now, if still open)."""
    end = min(consultation.comment_deadline, timezone.now()) - datetime.timedelta(hours=1)
    return [end - datetime.timedelta(days=count - index, hours=3 * index) for index in range(count)]


def consultations_demo_seed() -> int:
    """Add comments to the live consultations that have none; returns how many were added."""
    created = 0
    now = timezone.now()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), transaction.atomic():
        actor = _actor()
        for consultation in ConsultationPage.objects.live().filter(consultation_comments__isnull=True).order_by("pk"):
            count = COMMENTS_OPEN if consultation.comment_deadline > now else COMMENTS_CLOSED
            for demo, received_at in zip(COMMENTS[:count], _received_times(consultation, count)):
                comment = comment_submit(
                    consultation=consultation,
                    commenter_name=demo.name,
                    organisation=demo.organisation,
                    commenter_email=demo.email,
                    commenter_phone=demo.phone,
                    content=demo.content,
                    received_at=received_at,
                )
                if demo.status == CommentStatus.PUBLISHED:
                    comment_publish(comment_id=comment.pk, by=actor)
                elif demo.status == CommentStatus.REJECTED:
                    comment_reject(comment_id=comment.pk, by=actor, note=REJECTION_NOTE)
                created += 1
    return created
