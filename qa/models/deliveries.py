"""Hand-over of accepted petitions to the province's document-management system (DMS).

Điều 13 ties Q&A to the document-management and work-handling system: every accepted
petition is sent there as a signed webhook (``qa.dms``). One row per petition records
that hand-over, so a DMS outage delays it but never loses it: the row is written in the
same transaction as the petition, and retried with growing delays until delivered.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DmsDelivery(models.Model):
    petition = models.OneToOneField(
        "qa.Petition", verbose_name=_("petition"), on_delete=models.CASCADE, related_name="dms_delivery"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    # None once delivered or given up: nothing is due any more.
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True, db_index=True)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("DMS delivery")
        verbose_name_plural = _("DMS deliveries")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(delivered_at__isnull=True) | models.Q(next_attempt_at__isnull=True),
                name="dms_delivery_delivered_not_due",
            ),
        ]

    def __str__(self) -> str:
        return f"DMS delivery of petition {self.petition_id}"

    @property
    def given_up(self) -> bool:
        return self.delivered_at is None and self.next_attempt_at is None
