"""The open-data catalogue of each portal (issue #22 item 4; Nghị định 47/2020/NĐ-CP).

A portal's catalogue lists the statistics releases it publishes (Điều 8.2.c of Decision
96, ``cms.StatisticsReleasePage``) and the datasets its board marks open here
(``OpenDataset``). ``OpenDataCatalogue`` holds what the catalogue says of itself: its
licence and the date of its last review (``opendata.rules``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from opendata.rules import Licence, UpdateFrequency, review_due_on


class OpenDataCatalogue(models.Model):
    unit = models.OneToOneField("tenants.Unit", verbose_name=_("portal"), on_delete=models.CASCADE,
                                related_name="open_data_catalogue")
    description = models.TextField(_("description"), blank=True)
    licence = models.URLField(_("licence"), choices=Licence.choices, default=Licence.CC_BY)
    last_reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True,
                                        help_text=_("Review the catalogue at least every six months "
                                                    "(Nghị định 47/2020/NĐ-CP, Điều 20.3)."))
    statistics_frequency = models.CharField(_("update frequency of statistics releases"), max_length=20,
                                            choices=UpdateFrequency.choices, default=UpdateFrequency.ANNUAL)

    panels = [FieldPanel("unit"), FieldPanel("description"), FieldPanel("licence"),
              FieldRowPanel([FieldPanel("last_reviewed_on"), FieldPanel("statistics_frequency")])]

    class Meta:
        verbose_name = _("open data catalogue")
        verbose_name_plural = _("open data catalogues")

    def __str__(self) -> str:
        return str(self.unit)

    @property
    def review_due_on(self):
        return review_due_on(self.last_reviewed_on)


class OpenDataset(ClusterableModel):
    unit = models.ForeignKey("tenants.Unit", verbose_name=_("portal"), on_delete=models.CASCADE,
                             related_name="open_datasets")
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"))
    keywords = models.CharField(_("keywords"), max_length=255, blank=True, help_text=_("Separated by commas."))
    frequency = models.CharField(_("update frequency"), max_length=20, choices=UpdateFrequency.choices,
                                 default=UpdateFrequency.ANNUAL)
    issued = models.DateField(_("first published on"))
    modified = models.DateField(_("last updated on"))
    is_open = models.BooleanField(_("published as open data"), default=True,
                                  help_text=_("Untick to take the dataset out of the catalogue."))
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("unit"), FieldPanel("title"), FieldPanel("description"), FieldPanel("keywords"),
              FieldRowPanel([FieldPanel("frequency"), FieldPanel("issued"), FieldPanel("modified")]),
              FieldPanel("is_open"), InlinePanel("tables", heading=_("Tables (CSV or XLSX)"), label=_("table"),
                                                 min_num=1)]

    class Meta:
        verbose_name = _("open dataset")
        verbose_name_plural = _("open datasets")
        ordering = ["-modified", "title"]
        constraints = [models.CheckConstraint(condition=models.Q(modified__gte=models.F("issued")),
                                              name="opendataset_modified_after_issued")]

    def __str__(self) -> str:
        return self.title

    @property
    def keyword_list(self) -> list[str]:
        return [word.strip() for word in self.keywords.split(",") if word.strip()]


class OpenDatasetTable(Orderable):
    dataset = ParentalKey(OpenDataset, on_delete=models.CASCADE, related_name="tables")
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("file"), on_delete=models.PROTECT,
                                 related_name="+")
    title = models.CharField(_("title"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]
