"""Điều 13 of Decision 96/QĐ-UBND: what Q&A accepts and how fast it must answer.

Everything the decision fixes about questions and petitions (phản ánh, kiến nghị)
lives here, next to the article, and nowhere else: the answer deadlines, what is not
accepted, and the messages that tell a sender why. The API serializer, the portal
form and ``petition_submit`` all ask :func:`petition_intake_errors`, so a refusal
reads the same wherever it is made. Messages are constants the tests import.
"""

from __future__ import annotations

import re
import unicodedata

from django.db import models
from django.utils.translation import gettext_lazy as _

# Which agency a question is for: shared with information requests (the API's "agency").
from intake.agency import MESSAGE_AGENCY_MISSING, MESSAGE_AGENCY_UNKNOWN  # noqa: F401

# The sender's name and contact: the checks and messages every intake shares.
# Moved to intake; remove after merge (re-exported for branches written against qa's engine).
from intake.contact import (
    MESSAGE_EMAIL_INVALID,
    MESSAGE_PHONE_INVALID,
    MESSAGE_SENDER_CONTACT_MISSING,
    MESSAGE_SENDER_NAME_MISSING,
    PHONE_DIGITS,
    PHONE_PATTERN,
    contact_errors,
    errors_merge,
    phone_is_valid,
)
from uploads import sniffing
from uploads.validation import upload_errors


class Competence(models.TextChoices):
    """How the receiving agency classifies a petition, which sets its deadline."""

    WITHIN_COMPETENCE = "within_competence", _("Within the agency's competence")
    INTER_AGENCY = "inter_agency", _("Needs several agencies to coordinate")
    SPECIAL_APPOINTMENT = "special_appointment", _("Special case, answered by appointment")


# Điều 13: the answer is due within 5 working days when the matter is within the
# agency's competence, 7 when several agencies must coordinate; a special case is
# given an appointment of at most 10 working days from receipt.
ANSWER_WORKING_DAYS: dict[str, int] = {
    Competence.WITHIN_COMPETENCE: 5,
    Competence.INTER_AGENCY: 7,
    Competence.SPECIAL_APPOINTMENT: 10,
}
# Until the board classifies it, a petition is due as if within competence, so that
# none escapes the overdue tracking while it waits to be classified.
DEFAULT_COMPETENCE = Competence.WITHIN_COMPETENCE

# Điều 13: "unclear content" is not accepted. A question shorter than this many words
# (Vietnamese syllables count as words) cannot be understood without asking back.
CONTENT_MIN_WORDS = 10

# Điều 13: complaints and denunciations (khiếu nại, tố cáo) follow the Law on
# Complaints and the Law on Denunciations, not Q&A. Matched as whole words with their
# diacritics, or typed without any (a common habit on phones); "tô cao" and other
# words that only lose their marks to "to cao" are not matched.
COMPLAINT_PATTERN = re.compile(r"(?<!\w)(khiếu\s+nại|tố\s+cáo|khieu\s+nai|to\s+cao)(?!\w)", re.IGNORECASE)

# Platform limits on attachments (not set by the decision): documents and scans only.
ATTACHMENT_EXTENSIONS = ("pdf", "jpg", "jpeg", "png", "doc", "docx", "odt")
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
ATTACHMENT_MAX_COUNT = 3
ATTACHMENT_KINDS = frozenset({sniffing.PDF, sniffing.JPEG, sniffing.PNG, sniffing.DOC, sniffing.DOCX, sniffing.ODT})

# The fields petition_intake_errors judges, in the order a form shows them.
INTAKE_FIELDS = ("sender_name", "sender_address", "sender_phone", "sender_email", "subject", "content")

MESSAGE_SENDER_ADDRESS_MISSING = _("Please enter the sender's address.")
MESSAGE_SUBJECT_MISSING = _("Please enter the subject of your question.")
MESSAGE_CONTENT_TOO_SHORT = _(
    "The question is too short to be understood: please describe it in at least %(words)s words."
)
MESSAGE_COMPLAINT = _(
    "Complaints and denunciations are not received through Q&A: they are settled under "
    "the Law on Complaints and the Law on Denunciations. Please send them to the "
    "competent agency following that procedure."
)
MESSAGE_RATE_LIMITED = _("Too many questions have been sent from your connection. Please try again later.")
MESSAGE_ATTACHMENT_TYPE = _("Only these file types can be attached: %(types)s.")
MESSAGE_ATTACHMENT_SIZE = _("Each attached file must be at most %(megabytes)s MB.")
MESSAGE_ATTACHMENT_COUNT = _("At most %(count)s files can be attached.")


def is_complaint(text: str) -> bool:
    """True if ``text`` names a complaint or denunciation (khiếu nại, tố cáo)."""
    return bool(COMPLAINT_PATTERN.search(unicodedata.normalize("NFC", text or "")))


def word_count(text: str) -> int:
    return sum(1 for token in (text or "").split() if any(ch.isalpha() for ch in token))


def petition_intake_errors(
    *,
    sender_name: str,
    sender_address: str,
    sender_phone: str,
    sender_email: str,
    subject: str,
    content: str,
) -> dict[str, list[str]]:
    """Field name → reasons the petition cannot be accepted (empty if it can)."""
    errors: dict[str, list[str]] = {}

    def refuse(field: str, message) -> None:
        errors.setdefault(field, []).append(str(message))

    if not (sender_name or "").strip():
        refuse("sender_name", MESSAGE_SENDER_NAME_MISSING)
    if not (sender_address or "").strip():
        refuse("sender_address", MESSAGE_SENDER_ADDRESS_MISSING)
    errors_merge(
        errors,
        contact_errors(phone=sender_phone, email=sender_email, phone_field="sender_phone", email_field="sender_email"),
    )
    if not (subject or "").strip():
        refuse("subject", MESSAGE_SUBJECT_MISSING)
    if word_count(content) < CONTENT_MIN_WORDS:
        refuse("content", MESSAGE_CONTENT_TOO_SHORT % {"words": CONTENT_MIN_WORDS})
    for field, text in (("subject", subject), ("content", content)):
        if is_complaint(text):
            refuse(field, MESSAGE_COMPLAINT)
    return errors


def attachment_errors(files) -> list[str]:
    """Reasons a list of uploaded files cannot be attached (empty if they can)."""
    errors = []
    if len(files) > ATTACHMENT_MAX_COUNT:
        errors.append(str(MESSAGE_ATTACHMENT_COUNT % {"count": ATTACHMENT_MAX_COUNT}))
    for upload in files:
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in ATTACHMENT_EXTENSIONS:
            errors.append(str(MESSAGE_ATTACHMENT_TYPE % {"types": ", ".join(ATTACHMENT_EXTENSIONS)}))
        if upload.size > ATTACHMENT_MAX_BYTES:
            errors.append(str(MESSAGE_ATTACHMENT_SIZE % {"megabytes": ATTACHMENT_MAX_BYTES // (1024 * 1024)}))
        elif extension in ATTACHMENT_EXTENSIONS:
            # The name is the sender's to choose: the content decides (a program or a web
            # page renamed ".pdf" is refused like any upload, uploads.validation).
            errors.extend(upload_errors(upload, allowed=ATTACHMENT_KINDS, max_size=ATTACHMENT_MAX_BYTES))
    return list(dict.fromkeys(errors))
