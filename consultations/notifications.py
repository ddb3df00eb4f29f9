"""E-mails about consultation comments.

Sent once the transaction that stored the comment has committed, through Q&A's
``mail_send_safely``: a failing mail server is logged, never raised, so a comment is
never lost because a mail could not be sent.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consultations.models import ConsultationComment
from qa.notifications import board_emails, mail_send_safely


def _admin_url(comment: ConsultationComment) -> str:
    path = reverse("consultations_admin:detail", args=[comment.consultation_id])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def comment_received_notify(*, comment_id: int) -> None:
    """Send the comment to the receiving agency (Điều 11.3.g: comments go to the
    drafting agency) and tell the portal's board one awaits moderation."""
    comment = ConsultationComment.objects.select_related("consultation").get(pk=comment_id)
    consultation = comment.consultation
    with translation.override(settings.LANGUAGE_CODE):
        contact = ", ".join(part for part in (comment.commenter_email, comment.commenter_phone) if part)
        mail_send_safely(
            subject=_("New comment on the draft: %(draft)s") % {"draft": consultation.draft_name},
            body=_("From: %(author)s (%(contact)s)\nReceived at: %(received)s\n\n%(content)s")
            % {
                "author": comment.public_author,
                "contact": contact,
                "received": timezone.localtime(comment.created_at).strftime("%H:%M %d/%m/%Y"),
                "content": comment.content,
            },
            to=[consultation.receiving_email],
            context=f"consultation comment {comment.pk} agency",
        )
        if consultation.unit_id:
            mail_send_safely(
                subject=_("A comment on %(draft)s awaits moderation") % {"draft": consultation.draft_name},
                body=_admin_url(comment),
                to=board_emails(unit_id=consultation.unit_id),
                context=f"consultation comment {comment.pk} board",
            )
