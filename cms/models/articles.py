"""Article-like sections: news (8.1.b), direction (8.1.c), legal dissemination (8.1.d),
plans (8.1.đ) and financial reports (8.1.i). Each is an index with its articles."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page
from wagtail.search import index

from blocks.content import ContentStreamBlock
from cms.forms import PortalPageForm
from cms.models.base import PortalPage, SectionIndexPage


class ArticlePage(PortalPage):
    """Abstract article: summary, main image and a body of shared blocks."""

    summary = models.TextField(_("summary"), blank=True)
    main_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("main image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    body = StreamField(ContentStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("main_image"), FieldPanel("body")]
    search_fields = PortalPage.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    api_fields = PortalPage.api_fields + [
        APIField("summary"),
        APIField("main_image", serializer=ImageRenditionField("width-1000")),
        APIField("body"),
    ]
    subpage_types: list[str] = []

    class Meta:
        abstract = True


# --- 8.1.b news ----------------------------------------------------------------------


class NewsIndexPage(RoutablePageMixin, SectionIndexPage):
    mandate_item = "8.1.b"
    # Điều 9.4: republished articles (cms.models.republication) sit beside the portal's own.
    subpage_types = ["cms.NewsPage", "cms.RepublishedPage"]

    @path("feed/", name="feed")
    def feed(self, request):
        """RSS feed of the section (cms.feeds)."""
        from cms.feeds import NewsFeed

        return NewsFeed()(request, section=self)

    class Meta:
        verbose_name = _("news section")


class NewsPage(ArticlePage):
    mandate_item = "8.1.b"
    parent_page_types = ["cms.NewsIndexPage"]

    class Meta:
        verbose_name = _("news article")


# --- 8.1.c direction and administration ----------------------------------------------


class DirectionCategory(models.TextChoices):
    DIRECTIVE = "directive", _("Directives and administration")
    PETITION_RESPONSE = "petition_response", _("Responses to petitions")
    REWARDS_AND_SANCTIONS = "rewards_and_sanctions", _("Rewards and sanctions")


class DirectionIndexPage(SectionIndexPage):
    mandate_item = "8.1.c"
    subpage_types = ["cms.DirectionPage", "cms.WorkSchedulePage", "cms.RepublishedPage"]

    class Meta:
        verbose_name = _("direction and administration section")


class DirectionPage(ArticlePage):
    mandate_item = "8.1.c"
    category = models.CharField(_("category"), max_length=30, choices=DirectionCategory.choices,
                                default=DirectionCategory.DIRECTIVE)
    content_panels = ArticlePage.content_panels[:1] + [FieldPanel("category")] + ArticlePage.content_panels[1:]
    search_fields = ArticlePage.search_fields + [index.FilterField("category")]
    api_fields = ArticlePage.api_fields + [APIField("category")]
    parent_page_types = ["cms.DirectionIndexPage"]

    class Meta:
        verbose_name = _("direction article")


# --- 8.1.d legal dissemination -------------------------------------------------------


class LegalDisseminationIndexPage(SectionIndexPage):
    mandate_item = "8.1.d"
    subpage_types = ["cms.LegalDisseminationPage"]

    class Meta:
        verbose_name = _("legal dissemination section")


class LegalDisseminationPage(ArticlePage):
    mandate_item = "8.1.d"
    parent_page_types = ["cms.LegalDisseminationIndexPage"]

    class Meta:
        verbose_name = _("legal dissemination article")


# --- 8.1.đ strategies, plans, master plans --------------------------------------------


class PlanCategory(models.TextChoices):
    # Departments
    SECTOR_PLAN = "sector_plan", _("Sector strategy, plan or master plan")
    # People's Committees
    INVESTMENT_INCENTIVES = "investment_incentives", _("Investment incentives and projects calling for capital")
    CONSTRUCTION_URBAN_LAND_USE = "construction_urban_land_use", _("Construction, urban and land-use plans")
    NATURAL_RESOURCES = "natural_resources", _("Natural-resource plans")
    WASTE_AND_POLLUTION = "waste_and_pollution", _("Waste collection and treatment; polluting sources and polluted areas")


DEPARTMENT_PLAN_CATEGORIES = frozenset({PlanCategory.SECTOR_PLAN})
PEOPLES_COMMITTEE_PLAN_CATEGORIES = frozenset(PlanCategory.values) - DEPARTMENT_PLAN_CATEGORIES


def plan_categories_for(kind: str) -> frozenset:
    """Điều 8.1.đ lists sector plans for departments, the rest for People's Committees."""
    from tenants.models import UnitKind

    return DEPARTMENT_PLAN_CATEGORIES if kind == UnitKind.DEPARTMENT else PEOPLES_COMMITTEE_PLAN_CATEGORIES


class PlanPageForm(PortalPageForm):
    def clean(self):
        cleaned_data = super().clean()
        parent = getattr(self, "parent_page", None)
        unit = getattr(parent.specific, "unit", None) if parent is not None else None
        category = cleaned_data.get("category")
        if unit is not None and category and category not in plan_categories_for(unit.kind):
            self.add_error("category", _("This category does not apply to a %(kind)s portal.")
                           % {"kind": unit.get_kind_display()})
        return cleaned_data


class PlanIndexPage(SectionIndexPage):
    mandate_item = "8.1.đ"
    subpage_types = ["cms.PlanPage"]

    class Meta:
        verbose_name = _("plans section")


class PlanPage(ArticlePage):
    mandate_item = "8.1.đ"
    category = models.CharField(_("category"), max_length=40, choices=PlanCategory.choices)
    approval_date = models.DateField(_("approval date"), null=True, blank=True)
    content_panels = ArticlePage.content_panels[:1] + [FieldPanel("category"), FieldPanel("approval_date")] + ArticlePage.content_panels[1:]
    search_fields = ArticlePage.search_fields + [index.FilterField("category")]
    api_fields = ArticlePage.api_fields + [APIField("category"), APIField("approval_date")]
    parent_page_types = ["cms.PlanIndexPage"]
    base_form_class = PlanPageForm

    class Meta:
        verbose_name = _("plan")


# --- 8.1.i financial reports ---------------------------------------------------------


class FinancialReportIndexPage(SectionIndexPage):
    mandate_item = "8.1.i"
    subpage_types = ["cms.FinancialReportPage"]

    class Meta:
        verbose_name = _("financial reports section")


class FinancialReportPage(ArticlePage):
    mandate_item = "8.1.i"
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    content_panels = ArticlePage.content_panels[:1] + [FieldPanel("fiscal_year")] + ArticlePage.content_panels[1:]
    search_fields = ArticlePage.search_fields + [index.FilterField("fiscal_year")]
    api_fields = ArticlePage.api_fields + [APIField("fiscal_year")]
    parent_page_types = ["cms.FinancialReportIndexPage"]

    class Meta:
        verbose_name = _("financial report")
