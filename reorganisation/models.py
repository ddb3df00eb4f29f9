"""What a reorganisation plan did, kept for reports and for the order of later plans."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReorganisationStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled")
    APPLIED = "applied", _("applied")


class Reorganisation(models.Model):
    """One plan: its legal basis and the date it takes effect.

    A plan dated in the future is stored ``scheduled`` with its text: its new units are
    provisioned at once (the successor's board can prepare), everything that depends on
    the date (archiving, the boards' grants, questions in flight, carried sections and
    their redirects, renames and moves) runs on the date (``reorganise_due``).
    """

    effective_date = models.DateField(_("effective date"), db_index=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255)
    plan_name = models.CharField(_("plan file"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ReorganisationStatus.choices,
                              default=ReorganisationStatus.APPLIED, db_index=True)
    plan_text = models.TextField(_("plan"), blank=True)
    provisioned = models.JSONField(_("units provisioned ahead"), default=list, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True, null=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    class Meta:
        verbose_name = _("reorganisation")
        verbose_name_plural = _("reorganisations")
        ordering = ["effective_date", "pk"]

    def __str__(self) -> str:
        return f"{self.legal_basis} ({self.effective_date:%d/%m/%Y})"


class Succession(models.Model):
    """A unit that ended on ``effective_date``; ``successor`` took its work (none if retired)."""

    reorganisation = models.ForeignKey(Reorganisation, on_delete=models.CASCADE, related_name="successions")
    operation = models.CharField(_("operation"), max_length=20)
    predecessor = models.ForeignKey("tenants.Unit", on_delete=models.PROTECT, related_name="+")
    successor = models.ForeignKey("tenants.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    effective_date = models.DateField(_("effective date"))

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        constraints = [
            models.UniqueConstraint(fields=["predecessor"], name="one_succession_per_predecessor"),
        ]
