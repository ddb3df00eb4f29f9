"""What the compliance app stores: the boards' recommendations for a report (Điều 15.2)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from compliance.periods import validate_period


class ReportRecommendation(models.Model):
    """Free text for the report's "3. Kiến nghị, đề xuất", written by the unit's board."""

    unit = models.ForeignKey(
        "tenants.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="report_recommendations"
    )
    period = models.CharField(
        _("reporting period"), max_length=7, validators=[validate_period], help_text=_("e.g. 2026-H1, 2026-H2 or 2026")
    )
    text = models.TextField(_("recommendation"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("report recommendation")
        verbose_name_plural = _("report recommendations")
        ordering = ["unit", "period", "created_at", "pk"]
        indexes = [models.Index(fields=["unit", "period"])]

    def __str__(self) -> str:
        return f"{self.unit} – {self.period}"
