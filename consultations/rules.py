"""What a consultation comment must contain, and until when one is accepted.

Điều 8.1.h asks for a form to send a comment on each draft until its comment
deadline; the deadline itself is a field of the consultation (``comment_deadline``,
``ConsultationPage.is_open``). The portal form, the API serializer and
``comment_submit`` all ask :func:`comment_intake_errors`, so a refusal reads the same
everywhere. The checks and messages about the commenter are every intake's
(``intake.contact``): the same person, the same wording, already translated.
"""

from __future__ import annotations

import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from intake.contact import MESSAGE_SENDER_NAME_MISSING, contact_errors, errors_merge

# Platform limits (not set by the decision): a comment is a text, not a document dump.
CONTENT_MAX_CHARS = 20_000

# The fields comment_intake_errors judges, in the order the form shows them.
INTAKE_FIELDS = ("commenter_name", "commenter_email", "commenter_phone", "organisation", "content")

MESSAGE_CONTENT_MISSING = _("Please enter your comment on the draft.")
MESSAGE_CONTENT_TOO_LONG = _("The comment is too long: at most %(count)s characters.")
MESSAGE_CLOSED = _("The time for comments on this draft ended at %(deadline)s. Comments are no longer accepted.")
MESSAGE_RATE_LIMITED = _("Too many comments have been sent from your connection. Please try again later.")
MESSAGE_RECEIVED = _("Thank you. Your comment has been received and will be published after moderation.")
MESSAGE_NOT_FOUND = _("There is no consultation with this number on this portal.")


def consultation_accepts_comments(consultation, *, at: datetime.datetime | None = None) -> bool:
    """True until the comment deadline (the deadline itself is too late)."""
    return (at or timezone.now()) < consultation.comment_deadline


def closed_message(consultation) -> str:
    deadline = timezone.localtime(consultation.comment_deadline)
    return str(MESSAGE_CLOSED % {"deadline": formats.date_format(deadline, "H:i d/m/Y")})


def comment_intake_errors(
    *, commenter_name: str, commenter_email: str, commenter_phone: str, organisation: str = "", content: str
) -> dict[str, list[str]]:
    """Field name → reasons the comment cannot be accepted (empty if it can)."""
    errors: dict[str, list[str]] = {}

    def refuse(field: str, message) -> None:
        errors.setdefault(field, []).append(str(message))

    if not (commenter_name or "").strip():
        refuse("commenter_name", MESSAGE_SENDER_NAME_MISSING)
    errors_merge(errors, contact_errors(
        phone=commenter_phone, email=commenter_email, phone_field="commenter_phone", email_field="commenter_email",
        missing_order=("commenter_email", "commenter_phone"),
    ))
    content = (content or "").strip()
    if not content:
        refuse("content", MESSAGE_CONTENT_MISSING)
    elif len(content) > CONTENT_MAX_CHARS:
        refuse("content", MESSAGE_CONTENT_TOO_LONG % {"count": CONTENT_MAX_CHARS})
    return errors
