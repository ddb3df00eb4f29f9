"""A petition (phản ánh, kiến nghị): a citizen's question to an agency, and its answer.

The sender's details (name, address, phone, e-mail) are personal data: the public
sees at most the name, and only once the answer is published and the sender did
not ask to stay anonymous; boards see them only for the petitions of their agency
(``qa.permissions``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from intake.tracking import (  # noqa: F401  (the codes are intake's; named here for Q&A's modules)
    TRACKING_CODE_ALPHABET,
    TRACKING_CODE_LENGTH,
    TrackedSubmission,
    tracking_code_new,
    tracking_code_normalise,
)
from qa.rules import Competence
from uploads.storage import private_storage

class PetitionStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    CLASSIFIED = "classified", _("Classified")
    FORWARDED = "forwarded", _("Forwarded")
    ANSWERED = "answered", _("Answered")
    PUBLISHED = "published", pgettext_lazy("petition", "Published")
    REFUSED = "refused", _("Refused")


# Statuses still waiting for an answer: these can become overdue.
OPEN_STATUSES = (PetitionStatus.RECEIVED, PetitionStatus.CLASSIFIED, PetitionStatus.FORWARDED)


class Petition(TrackedSubmission):
    # tracking_code, received_at, due_date, answered_at: intake.tracking.TrackedSubmission
    OPEN_STATUSES = OPEN_STATUSES

    agency = models.ForeignKey(
        "tenants.Unit",
        verbose_name=_("receiving agency"),
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    sender_name = models.CharField(_("sender's full name"), max_length=200)
    sender_address = models.CharField(_("sender's address"), max_length=300)
    sender_phone = models.CharField(_("sender's phone"), max_length=20, blank=True)
    sender_email = models.EmailField(_("sender's e-mail"), blank=True)
    # The language the sender wrote in (the form's or the API request's): a question in
    # English is answered in English too (Điều 8.2.d, translations.answers).
    language = models.CharField(
        _("sender's language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE, editable=False
    )
    anonymous = models.BooleanField(
        _("anonymous"), default=False, help_text=_("The sender's name is not shown with the published answer.")
    )
    subject = models.CharField(_("subject"), max_length=255)
    content = models.TextField(_("content"))
    field = models.CharField(
        _("field"), max_length=100, blank=True, help_text=_("Area of the question, e.g. land, justice.")
    )

    status = models.CharField(
        _("status"), max_length=20, choices=PetitionStatus.choices, default=PetitionStatus.RECEIVED, db_index=True
    )
    competence = models.CharField(_("competence class"), max_length=30, choices=Competence.choices, blank=True)
    classified_at = models.DateTimeField(_("classified at"), null=True, blank=True)
    classified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    answer = models.TextField(_("answer"), blank=True)
    answered_by_name = models.CharField(
        _("answered by"), max_length=200, blank=True, help_text=_("The leader of the agency who gives the answer.")
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    refused_at = models.DateTimeField(_("refused at"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-received_at"]
        # Held by the document-management system's service account only (qa.dms): it
        # answers for any agency without being on a board, so without page rights.
        permissions = [("answer_from_dms", _("Can record answers coming from the document-management system"))]
        indexes = [
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["status", "due_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(sender_phone="", sender_email=""),
                name="petition_sender_reachable",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["answered", "published"])
                | (models.Q(answered_at__isnull=False) & ~models.Q(answer="")),
                name="petition_answered_has_answer",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="petition_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} – {self.subject}"

    def shown_in(self, language: str | None) -> tuple[str, str]:
        """(subject, answer) for a reader of ``language``: in English once its translation
        is published (translations.AnswerTranslation), else the Vietnamese original."""
        if language and language != settings.LANGUAGE_CODE:
            # The reverse one-to-one raises an AttributeError subclass when absent.
            translated = getattr(self, "answer_translation", None)
            if translated is not None and translated.completed_at is not None:
                return translated.subject or self.subject, translated.answer
        return self.subject, self.answer

    def shown_signature(self, language: str | None) -> str:
        """Who signed the answer, for a reader of ``language``: the English signature
        once the English answer is published (issue #19 item 4), else the Vietnamese."""
        if language and language != settings.LANGUAGE_CODE:
            translated = getattr(self, "answer_translation", None)
            if translated is not None and translated.completed_at is not None and translated.signature:
                return translated.signature
        return self.answered_by_name

    @property
    def public_sender_name(self) -> str:
        return str(_("Anonymous")) if self.anonymous else self.sender_name

    @property
    def answered_on_time(self) -> bool | None:
        if self.answered_at is None:
            return None
        return timezone.localdate(self.answered_at) <= self.due_date


class PetitionForwarding(models.Model):
    """One hand-over of a petition to another agency; the history is never rewritten."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="forwardings")
    from_agency = models.ForeignKey("tenants.Unit", verbose_name=_("from"), on_delete=models.PROTECT, related_name="+")
    to_agency = models.ForeignKey("tenants.Unit", verbose_name=_("to"), on_delete=models.PROTECT, related_name="+")
    forwarded_at = models.DateTimeField(_("forwarded at"), default=timezone.now)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("forwarding")
        verbose_name_plural = _("forwardings")
        ordering = ["forwarded_at", "pk"]


def attachment_path(instance: PetitionAttachment, filename: str) -> str:
    # A random folder: attachments carry personal data, so their URL must not be
    # guessable even where media files are served without a permission check.
    return f"qa/{uuid.uuid4().hex}/{filename}"


class PetitionAttachment(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    # Personal data: the private storage (never served under MEDIA_URL, signed URLs on
    # S3); boards download it through qa.admin_views.petition_attachment only.
    file = models.FileField(_("file"), upload_to=attachment_path, storage=private_storage, max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name
