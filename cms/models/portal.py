"""The provincial root and each portal's home page.

Every portal's home page is a child of the single provincial root page. The root is
not itself a portal (no Site points at it): it only exists so that one
``descendant_of`` query spans every portal.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cms.forms import PortalPageForm
from cms.models.slugs import FoldedSlugMixin


class ProvincialRootPage(Page):
    """Container of every portal's home page; not served to the public."""

    parent_page_types = ["wagtailcore.Page"]
    # Only portal homes sit here: content belongs inside a portal.
    subpage_types = ["cms.PortalHomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("provincial root")


class PortalHomePage(FoldedSlugMixin, Page):
    """Home page of one unit's portal; the root page of that portal's Site."""

    unit = models.ForeignKey(
        "tenants.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="home_pages",
    )
    introduction = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["cms.ProvincialRootPage"]
    # The mandated sections (cms.sections); provincial-only ones check the unit kind.
    subpage_types = [
        "cms.IntroductionPage", "cms.NewsIndexPage", "cms.DirectionIndexPage", "cms.LegalDisseminationIndexPage",
        "cms.PlanIndexPage", "cms.LegalDocumentIndexPage", "cms.ProjectIndexPage", "cms.ConsultationIndexPage",
        "cms.FinancialReportIndexPage", "cms.OfficialContactsPage", "cms.AccessToInformationPage",
        "cms.OnlinePublicServicesPage", "cms.GazetteIndexPage", "cms.ScienceProgrammeIndexPage",
        "cms.StatisticsIndexPage",
        "qa.QAIndexPage", "surveys.SurveyIndexPage",
    ]

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    base_form_class = PortalPageForm

    class Meta:
        verbose_name = _("portal home page")

    @property
    def localized(self):
        # Routing starts here (``site.root_page.localized``). The root page kept in the
        # per-portal cache (caching.sites.site_root_page_prime) carries Wagtail's answer
        # for the active language, made when it was cached: no Locale or translation
        # query per request. Any other instance asks Wagtail.
        from django.utils import translation

        known = self.__dict__.get("localized_by_language", {}).get(translation.get_language() or "")
        return known if known is not None else super().localized

    def get_context(self, request, *args, **kwargs):
        from tenants.selectors import unit_children_with_portals

        from cms.chrome import portal_chrome

        context = super().get_context(request, *args, **kwargs)
        # The unit from the portal's chrome (kept per portal, cms.chrome): no query.
        chrome = portal_chrome(page=self, request=request)
        unit = chrome.unit if chrome is not None and getattr(chrome.unit, "pk", None) == self.unit_id else self.unit
        context["unit"] = unit
        context["child_units"] = unit_children_with_portals(unit=unit)
        return context
