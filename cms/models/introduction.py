"""Introduction (Điều 8.1.a) and leader profiles."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from cms.models.base import PortalPage


class IntroductionPage(PortalPage):
    """One per portal. Departments fill the first group of parts, People's Committees
    (province, district, commune) the second; the template shows what is filled."""

    mandate_item = "8.1.a"

    # Departments (Sở, ban, ngành)
    organisation_chart = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("organisation chart"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    organisation_structure = RichTextField(_("organisation structure"), blank=True)
    functions_and_duties = RichTextField(_("functions, duties and powers"), blank=True)
    # People's Committees
    administrative_apparatus = RichTextField(_("administrative apparatus"), blank=True)
    boundary_map = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("map of administrative boundaries"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    natural_conditions = RichTextField(_("natural conditions"), blank=True)
    culture = RichTextField(_("culture"), blank=True)
    relics_and_landscapes = RichTextField(_("relics and landscapes"), blank=True)
    # Both
    history = RichTextField(_("history"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("organisation_chart"), FieldPanel("organisation_structure"), FieldPanel("functions_and_duties")],
            heading=_("Departments"),
        ),
        MultiFieldPanel(
            [FieldPanel("administrative_apparatus"), FieldPanel("boundary_map"), FieldPanel("natural_conditions"),
             FieldPanel("culture"), FieldPanel("relics_and_landscapes")],
            heading=_("People's Committees"),
        ),
        FieldPanel("history"),
        InlinePanel("leaders", heading=_("Leader profiles"), label=_("leader")),
    ]
    search_fields = PortalPage.search_fields + [
        # Issue 18: a leader's name finds the profile first (a name field, boosted like a
        # title); bios, duties and the organisation's structure are searchable text.
        index.SearchField("leader_names", boost=2),
        index.SearchField("leader_profiles"),
        index.SearchField("organisation_structure"),
        index.SearchField("administrative_apparatus"),
        index.SearchField("functions_and_duties"),
        index.SearchField("history"),
        index.SearchField("natural_conditions"),
        index.SearchField("culture"),
        index.SearchField("relics_and_landscapes"),
    ]
    api_fields = PortalPage.api_fields + [
        APIField("organisation_chart", serializer=ImageRenditionField("width-1200")),
        APIField("organisation_structure"),
        APIField("functions_and_duties"),
        APIField("administrative_apparatus"),
        APIField("boundary_map", serializer=ImageRenditionField("width-1200")),
        APIField("natural_conditions"),
        APIField("culture"),
        APIField("relics_and_landscapes"),
        APIField("history"),
        APIField("leaders"),
    ]
    parent_page_types = ["cms.PortalHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("introduction")

    search_uses_child_relations = True  # search.indexing.page_reindex_with_relations

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        leaders = self.leaders.all()
        if isinstance(leaders, models.QuerySet):  # a preview's draft holds them in memory
            # Photos and their renditions in two queries, not two per leader.
            leaders = leaders.select_related("photo").prefetch_related("photo__renditions")
        context["leaders"] = list(leaders)
        return context

    def leader_names(self) -> str:
        return " ; ".join(leader.name for leader in self.leaders.all())

    def leader_profiles(self) -> str:
        return " ".join(" ".join(filter(None, (leader.title, leader.short_bio, leader.duties)))
                        for leader in self.leaders.all())


class LeaderProfile(TranslatableMixin, Orderable):
    """Tiểu sử tóm tắt lãnh đạo: ordered by ``sort_order`` (the leaders' rank).

    Translatable so that wagtail-localize translates each profile with its page: the
    provincial introduction, leader profiles included, has an English mirror (Điều 8.2.d).
    """

    page = ParentalKey(IntroductionPage, on_delete=models.CASCADE, related_name="leaders")
    name = models.CharField(_("name"), max_length=255)
    title = models.CharField(_("title"), max_length=255)
    photo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("photo"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    short_bio = models.TextField(_("short biography"), blank=True)
    duties = models.TextField(_("duties"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("title"), FieldPanel("photo"), FieldPanel("short_bio"), FieldPanel("duties")]
    api_fields = [
        APIField("name"), APIField("title"), APIField("short_bio"), APIField("duties"), APIField("sort_order"),
        APIField("photo", serializer=ImageRenditionField("fill-300x400")),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("leader profile")
        verbose_name_plural = _("leader profiles")
