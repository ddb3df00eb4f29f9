"""A consultation comment: one person's comment on a draft (cms.ConsultationPage).

The commenter's e-mail and phone are personal data: they reach the board that
moderates and the drafting agency (the export), never the public page or the API.
Nothing is shown publicly before the board publishes it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", pgettext_lazy("consultation comment", "Published")
    REJECTED = "rejected", pgettext_lazy("consultation comment", "Rejected")


class ConsultationComment(models.Model):
    consultation = models.ForeignKey(
        "cms.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="consultation_comments",
    )
    commenter_name = models.CharField(_("commenter's full name"), max_length=200)
    commenter_email = models.EmailField(_("commenter's e-mail"), blank=True)
    commenter_phone = models.CharField(_("commenter's phone"), max_length=20, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    content = models.TextField(pgettext_lazy("consultation comment", "comment"))

    status = models.CharField(
        _("status"), max_length=20, choices=CommentStatus.choices, default=CommentStatus.PENDING, db_index=True
    )
    moderation_note = models.TextField(_("moderation note"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    created_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    # A keyed hash, not the address: lets a board see that many comments came from one
    # source without keeping a personal identifier (empty for comments entered by staff).
    client_ip_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("consultation comment")
        verbose_name_plural = _("consultation comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["consultation", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(commenter_phone="", commenter_email=""),
                name="consultation_comment_commenter_reachable",
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending") | models.Q(moderated_at__isnull=False),
                name="consultation_comment_moderated_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commenter_name} – {self.consultation_id}"

    @property
    def public_author(self) -> str:
        """What the public sees of the commenter: the name and organisation only."""
        return f"{self.commenter_name} ({self.organisation})" if self.organisation else self.commenter_name
