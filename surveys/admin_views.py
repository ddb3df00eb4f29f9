"""The provincial board's survey screens in the Wagtail admin (Điều 11.3.h).

The list of every survey with its state and number of responses is Wagtail's generic
``IndexView`` (filters, XLSX/CSV of the list, breadcrumbs, the permission policy of
``surveys.permissions``); per survey its results with bar charts, and the XLSX and
DOCX files to send to the requesting agency, are custom screens. Every view asks
``surveys.permissions`` first.
"""

import django_filters
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSet

from intake.admin import SafeSpreadsheetExportMixin, ViewOnlyPermissionPolicy, admin_datetime_text
from intake.exports import FORMATS, export_response
from surveys.exports import export_filename, survey_results_render
from surveys.models import SurveyPage
from surveys.permissions import survey_results_check, user_can_view_results
from surveys.rules import SurveyState
from surveys.selectors import survey_results, surveys_with_counts

user_uses_surveys_admin = user_can_view_results

PER_PAGE = 50


def _title(survey) -> str:
    return survey.title if survey.live else f"{survey.title} ({_('not published')})"


class SurveyFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=SurveyState.choices, method="filter_state")

    class Meta:
        model = SurveyPage
        fields = ["requesting_agency"]

    def filter_state(self, queryset, name, value):
        # surveys.rules.survey_state as a query: open from opens_at (included) to closes_at (excluded).
        now = timezone.now()
        if value == SurveyState.NOT_OPEN:
            return queryset.filter(opens_at__gt=now)
        if value == SurveyState.CLOSED:
            return queryset.filter(closes_at__lte=now)
        return queryset.filter(opens_at__lte=now, closes_at__gt=now)


class SurveyIndexView(SafeSpreadsheetExportMixin, IndexView):
    model = SurveyPage
    permission_policy = ViewOnlyPermissionPolicy(SurveyPage, may_view=user_can_view_results)
    index_url_name = "surveys_admin:index"
    index_results_url_name = "surveys_admin:index_results"
    page_title = _("Survey results")
    header_icon = "list-ul"
    paginate_by = PER_PAGE
    filterset_class = SurveyFilterSet
    # The search index does not carry the board filter of this list: filters, no search box.
    is_searchable = False
    default_ordering = None  # surveys_with_counts orders: newest opening first
    list_export = ["title", "requesting_agency_label", "opens_at", "closes_at", "state_label", "response_count"]
    export_headings = {
        "title": _("Survey"), "requesting_agency_label": _("Requesting agency"), "opens_at": _("Opens at"),
        "closes_at": _("Closes at"), "state_label": _("State"), "response_count": _("Responses"),
    }
    export_filename = "ket-qua-khao-sat"

    def get_base_queryset(self):
        return surveys_with_counts()

    @property
    def columns(self):
        return [
            TitleColumn("title", label=_("Survey"), accessor=_title,
                        get_url=lambda survey: reverse("surveys_admin:results", args=[survey.pk])),
            Column("requesting_agency_label", label=_("Requesting agency")),
            Column("opens_at", label=_("Opens at"), accessor=lambda survey: admin_datetime_text(survey.opens_at)),
            Column("closes_at", label=_("Closes at"), accessor=lambda survey: admin_datetime_text(survey.closes_at)),
            Column("state_label", label=_("State")),
            Column("response_count", label=_("Responses")),
        ]


def survey_results_view(request, pk: int):
    survey_results_check(user=request.user)
    page = get_object_or_404(SurveyPage, pk=pk)
    return TemplateResponse(
        request, "surveys/admin/results.html", {"page": page, "results": survey_results(page), "formats": FORMATS}
    )


def survey_results_export(request, pk: int, fmt: str):
    survey_results_check(user=request.user)
    page = get_object_or_404(SurveyPage, pk=pk)
    return export_response(
        fmt=fmt, filename=export_filename(page, fmt), render=lambda fmt: survey_results_render(page, fmt)
    )


class SurveyResultsViewSet(ViewSet):
    """/admin/surveys/: the list (generic), a survey's results and its files (custom)."""

    name = "surveys_admin"
    url_prefix = "surveys"
    icon = "list-ul"

    def get_urlpatterns(self):
        return [
            path("", SurveyIndexView.as_view(), name="index"),
            path("results/", SurveyIndexView.as_view(results_only=True), name="index_results"),
            path("<int:pk>/", survey_results_view, name="results"),
            path("<int:pk>/export.<str:fmt>", survey_results_export, name="export"),
        ]
