"""The boards' screens for information requests in the Wagtail admin, as Q&A's: a
``ViewSet`` whose list is Wagtail's generic ``IndexView`` (overdue first, filters for the
due, overdue and open requests, XLSX/CSV without personal data), the request's screen
with the actions of the law, its answer files, and the counts table.

A board sees its own agency's requests only (``information_requests_for_user``); every
action calls a service, which checks the same permission again."""

import django_filters
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import HeaderButton

from compliance.periods import period_current, period_parse
from information_requests import services
from information_requests.forms import AnswerForm, ClassifyForm, ExtendForm, RefuseForm
from information_requests.models import OPEN_STATUSES, InformationRequest, InformationRequestFile, RequestStatus
from information_requests.permissions import user_can_handle, user_handling_unit_ids, user_sees_all_requests
from information_requests.permissions import user_uses_admin
from information_requests.selectors import (
    RequestTableRow,
    information_requests_due,
    information_requests_for_user,
    information_requests_table,
    month_bounds,
)
from intake.admin import (
    TRACKED_EXPORT_HEADINGS,
    OverdueRowTable,
    SafeSpreadsheetExportMixin,
    ViewOnlyPermissionPolicy,
    action_form_submit,
    agency_column,
    due_date_column,
    received_at_column,
    status_column,
    tracking_code_column,
)
from tenants.models import Unit

PER_PAGE = 50

# action → (form class, service, arguments taken from the form)
ACTIONS = {
    "classify": (ClassifyForm, services.information_request_classify, ("availability",)),
    "extend": (ExtendForm, services.information_request_extend, ("reason",)),
    "answer": (AnswerForm, services.information_request_answer, ("answer", "files")),
    "refuse": (RefuseForm, services.information_request_refuse, ("ground", "reason")),
}


def _require(user):
    if not user_uses_admin(user):
        raise PermissionDenied


class InformationRequestFilterSet(WagtailFilterSet):
    show = django_filters.ChoiceFilter(
        label=_l("Show"), method="filter_show", empty_label=_l("All"),
        choices=[("due", _l("Due within 3 days")), ("overdue", _l("Overdue")),
                 ("open", pgettext_lazy("information request", "Open"))],
    )

    class Meta:
        model = InformationRequest
        fields = ["status", "delivery_form"]

    def filter_show(self, queryset, name, value):
        today = timezone.localdate()
        if value == "due":
            return information_requests_due(queryset=queryset, today=today)
        if value == "overdue":
            return queryset.filter(status__in=OPEN_STATUSES, due_date__lt=today)
        return queryset.filter(status__in=OPEN_STATUSES)


class InformationRequestTable(OverdueRowTable):
    overdue_classname = "ir-overdue"


class InformationRequestIndexView(SafeSpreadsheetExportMixin, IndexView):
    """The requests a board works on, overdue first (``information_requests_for_user``).
    The list and its XLSX/CSV carry no requester's data: that is on the request's screen."""

    model = InformationRequest
    permission_policy = ViewOnlyPermissionPolicy(InformationRequest, may_view=lambda user: user_uses_admin(user))
    index_url_name = "information_requests_admin:index"
    index_results_url_name = "information_requests_admin:index_results"
    page_title = _l("Information requests")
    header_icon = "doc-full"
    paginate_by = PER_PAGE
    filterset_class = InformationRequestFilterSet
    table_class = InformationRequestTable
    default_ordering = None  # information_requests_for_user orders: overdue first, then by due date
    list_export = ["tracking_code", "agency.short_name", "get_status_display", "get_delivery_form_display",
                   "received_at", "due_date", "overdue"]
    export_headings = {**TRACKED_EXPORT_HEADINGS, "get_delivery_form_display": _l("Form of delivery")}
    export_filename = "yeu-cau-cung-cap-thong-tin"

    def get_base_queryset(self):
        # A board sees its own agency's requests only (tenant isolation).
        return information_requests_for_user(user=self.request.user)

    @cached_property
    def header_buttons(self):
        return [HeaderButton(_("Counts"), url=reverse("information_requests_admin:report"), icon_name="table")]

    @property
    def columns(self):
        return [
            tracking_code_column("information_requests_admin:detail"),
            agency_column(),
            status_column(),
            Column("delivery_form", label=_l("Form of delivery"), accessor="get_delivery_form_display"),
            received_at_column(),
            due_date_column(),
        ]


def information_request_detail(request, pk: int):
    _require(request.user)
    item = get_object_or_404(information_requests_for_user(user=request.user), pk=pk)
    allowed = [a for a in ACTIONS if item.status in services.ALLOWED_FROM[a] and user_can_handle(request.user, item)]
    forms = {action: ACTIONS[action][0](prefix=action) for action in allowed}
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in allowed:
            raise PermissionDenied
        form_class, service, arguments = ACTIONS[action]
        form = forms[action] = form_class(request.POST, request.FILES, prefix=action)
        done = action_form_submit(
            request,
            form=form,
            call=lambda data: service(request_id=item.pk, by=request.user, **{n: data[n] for n in arguments}),
            changed_message=_("This action is no longer possible: the request has changed."),
            done_message=_("Request %(code)s updated.") % {"code": item.tracking_code},
            done_url=reverse("information_requests_admin:detail", args=[item.pk]),
        )
        if done is not None:
            return done
    return TemplateResponse(request, "information_requests/admin/detail.html", {
        "item": item, "forms": forms, "today": timezone.localdate(),
    })


def information_request_file(request, pk: int, file_pk: int):
    _require(request.user)
    item = get_object_or_404(information_requests_for_user(user=request.user), pk=pk)
    stored = InformationRequestFile.objects.filter(request=item, pk=file_pk).first()
    if stored is None:
        raise Http404
    return FileResponse(stored.file.open("rb"), as_attachment=True, filename=stored.name)


def information_request_report(request):
    """The counts per agency for a month (``?month=2026-03``) or a half-year (``?period=2026-H1``)."""
    _require(request.user)
    today = timezone.localdate()
    month = request.GET.get("month", "")
    try:
        if month:
            start, end = month_bounds(month)
            label = month
        else:
            period = period_parse(request.GET.get("period") or period_current(today).code)
            start, end, label = period.start, period.end, period.label
    except (ValueError, ValidationError):
        raise Http404 from None
    units = None
    if not user_sees_all_requests(request.user):
        units = Unit.objects.filter(pk__in=user_handling_unit_ids(request.user)).order_by("name")
    rows = information_requests_table(start=start, end=end, units=units, as_of=today)
    return TemplateResponse(request, "information_requests/admin/report.html", {
        "rows": rows, "columns": RequestTableRow.COLUMNS, "label": label, "start": start, "end": end,
        "statuses": RequestStatus,
    })


class InformationRequestViewSet(ViewSet):
    """/admin/information-requests/: the list (generic), a request's screen, its answer
    files and the counts table (custom)."""

    name = "information_requests_admin"
    url_prefix = "information-requests"
    icon = "doc-full"

    def get_urlpatterns(self):
        return [
            path("", InformationRequestIndexView.as_view(), name="index"),
            path("results/", InformationRequestIndexView.as_view(results_only=True), name="index_results"),
            path("report/", information_request_report, name="report"),
            path("<int:pk>/", information_request_detail, name="detail"),
            path("<int:pk>/files/<int:file_pk>/", information_request_file, name="file"),
        ]
