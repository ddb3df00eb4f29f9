"""Projects, bidding and public procurement (Điều 8.1.g)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from blocks.content import ContentStreamBlock
from cms.models.base import PortalPage, SectionIndexPage


class ProjectStatus(models.TextChoices):
    PREPARING = "preparing", _("In preparation")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


class FundingType(models.TextChoices):
    STATE_BUDGET = "state_budget", _("State budget")
    ODA = "oda", _("ODA and concessional loans")
    PPP = "ppp", _("Public-private partnership")
    PRIVATE = "private", _("Private investment")
    OTHER = "other", _("Other")


class ProjectIndexPage(SectionIndexPage):
    mandate_item = "8.1.g"
    subpage_types = ["cms.ProjectPage"]

    class Meta:
        verbose_name = _("projects section")

    def get_context(self, request, *args, **kwargs):
        # Điều 8.1.g asks for lists of projects in preparation, in progress and completed.
        context = super().get_context(request, *args, **kwargs)
        projects = list(self.get_children().live().type(ProjectPage).specific())
        context["projects_by_status"] = [
            (status, [p for p in projects if p.status == status.value]) for status in ProjectStatus
        ]
        return context


class ProjectPage(PortalPage):
    mandate_item = "8.1.g"
    main_objective = models.TextField(_("main objective"))
    field = models.CharField(_("field"), max_length=255, blank=True)
    project_type = models.CharField(_("project type"), max_length=255, blank=True,
                                    help_text=_("e.g. group A, B or C; investment, procurement, bidding"))
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    budget = models.DecimalField(_("budget (VND)"), max_digits=20, decimal_places=0, null=True, blank=True)
    funding_type = models.CharField(_("funding type"), max_length=20, choices=FundingType.choices, blank=True)
    sponsor = models.CharField(_("sponsor"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PREPARING)
    body = StreamField(ContentStreamBlock(), verbose_name=_("details"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("main_objective"),
        MultiFieldPanel(
            [FieldPanel("field"), FieldPanel("project_type"), FieldPanel("period_start"), FieldPanel("period_end"),
             FieldPanel("budget"), FieldPanel("funding_type"), FieldPanel("sponsor"), FieldPanel("status")],
            heading=_("Project"),
        ),
        FieldPanel("body"),
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("main_objective"), index.SearchField("body"),
        index.FilterField("status"), index.FilterField("field"), index.FilterField("funding_type"),
    ]
    api_fields = PortalPage.api_fields + [
        APIField("main_objective"), APIField("field"), APIField("project_type"), APIField("period_start"),
        APIField("period_end"), APIField("budget"), APIField("funding_type"), APIField("sponsor"),
        APIField("status"), APIField("body"),
    ]
    parent_page_types = ["cms.ProjectIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("project")
