"""Leaders' work schedule (Điều 8.1.c): one page per week, entries by day and time."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page

from cms.models.base import PortalPage


class WorkSchedulePage(PortalPage):
    mandate_item = "8.1.c"
    week_start = models.DateField(_("week starting (Monday)"))

    content_panels = Page.content_panels + [FieldPanel("week_start"), InlinePanel("entries", label=_("entry"))]
    api_fields = PortalPage.api_fields + [APIField("week_start"), APIField("entries")]
    parent_page_types = ["cms.DirectionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("leaders' work schedule")

    def clean(self):
        super().clean()
        if self.week_start and self.week_start.weekday() != 0:
            raise ValidationError({"week_start": _("A week starts on a Monday.")})

    def week_days(self):
        """The week view: each day Monday to Sunday with its entries in time order."""
        entries = sorted(self.entries.all(), key=lambda e: (e.date, e.start_time or datetime.time.min))
        days = [self.week_start + datetime.timedelta(days=i) for i in range(7)]
        return [(day, [e for e in entries if e.date == day]) for day in days]


class WorkScheduleEntry(Orderable):
    page = ParentalKey(WorkSchedulePage, on_delete=models.CASCADE, related_name="entries")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("time"), null=True, blank=True)
    leader = models.CharField(_("leader"), max_length=255)
    content = models.TextField(_("content"))
    place = models.CharField(_("place"), max_length=255, blank=True)

    panels = [FieldPanel("date"), FieldPanel("start_time"), FieldPanel("leader"), FieldPanel("content"), FieldPanel("place")]
    api_fields = [APIField("date"), APIField("start_time"), APIField("leader"), APIField("content"), APIField("place")]

    class Meta(Orderable.Meta):
        verbose_name = _("schedule entry")
