"""Public consultation on drafts (Điều 8.1.h). Comments themselves arrive in issue #6."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.models.base import PortalPage, SectionIndexPage


class ConsultationIndexPage(SectionIndexPage):
    mandate_item = "8.1.h"
    subpage_types = ["cms.ConsultationPage"]

    class Meta:
        verbose_name = _("consultations section")


class ConsultationPage(PortalPage):
    mandate_item = "8.1.h"
    draft_name = models.CharField(pgettext_lazy("consultation", "draft"), max_length=500)
    draft_text = RichTextField(_("full text of the draft"))
    comment_deadline = models.DateTimeField(_("comment deadline"))
    receiving_agency = models.CharField(_("receiving agency"), max_length=255)
    receiving_address = models.CharField(_("receiving agency's address"), max_length=500)
    receiving_email = models.EmailField(_("receiving agency's e-mail"))

    content_panels = Page.content_panels + [
        FieldPanel("draft_name"), FieldPanel("draft_text"),
        MultiFieldPanel([FieldPanel("comment_deadline"), FieldPanel("receiving_agency"), FieldPanel("receiving_address"),
                         FieldPanel("receiving_email")], heading=pgettext_lazy("consultation comment", "Comments")),
        InlinePanel("files", label=_("file")),
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("draft_name"), index.SearchField("draft_text"), index.FilterField("comment_deadline"),
    ]
    api_fields = PortalPage.api_fields + [
        APIField("draft_name"), APIField("draft_text"), APIField("comment_deadline"), APIField("receiving_agency"),
        APIField("receiving_address"), APIField("receiving_email"), APIField("files"), APIField("is_open"),
    ]
    parent_page_types = ["cms.ConsultationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    @property
    def is_open(self) -> bool:
        return timezone.now() < self.comment_deadline


class ConsultationFile(Orderable):
    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("file"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]
    api_fields = [APIField("title"), APIField("document")]
