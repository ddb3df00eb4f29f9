"""The list of information disclosed (Danh mục thông tin phải được công khai), one row
per item on the portal's access-to-information page (Điều 8.1.m; Nghị định 13/2018/NĐ-CP,
Điều 6). The rules (seed, overdue) are in ``cms.disclosures``.

The rows belong to the page, so they are the portal's own: edited only by those who may
edit that page (its board), moderated and published with it; what is in the table is the
published list."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable

from cms.disclosures import LEGAL_BASIS_CHOICES, basis_label, basis_short, disclosure_is_overdue


class DisclosureForm(models.TextChoices):
    """How the item is made public (Luật Tiếp cận thông tin 2016, Điều 18 khoản 1; the
    stored copies of the Law stop before Điều 18, so the forms are listed from its text as
    we know it, with "other" for those this list leaves out)."""

    PORTAL = "portal", _("Posted on the portal")
    MEDIA = "media", _("Mass media")
    GAZETTE = "gazette", _("Official gazette")
    NOTICE_BOARD = "notice_board", _("Posted at the office")
    OTHER = "other", _("Other form")


class DisclosureItem(Orderable):
    page = ParentalKey("cms.AccessToInformationPage", on_delete=models.CASCADE, related_name="disclosures")
    title = models.CharField(_("information"), max_length=500)
    legal_basis = models.CharField(_("legal basis"), max_length=10, choices=LEGAL_BASIS_CHOICES, blank=True)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    form = models.CharField(_("form of disclosure"), max_length=20, choices=DisclosureForm.choices,
                            default=DisclosureForm.PORTAL)
    disclosed_on = models.DateField(_("time of disclosure"), null=True, blank=True)
    disclosure_period = models.CharField(_("period of disclosure"), max_length=100, blank=True)
    link_page = models.ForeignKey("wagtailcore.Page", verbose_name=_("page"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    link_document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("file"), null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    link_url = models.URLField(_("other address"), blank=True)
    required = models.BooleanField(_("required by law"), default=True,
                                   help_text=_("Required by Điều 17.1 of the Law on Access to Information: "
                                               "without a link it is flagged as not yet disclosed."))

    panels = [
        FieldPanel("title"), FieldPanel("legal_basis"),
        FieldRowPanel([FieldPanel("document_number"), FieldPanel("document_date")]),
        FieldRowPanel([FieldPanel("form"), FieldPanel("disclosed_on"), FieldPanel("disclosure_period")]),
        MultiFieldPanel([FieldPanel("link_page"), FieldPanel("link_document"), FieldPanel("link_url")],
                        heading=_("Where it is disclosed")),
        FieldPanel("required"),
    ]
    api_fields = [APIField("title"), APIField("legal_basis"), APIField("legal_basis_label"),
                  APIField("document_number"), APIField("document_date"), APIField("form"),
                  APIField("disclosed_on"), APIField("disclosure_period"), APIField("url"),
                  APIField("required"), APIField("is_overdue")]

    class Meta(Orderable.Meta):
        verbose_name = _("disclosed information")
        verbose_name_plural = _("list of information disclosed")

    def __str__(self) -> str:
        return self.title

    @property
    def legal_basis_label(self) -> str:
        return basis_label(self.legal_basis) if self.legal_basis else ""

    @property
    def legal_basis_short(self) -> str:
        return basis_short(self.legal_basis) if self.legal_basis else ""

    @property
    def url(self) -> str:
        """Where the public reads it: the page, else the file, else the address given."""
        if self.link_page_id and self.link_page and self.link_page.live:
            return self.link_page.url or ""
        if self.link_document_id and self.link_document:
            return self.link_document.url
        return self.link_url

    @property
    def has_link(self) -> bool:
        return bool(self.link_page_id or self.link_document_id or self.link_url)

    @property
    def is_overdue(self) -> bool:
        return disclosure_is_overdue(required=self.required, has_link=self.has_link)
