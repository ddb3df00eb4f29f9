"""Items of the provincial portal only: science programmes (Điều 8.2.b) and
statistics releases (8.2.c). The gazette (8.2.a) sits with legal documents."""

import csv
import io

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.models.base import PortalPage, ProvincialOnlyMixin, SectionIndexPage

# Rows shown per data table on the page; the full file stays downloadable.
DATA_TABLE_MAX_ROWS = 200


class ScienceProgrammeStatus(models.TextChoices):
    APPROVED = "approved", _("Approved")
    IN_PROGRESS = "in_progress", _("In progress")
    ACCEPTED = "accepted", _("Accepted")
    CANCELLED = "cancelled", _("Cancelled")


class ManagementLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    GRASSROOTS = "grassroots", _("Grassroots")


class ScienceProgrammeIndexPage(ProvincialOnlyMixin, SectionIndexPage):
    mandate_item = "8.2.b"
    subpage_types = ["cms.ScienceProgrammePage"]

    class Meta:
        verbose_name = _("science programmes section")


class ScienceProgrammePage(PortalPage):
    mandate_item = "8.2.b"
    code = models.CharField(_("code"), max_length=50)
    management_level = models.CharField(_("management level"), max_length=20, choices=ManagementLevel.choices)
    field = models.CharField(_("field"), max_length=255)
    host_unit = models.CharField(_("host unit"), max_length=255)
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ScienceProgrammeStatus.choices,
                              default=ScienceProgrammeStatus.APPROVED)
    results = RichTextField(_("results after acceptance"), blank=True)
    summary_report = models.ForeignKey("wagtaildocs.Document", verbose_name=_("summary report"), null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+")
    application_report = models.ForeignKey("wagtaildocs.Document", verbose_name=_("application report"), null=True,
                                           blank=True, on_delete=models.SET_NULL, related_name="+")

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("code"), FieldPanel("management_level"), FieldPanel("field"), FieldPanel("host_unit"),
                         FieldPanel("period_start"), FieldPanel("period_end"), FieldPanel("status")],
                        heading=_("Programme")),
        MultiFieldPanel([FieldPanel("results"), FieldPanel("summary_report"), FieldPanel("application_report")],
                        heading=_("After acceptance")),
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("code", boost=3), index.SearchField("results"), index.SearchField("host_unit"),
        index.FilterField("status"), index.FilterField("field"), index.FilterField("management_level"),
    ]
    api_fields = PortalPage.api_fields + [
        APIField("code"), APIField("management_level"), APIField("field"), APIField("host_unit"),
        APIField("period_start"), APIField("period_end"), APIField("status"), APIField("results"),
        APIField("summary_report"), APIField("application_report"),
    ]
    parent_page_types = ["cms.ScienceProgrammeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("science programme")


class StatisticsIndexPage(ProvincialOnlyMixin, SectionIndexPage):
    mandate_item = "8.2.c"
    subpage_types = ["cms.StatisticsReleasePage"]

    class Meta:
        verbose_name = _("statistics section")


class StatisticsReleasePage(PortalPage):
    mandate_item = "8.2.c"
    survey_period_start = models.DateField(_("survey period from"), null=True, blank=True)
    survey_period_end = models.DateField(_("survey period to"), null=True, blank=True)
    method = RichTextField(_("method"), blank=True)
    analysis = RichTextField(_("analysis"), blank=True)
    report = models.ForeignKey("wagtaildocs.Document", verbose_name=_("report"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")

    content_panels = Page.content_panels + [
        FieldPanel("survey_period_start"), FieldPanel("survey_period_end"), FieldPanel("method"),
        FieldPanel("analysis"), FieldPanel("report"), InlinePanel("data_files", label=_("data file (CSV or XLSX)")),
    ]
    search_fields = PortalPage.search_fields + [index.SearchField("analysis"), index.SearchField("method")]
    api_fields = PortalPage.api_fields + [
        APIField("survey_period_start"), APIField("survey_period_end"), APIField("method"), APIField("analysis"),
        APIField("report"), APIField("data_files"),
    ]
    parent_page_types = ["cms.StatisticsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("statistics release")


class StatisticsDataFile(Orderable):
    page = ParentalKey(StatisticsReleasePage, on_delete=models.CASCADE, related_name="data_files")
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("file"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]
    api_fields = [APIField("title"), APIField("document"), APIField("table")]

    @property
    def table(self) -> list[list[str]]:
        """The file's first sheet as rows of strings (CSV or XLSX), for display."""
        return data_table_rows(self.document)


def data_table_rows(document, *, limit: int | None = DATA_TABLE_MAX_ROWS) -> list[list[str]]:
    """The file's first sheet as rows of strings; ``limit=None`` for the whole table (the
    open-data downloads, issue #22 item 4)."""
    extension = document.file_extension.lower()
    with document.open_file() as handle:
        raw = handle.read()
    if extension == "csv":
        text = raw.decode("utf-8-sig", errors="replace")
        rows = list(csv.reader(io.StringIO(text)))
    elif extension == "xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(raw), read_only=True, data_only=True).worksheets[0]
        rows = [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    else:
        return []
    return rows if limit is None else rows[:limit]
