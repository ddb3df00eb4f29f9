"""Access to information (Điều 8.1.m) and online public services (8.1.n)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.models.base import PortalPage

PROVINCIAL_PUBLIC_SERVICE_PORTAL = "https://dichvucong.bacninh.gov.vn"


class AccessToInformationPage(PortalPage):
    mandate_item = "8.1.m"
    public_information_list = RichTextField(_("information that must be made public"))
    focal_point = models.CharField(_("focal point for providing information"), max_length=500)
    request_address = models.CharField(_("address to request information"), max_length=500)
    request_email = models.EmailField(_("e-mail to request information"), blank=True)
    request_url = models.URLField(_("online request form"), blank=True)
    complaints_contact = models.CharField(_("where to complain about access to information"), max_length=500)

    content_panels = Page.content_panels + [
        FieldPanel("public_information_list"),
        MultiFieldPanel([FieldPanel("focal_point"), FieldPanel("request_address"), FieldPanel("request_email"),
                         FieldPanel("request_url"), FieldPanel("complaints_contact")], heading=_("Requests")),
    ]
    search_fields = PortalPage.search_fields + [index.SearchField("public_information_list")]
    api_fields = PortalPage.api_fields + [
        APIField("public_information_list"), APIField("focal_point"), APIField("request_address"),
        APIField("request_email"), APIField("request_url"), APIField("complaints_contact"),
    ]
    parent_page_types = ["cms.PortalHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("access to information")


class ServiceLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("service"))
    url = blocks.URLBlock(label=_("link"))
    level = blocks.ChoiceBlock(choices=[("2", _("Level 2")), ("3", _("Level 3")), ("4", _("Full online"))],
                               required=False, label=_("level"))

    class Meta:
        icon = "link"
        label = _("Online service")


class OnlinePublicServicesPage(PortalPage):
    mandate_item = "8.1.n"
    service_portal_url = models.URLField(_("provincial public service portal"), default=PROVINCIAL_PUBLIC_SERVICE_PORTAL)
    intro = models.TextField(_("introduction"), blank=True)
    services = StreamField([("service", ServiceLinkBlock())], verbose_name=_("services"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("service_portal_url"), FieldPanel("intro"), FieldPanel("services")]
    api_fields = PortalPage.api_fields + [APIField("service_portal_url"), APIField("intro"), APIField("services")]
    parent_page_types = ["cms.PortalHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("online public services")
