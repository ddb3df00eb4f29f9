"""Articles taken from another portal (Điều 9.4): provincial direction and policy
republished on component portals, and component articles the provincial board accepts.

A republished article is a page of its own in the receiving portal's matching section
(news or direction), so it is listed, searched and served like the section's other
articles, but it is nobody's mandated item (``mandate_item`` stays empty: the source
page is counted on its own portal; row 14 of the report counts the republication,
``compliance.selectors``). Its source attribution names the portal it came from and
links back to it (Điều 12). Pages of this type are only created by
``compliance.republication`` (editors cannot add one by hand).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField

from cms.models.articles import ArticlePage
from cms.models.base import source_attribution_for


class RepublishedPage(ArticlePage):
    source_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("source page"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    source_unit = models.ForeignKey(
        "tenants.Unit", verbose_name=_("source portal"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    source_url = models.URLField(_("source address"), max_length=500, blank=True)

    content_panels = ArticlePage.content_panels + [FieldPanel("source_url", read_only=True)]
    api_fields = ArticlePage.api_fields + [APIField("source_url")]
    parent_page_types = ["cms.NewsIndexPage", "cms.DirectionIndexPage"]
    is_creatable = False
    template = "cms/republished_page.html"

    class Meta:
        verbose_name = _("republished article")

    @property
    def source_attribution(self) -> str:
        """Điều 12: the portal the article came from, not the one showing it."""
        return source_attribution_for(self.source_unit)
