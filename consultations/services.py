"""Writing consultation comments: intake from the public, moderation by the board.

Services take ids and keyword-only arguments, check the rules
(``consultations.rules``) and the user's right (``consultations.permissions``), write
in one transaction and send mail only after it has committed.
"""

from __future__ import annotations

import datetime
from functools import partial

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caching.services import cache_purge_for_page
from cms.models import ConsultationPage
from cms.models.base import portal_unit_id_for
from consultations import notifications
from consultations.models import CommentStatus, ConsultationComment
from consultations.permissions import moderation_check
from consultations.rules import closed_message, comment_intake_errors, consultation_accepts_comments
from tenants.archive import unit_id_archived_refusal
from vietnamese.text import clean_vietnamese_text

MESSAGE_REASON_MISSING = _("Please give the reason for rejecting the comment.")

# The arguments of comment_submit a commenter fills in (the portal form, the API).
COMMENTER_FIELDS = ("commenter_name", "commenter_email", "commenter_phone", "organisation", "content")


class CommentNotAccepted(ValidationError):
    """The comment breaks a rule of ``consultations.rules``; ``message_dict`` says which field."""


class ConsultationClosed(Exception):
    """The comment deadline has passed; ``message`` says since when."""

    def __init__(self, consultation: ConsultationPage):
        self.consultation = consultation
        self.message = closed_message(consultation)
        super().__init__(self.message)


def comment_submit(
    *,
    consultation: ConsultationPage,
    commenter_name: str,
    content: str,
    commenter_email: str = "",
    commenter_phone: str = "",
    organisation: str = "",
    client_ip_hash: str = "",
    received_at: datetime.datetime | None = None,
) -> ConsultationComment:
    """Store a comment awaiting moderation and send it to the receiving agency.

    ``received_at`` is for comments that arrived by post or e-mail and are entered by
    staff: such a comment counts if it was received before the deadline.
    """
    received_at = received_at or timezone.now()
    # Issue #21: an archived portal takes no new comments.
    if refusal := unit_id_archived_refusal(portal_unit_id_for(consultation)):
        raise CommentNotAccepted({NON_FIELD_ERRORS: [refusal]})
    if not consultation_accepts_comments(consultation, at=received_at):
        raise ConsultationClosed(consultation)
    texts = dict(
        commenter_name=commenter_name,
        commenter_email=commenter_email,
        commenter_phone=commenter_phone,
        organisation=organisation,
        content=content,
    )
    if errors := comment_intake_errors(**texts):
        raise CommentNotAccepted(errors)
    texts = {name: clean_vietnamese_text((value or "").strip()) for name, value in texts.items()}
    with transaction.atomic():
        comment = ConsultationComment.objects.create(
            consultation=consultation, client_ip_hash=client_ip_hash, created_at=received_at, **texts
        )
        transaction.on_commit(partial(notifications.comment_received_notify, comment_id=comment.pk))
    return comment


def _moderate(*, comment_id: int, by, status: str, note: str) -> ConsultationComment:
    comment = ConsultationComment.objects.select_for_update().select_related("consultation").get(pk=comment_id)
    moderation_check(user=by, consultation=comment.consultation)
    comment.status = status
    comment.moderation_note = note
    comment.moderated_by = by
    comment.moderated_at = timezone.now()
    comment.save(update_fields=["status", "moderation_note", "moderated_by", "moderated_at"])
    # The public page lists the published comments: drop its cached copies.
    cache_purge_for_page(page=comment.consultation)
    return comment


@transaction.atomic
def comment_publish(*, comment_id: int, by, note: str = "") -> ConsultationComment:
    """Show the comment on the consultation's page and in the API (also after a rejection)."""
    note = clean_vietnamese_text((note or "").strip())
    return _moderate(comment_id=comment_id, by=by, status=CommentStatus.PUBLISHED, note=note)


@transaction.atomic
def comment_reject(*, comment_id: int, by, note: str) -> ConsultationComment:
    """Keep the comment out of public view (it still reaches the drafting agency's export)."""
    # The right first: someone who may not moderate learns nothing from the reason's check.
    consultation = ConsultationPage.objects.filter(consultation_comments__pk=comment_id).first()
    if consultation is not None:
        moderation_check(user=by, consultation=consultation)
    note = clean_vietnamese_text((note or "").strip())
    if not note:
        raise ValidationError({"note": [MESSAGE_REASON_MISSING]})
    return _moderate(comment_id=comment_id, by=by, status=CommentStatus.REJECTED, note=note)
