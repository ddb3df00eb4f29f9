"""Access to information (Điều 8.1.m) and online public services (8.1.n)."""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.disclosures import LEGAL_BASIS_CHOICES
from cms.models.base import PortalPage

PROVINCIAL_PUBLIC_SERVICE_PORTAL = "https://dichvucong.bacninh.gov.vn"
# The national public service portal (Cổng Dịch vụ công quốc gia), linked from every
# portal's services page next to the provincial one (settings.PROVINCIAL_PUBLIC_SERVICE_PORTAL).
NATIONAL_PUBLIC_SERVICE_PORTAL = "https://dichvucong.gov.vn"


def provincial_public_service_portal() -> str:
    return getattr(settings, "PROVINCIAL_PUBLIC_SERVICE_PORTAL", PROVINCIAL_PUBLIC_SERVICE_PORTAL)


class ServiceLevel(models.TextChoices):
    """The two levels of an online public service under Nghị định 42/2022/NĐ-CP, Điều 11
    khoản 1 (replacing levels 2/3/4 of Nghị định 43/2011/NĐ-CP): point a, "toàn trình",
    when all information on the procedure is provided and the procedure is filed and
    settled online, the result returned online or by public postal service; point b,
    "một phần", any service short of that."""

    FULL = "full", _("Fully online")
    PARTIAL = "partial", _("Partly online")


class AccessToInformationPage(PortalPage):
    mandate_item = "8.1.m"
    # An introduction to the list; the list itself is the page's ``disclosures`` rows
    # (cms.models.disclosures, issue #22 item 2).
    public_information_list = RichTextField(_("information that must be made public"), blank=True)
    focal_point = models.CharField(_("focal point for providing information"), max_length=500)
    request_address = models.CharField(_("address to request information"), max_length=500)
    request_email = models.EmailField(_("e-mail to request information"), blank=True)
    request_url = models.URLField(_("online request form"), blank=True)
    complaints_contact = models.CharField(_("where to complain about access to information"), max_length=500)

    content_panels = Page.content_panels + [
        FieldPanel("public_information_list"),
        InlinePanel("disclosures", heading=_("List of information disclosed"), label=_("information")),
        MultiFieldPanel([FieldPanel("focal_point"), FieldPanel("request_address"), FieldPanel("request_email"),
                         FieldPanel("request_url"), FieldPanel("complaints_contact")], heading=_("Requests")),
    ]
    search_fields = PortalPage.search_fields + [index.SearchField("public_information_list")]
    api_fields = PortalPage.api_fields + [
        APIField("public_information_list"), APIField("disclosures"), APIField("focal_point"), APIField("request_address"),
        APIField("request_email"), APIField("request_url"), APIField("complaints_contact"),
    ]
    parent_page_types = ["cms.PortalHomePage"]
    # The online request form of Luật Tiếp cận thông tin (issue #22 item 1); a string, so
    # cms imports nothing of that app.
    subpage_types: list[str] = ["information_requests.InformationRequestPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("access to information")

    def section_start(self) -> None:
        """A new portal's page starts with the Law's list to complete (Điều 17.1)."""
        from cms.disclosures import DISCLOSURE_SEED
        from cms.models.disclosures import DisclosureItem

        self.disclosures = [DisclosureItem(sort_order=index, **item) for index, item in enumerate(DISCLOSURE_SEED)]

    def get_context(self, request, *args, **kwargs):
        from cms.models.disclosures import DisclosureForm

        context = super().get_context(request, *args, **kwargs)
        basis, form = request.GET.get("co-so", ""), request.GET.get("hinh-thuc", "")
        overdue = True if request.GET.get("trang-thai") == "chua-co" else None
        # The list once: asking ``self.disclosures.all()`` per legal basis was a query each;
        # each item's page or file with it, not a query per item for its link.
        items = self.disclosures.all()
        if isinstance(items, models.QuerySet):  # a preview's draft holds them in memory
            items = items.select_related("link_page", "link_document")
        items = list(items)
        context.update(online_request_page=self.online_request_page(),
                       disclosures=self.disclosures_filtered(basis=basis, form=form, overdue=overdue, items=items),
                       disclosure_filter={"basis": basis, "form": form, "overdue": bool(overdue)},
                       disclosure_bases=[(key, label) for key, label in LEGAL_BASIS_CHOICES
                                         if any(item.legal_basis == key for item in items)],
                       disclosure_forms=DisclosureForm.choices)
        return context

    def online_request_page(self) -> Page | None:
        """The live request page under this one ("the address to request information
        online", Điều 8.1.m), found by its type's name: cms imports nothing of that app."""
        try:
            model = apps.get_model(self.subpage_types[0])
        except LookupError:  # the app is not installed
            return None
        return self.get_children().live().type(model).first()

    def disclosures_filtered(self, *, basis: str = "", form: str = "", overdue: bool | None = None,
                             items: list | None = None) -> list:
        """The published list, narrowed by legal basis, form, or overdue state (the page's filter)."""
        items = [item for item in (self.disclosures.all() if items is None else items)
                 if (not basis or item.legal_basis == basis) and (not form or item.form == form)]
        return items if overdue is None else [item for item in items if item.is_overdue == overdue]


class ServiceLinkValue(blocks.StructValue):
    def level_label(self) -> str:
        """The level's label in the active language ("Toàn trình"), the raw value if unknown."""
        level = self.get("level") or ""
        return ServiceLevel(level).label if level in ServiceLevel.values else level


class ServiceLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("service"))
    url = blocks.URLBlock(label=_("link"))
    level = blocks.ChoiceBlock(choices=ServiceLevel.choices, required=False, label=_("level"))
    # Set by migration 0008 for the old levels 2 and 3, now "một phần": an editor checks
    # the service on the public service portal, then clears the box.
    level_to_confirm = blocks.BooleanBlock(required=False, label=_("level needs confirming"),
                                           help_text=_("Converted from the old level 2 or 3: check the level, then "
                                                       "untick."))

    class Meta:
        icon = "link"
        label = _("Online service")
        value_class = ServiceLinkValue


class OnlinePublicServicesPage(PortalPage):
    mandate_item = "8.1.n"
    service_portal_url = models.URLField(_("provincial public service portal"), default=provincial_public_service_portal)
    intro = models.TextField(_("introduction"), blank=True)
    services = StreamField([("service", ServiceLinkBlock())], verbose_name=_("services"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("service_portal_url"), FieldPanel("intro"), FieldPanel("services")]
    api_fields = PortalPage.api_fields + [APIField("service_portal_url"), APIField("national_service_portal_url"),
                                          APIField("intro"), APIField("services")]
    parent_page_types = ["cms.PortalHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("online public services")

    @property
    def national_service_portal_url(self) -> str:
        return NATIONAL_PUBLIC_SERVICE_PORTAL

    def services_at_level(self, level: str | None) -> list:
        """The service blocks at ``level`` (a ``ServiceLevel`` value), all when it is empty."""
        return [block for block in self.services if not level or block.value.get("level") == level]

    def levels_to_confirm(self) -> int:
        """How many services still carry a level converted from 2/3 (shown to editors)."""
        return sum(1 for block in self.services if block.value.get("level_to_confirm"))

    def get_admin_display_title(self):
        # The admin's page lists tell editors which services page still has levels to confirm.
        title = super().get_admin_display_title()
        count = self.levels_to_confirm()
        if not count:
            return title
        return ngettext("%(title)s (%(count)d service level to confirm)",
                        "%(title)s (%(count)d service levels to confirm)", count) % {"title": title, "count": count}
