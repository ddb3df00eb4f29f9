"""The boards' screens for information requests in the Wagtail admin: due and overdue
requests of their own agency first, the actions of the law, and the counts table.

Every action calls a service, which checks the same permission again."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.periods import period_current, period_parse
from information_requests import services
from information_requests.forms import AnswerForm, ClassifyForm, ExtendForm, RefuseForm
from information_requests.models import OPEN_STATUSES, InformationRequestFile, RequestStatus
from information_requests.permissions import user_can_handle, user_handling_unit_ids, user_sees_all_requests
from information_requests.permissions import user_uses_admin
from information_requests.selectors import (
    RequestTableRow,
    information_requests_due,
    information_requests_for_user,
    information_requests_table,
    month_bounds,
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
FILTERS = ("due", "overdue", "open")


def _require(user):
    if not user_uses_admin(user):
        raise PermissionDenied


def information_request_index(request):
    _require(request.user)
    today = timezone.localdate()
    items = information_requests_for_user(user=request.user, today=today)
    shown = request.GET.get("show")
    if shown == "due":
        items = information_requests_due(queryset=items, today=today)
    elif shown == "overdue":
        items = items.filter(status__in=OPEN_STATUSES, due_date__lt=today)
    elif shown == "open":
        items = items.filter(status__in=OPEN_STATUSES)
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(request, "information_requests/admin/index.html", {
        "page_obj": page, "show": shown if shown in FILTERS else "", "today": today,
    })


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
        if form.is_valid():
            try:
                service(request_id=item.pk, by=request.user, **{n: form.cleaned_data[n] for n in arguments})
            except ValidationError as error:
                for field, field_messages in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, field_messages)
            except services.InvalidTransition:
                messages.error(request, _("This action is no longer possible: the request has changed."))
                return redirect("information_requests_admin:detail", pk=item.pk)
            else:
                messages.success(request, _("Request %(code)s updated.") % {"code": item.tracking_code})
                return redirect("information_requests_admin:detail", pk=item.pk)
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
