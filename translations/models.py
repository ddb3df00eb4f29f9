"""Per-portal mirror configuration and the record of each mirroring obligation.

``TranslationTask`` is one obligation of Điều 8.2.d: a Vietnamese page of a portal was
published and its English translation is due ``due_date`` (2 working days later). Its
status (due, overdue, done) is derived from ``completed_at`` and the date, never
stored, so it cannot go stale overnight.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from translations.forms import MirrorSettingsForm
from translations.rules import MIRRORABLE_PAGE_TYPES, mirror_page_types_default


@register_setting(icon="globe")
class MirrorSettings(BaseSiteSetting):
    """Which page types of this portal must have an English mirror (Điều 8.2.d).

    ``page_types`` empty (null) means "what the law asks of this portal": the
    introduction and officials' contacts on the provincial portal, nothing elsewhere.
    """

    page_types = models.JSONField(
        _("page types to mirror in English"),
        null=True,
        blank=True,
        help_text=_("Leave unchanged to follow Điều 8.2.d (the provincial portal: introduction and contacts)."),
    )

    # Boards tick page types (translations.forms) instead of typing JSON.
    base_form_class = MirrorSettingsForm
    panels = [FieldPanel("mirrored")]

    class Meta:
        verbose_name = _("foreign-language mirror")

    def get_page_types(self) -> list[str]:
        """Model labels (``cms.introductionpage``) of the page types to mirror."""
        if self.page_types is not None:
            return [label for label in self.page_types if label in MIRRORABLE_PAGE_TYPES]
        unit = getattr(self.site, "unit", None) if self.site_id else None
        return mirror_page_types_default(unit_kind=unit.kind if unit else None)


class TranslationTaskStatus(models.TextChoices):
    DUE = "due", _("Due")
    OVERDUE = "overdue", _("Overdue")
    DONE = "done", _("Done")


class TranslationTaskQuerySet(models.QuerySet):
    def with_status(self, today: datetime.date | None = None):
        """Annotate ``current_status`` (due/overdue/done) as of ``today``."""
        today = today or timezone.localdate()
        return self.annotate(
            current_status=Case(
                When(completed_at__isnull=False, then=Value(TranslationTaskStatus.DONE)),
                When(due_date__lt=today, then=Value(TranslationTaskStatus.OVERDUE)),
                default=Value(TranslationTaskStatus.DUE),
                output_field=models.CharField(),
            )
        )

    def open(self):
        return self.filter(completed_at__isnull=True)


class TranslationTask(models.Model):
    """One page of one portal to be mirrored into one locale, and by when."""

    unit = models.ForeignKey(
        "tenants.Unit", verbose_name=_("portal"), on_delete=models.CASCADE, related_name="translation_tasks"
    )
    source_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("Vietnamese page"), on_delete=models.CASCADE, related_name="+"
    )
    locale = models.ForeignKey("wagtailcore.Locale", verbose_name=_("language"), on_delete=models.PROTECT, related_name="+")
    translation = models.ForeignKey(
        "wagtail_localize.Translation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("Vietnamese version published at"))
    source_updated_at = models.DateTimeField(_("Vietnamese version last updated at"))
    due_date = models.DateField(_("due date"))
    completed_at = models.DateTimeField(_("translation published at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TranslationTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("translation task")
        verbose_name_plural = _("translation tasks")
        ordering = ["due_date", "pk"]
        constraints = [
            # A republished Vietnamese page keeps the open obligation (and its earlier
            # deadline) rather than opening a second one.
            models.UniqueConstraint(
                fields=["source_page", "locale"],
                condition=Q(completed_at__isnull=True),
                name="one_open_translation_task_per_page_locale",
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(completed_at__gte=models.F("published_at")),
                name="translation_task_completed_after_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_page} → {self.locale} ({self.due_date})"

    def status(self, today: datetime.date | None = None) -> str:
        if self.completed_at:
            return TranslationTaskStatus.DONE
        if self.due_date < (today or timezone.localdate()):
            return TranslationTaskStatus.OVERDUE
        return TranslationTaskStatus.DUE

    @property
    def on_time(self) -> bool | None:
        """Done by the due date (None while open): what the compliance report counts."""
        if not self.completed_at:
            return None
        return timezone.localdate(self.completed_at) <= self.due_date


class AnswerTranslationQuerySet(TranslationTaskQuerySet):
    pass


class AnswerTranslation(models.Model):
    """The English version of a Q&A answer to a sender who wrote in English (Điều 8.2.d).

    Opened when the Vietnamese answer is published; due 2 working days later, like a
    page of the mirror. ``answer`` stays empty until the translator finishes it, and
    only a finished translation is shown to the public.
    """

    petition = models.OneToOneField(
        "qa.Petition", verbose_name=_("question"), on_delete=models.CASCADE, related_name="answer_translation"
    )
    unit = models.ForeignKey(
        "tenants.Unit", verbose_name=_("portal"), on_delete=models.CASCADE, related_name="answer_translations"
    )
    locale = models.ForeignKey("wagtailcore.Locale", verbose_name=_("language"), on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(_("subject in English"), max_length=255, blank=True)
    answer = models.TextField(_("answer in English"), blank=True)
    # Issue #19 item 4: the English answer is signed in English (the signer's title too).
    signature = models.CharField(
        _("signature in English"), max_length=200, blank=True,
        help_text=_("The signer's name and title in English, e.g. “Nguyen Van A, Director of the Department of Justice”."),
    )
    published_at = models.DateTimeField(_("Vietnamese answer published at"))
    due_date = models.DateField(_("due date"))
    completed_at = models.DateTimeField(_("translation published at"), null=True, blank=True)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("translated by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AnswerTranslationQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer translation")
        verbose_name_plural = _("answer translations")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | ~Q(answer=""),
                name="answer_translation_completed_has_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.petition} → {self.locale} ({self.due_date})"

    status = TranslationTask.status
    on_time = TranslationTask.on_time
