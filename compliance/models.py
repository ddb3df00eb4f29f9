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


# --- Linking and exchange (Điều 9.4) ------------------------------------------------


class Republication(models.Model):
    """A provincial article the provincial board sent to one component portal (report row 14).

    ``target_page`` is the ``cms.RepublishedPage`` created in the component portal's
    matching section; row 14 counts the republications whose page was first published
    in the period.
    """

    source_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("source page"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_unit = models.ForeignKey(
        "tenants.Unit", verbose_name=_("receiving portal"), on_delete=models.CASCADE, related_name="republications"
    )
    target_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("republished page"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(_("marked for republication at"), auto_now_add=True)

    class Meta:
        verbose_name = _("republication")
        verbose_name_plural = _("republications")
        ordering = ["-marked_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["source_page", "target_unit"], name="one_republication_per_portal"),
        ]

    def __str__(self) -> str:
        return f"{self.source_page_id} → {self.target_unit}"


class SubmissionStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the provincial board")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Submission(models.Model):
    """An article a component portal sent up to the provincial portal (Điều 9.4)."""

    source_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("source page"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_unit = models.ForeignKey(
        "tenants.Unit", verbose_name=_("sending portal"), on_delete=models.CASCADE, related_name="submissions"
    )
    title = models.CharField(_("title"), max_length=255)
    status = models.CharField(_("status"), max_length=10, choices=SubmissionStatus.choices,
                              default=SubmissionStatus.PENDING)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason for declining"), blank=True)
    published_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page on the provincial portal"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = _("submitted article")
        verbose_name_plural = _("submitted articles")
        ordering = ["-submitted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=SubmissionStatus.DECLINED) | ~models.Q(reason=""),
                name="submission_declined_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title


# --- Archiving (Điều 10.4) ----------------------------------------------------------


class ArchivedItem(models.Model):
    """A published page kept in the archive instead of being deleted.

    The page stays in the tree, unpublished, with its revisions and files; ``revision``
    is the one that was live, which restoring publishes again. Purging (superusers
    only) deletes the page and keeps this row, with ``page_title``, as its log.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    page_title = models.CharField(_("title"), max_length=255)
    unit = models.ForeignKey(
        "tenants.Unit", verbose_name=_("portal"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    archived_at = models.DateTimeField(_("archived at"))
    restored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    restored_at = models.DateTimeField(_("restored at"), null=True, blank=True)
    purged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    purged_at = models.DateTimeField(_("purged at"), null=True, blank=True)

    class Meta:
        verbose_name = _("archived item")
        verbose_name_plural = _("archived items")
        ordering = ["-archived_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(restored_at__isnull=True) | models.Q(purged_at__isnull=True),
                name="archived_item_restored_or_purged_not_both",
            ),
        ]

    def __str__(self) -> str:
        return self.page_title

    @property
    def is_archived(self) -> bool:
        return self.restored_at is None and self.purged_at is None


# --- Updates (Điều 8.1: "kể từ thời điểm nhận được thông tin mới hoặc thay đổi") ----------


class InformationUpdate(models.Model):
    """One update of a mandated item: new or changed information that was posted.

    Điều 8.1 counts each change on its own: a page whose information changes three
    times in a half-year has three updates, each judged against its own deadline. A
    row is written when a revision carrying new information is published (a first
    publication always is; a correction the editor marks as bringing nothing new is
    not), or when a portal's contact details (8.1.l, row 1.4) are changed. The
    verdict is derived from the two dates by ``compliance.rules``, never stored, so a
    corrected holiday calendar corrects the history too.
    """

    unit = models.ForeignKey(
        "tenants.Unit", verbose_name=_("portal"), on_delete=models.CASCADE, related_name="information_updates"
    )
    # Exactly one of page (a mandated page) or site (the portal's contact details, 8.1.l).
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="information_updates",
    )
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("portal contact details"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    information_date = models.DateField(_("date the information arose"))
    published_at = models.DateTimeField(_("published at"))
    # What the information was (a digest of the published content): republishing the
    # same content again is not a new update.
    fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("information update")
        verbose_name_plural = _("information updates")
        ordering = ["published_at", "pk"]
        indexes = [
            models.Index(fields=["unit", "published_at"]),
            models.Index(fields=["page", "published_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(page__isnull=True, site__isnull=False)
                | models.Q(page__isnull=False, site__isnull=True),
                name="information_update_of_page_or_site",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.page_id or self.site_id}: {self.information_date} → {self.published_at:%Y-%m-%d}"


# --- Frozen reports (Điều 15.3: the figures as submitted) --------------------------


class FrozenReport(models.Model):
    """A submitted Điều 15 report, kept exactly as it was sent.

    ``content`` is the JSON export (every figure with the ids behind it) byte for
    byte; ``sha256`` its digest, printed on the admin screen so the receiving office
    can check a copy. A recomputation can be compared with it
    (``compliance.services.frozen_report_diff``).
    """

    unit = models.ForeignKey(
        "tenants.Unit", verbose_name=_("portal"), on_delete=models.CASCADE, related_name="frozen_reports"
    )
    period = models.CharField(_("reporting period"), max_length=7, validators=[validate_period])
    as_of = models.DateField(_("data cut-off date"))
    content = models.BinaryField(_("report (JSON)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("frozen by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    frozen_at = models.DateTimeField(_("frozen at"), auto_now_add=True)

    class Meta:
        verbose_name = _("frozen report")
        verbose_name_plural = _("frozen reports")
        ordering = ["-frozen_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.unit} – {self.period} ({self.sha256[:12]})"
