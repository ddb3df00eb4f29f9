"""Compliance in the Wagtail admin: late items, every portal worst first, the report download
and its drill-down, frozen reports (issue #20). Each view reads through the selectors and scopes by board membership
(``compliance.permissions``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.exports import CONTENT_TYPES, FORMATS, report_filename, report_render
from compliance.models import FrozenReport
from compliance.permissions import compliance_units_for_user, user_sees_every_portal
from compliance.report_form import TABLE1, TABLE1_COLUMNS
from compliance.selectors import items_late, portals_standing, report_build
from compliance.services import frozen_report_diff, report_freeze, report_recommendation_create
from mandate.periods import period_current, period_parse


def _period(request):
    try:
        return period_parse(request.GET.get("period") or "")
    except ValidationError:
        return period_current(timezone.localdate())


def _scope(request):
    units = compliance_units_for_user(request.user)
    if not units:
        raise PermissionDenied
    slug = request.GET.get("portal")
    if slug:
        chosen = {pk: unit for pk, unit in units.items() if unit.slug == slug}
        if not chosen:
            raise Http404
        return units, chosen
    return units, units


def late_items_view(request):
    units, scope = _scope(request)
    period = _period(request)
    items = items_late(units=scope, period=period)
    return TemplateResponse(request, "compliance/admin/late_items.html", {
        "items": items, "units": units, "period": period, "portal": request.GET.get("portal", ""),
    })


def portals_overview_view(request):
    if not user_sees_every_portal(request.user):
        return redirect("compliance_admin:late_items")
    units = compliance_units_for_user(request.user)
    period = _period(request)
    return TemplateResponse(request, "compliance/admin/overview.html", {
        "standings": portals_standing(units=units, period=period), "period": period,
    })


def report_view(request):
    units = compliance_units_for_user(request.user)
    if not units:
        raise PermissionDenied
    by_slug = {unit.slug: unit for unit in units.values()}
    period = _period(request)
    unit = by_slug.get(request.GET.get("portal") or request.POST.get("portal") or "")
    if request.method == "POST" and unit is not None:
        try:
            report_recommendation_create(unit=unit, period=request.POST.get("period", ""),
                                         text=request.POST.get("text", ""), user=request.user)
            messages.success(request, _("Recommendation saved."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(f"{reverse('compliance_admin:report')}?portal={unit.slug}&period={request.POST.get('period')}")
    fmt = request.GET.get("format")
    if unit is not None and fmt in FORMATS:
        report = report_build(unit=unit, period=period)
        response = HttpResponse(report_render(report, fmt), content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{report_filename(report, fmt)}"'
        return response
    report = report_build(unit=unit, period=period) if unit is not None else None
    return TemplateResponse(request, "compliance/admin/report.html", {
        "units": sorted(units.values(), key=lambda u: (u.kind != "province", u.name)), "unit": unit,
        "period": period, "report": report, "formats": FORMATS, "columns": TABLE1_COLUMNS,
        "can_freeze": user_sees_every_portal(request.user),
    })


def drilldown_view(request):
    units = compliance_units_for_user(request.user)
    by_slug = {unit.slug: unit for unit in units.values()}
    unit = by_slug.get(request.GET.get("portal", ""))
    line = TABLE1.get(request.GET.get("line", ""))
    column = request.GET.get("column", "count")
    if unit is None or line is None or column not in TABLE1_COLUMNS:
        raise Http404
    period = _period(request)
    report = report_build(unit=unit, period=period)
    row = report.table1.row(line.key)
    items = [report.items.get(ref) for ref in getattr(row.cell, column)]
    return TemplateResponse(request, "compliance/admin/drilldown.html", {
        "unit": unit, "period": period, "line": line, "column": column, "row": row,
        "items": [item for item in items if item is not None],
    })


# --- Frozen reports (Điều 15.3, issue #20) ---------------------------------------------


def freeze_view(request):
    """The provincial office freezes a submitted report (POST from the report screen)."""
    if request.method != "POST" or not user_sees_every_portal(request.user):
        raise PermissionDenied
    units = compliance_units_for_user(request.user)
    unit = next((u for u in units.values() if u.slug == request.POST.get("portal")), None)
    if unit is None:
        raise Http404
    try:
        frozen = report_freeze(unit=unit, period=request.POST.get("period", ""), user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("compliance_admin:report") + f"?portal={unit.slug}")
    messages.success(request, _("Report frozen: SHA-256 %(hash)s.") % {"hash": frozen.sha256})
    return redirect(reverse("compliance_admin:frozen_list") + f"?portal={unit.slug}")


def _frozen_visible(request):
    units = compliance_units_for_user(request.user)
    if not units:
        raise PermissionDenied
    return FrozenReport.objects.filter(unit__in=list(units)).select_related("unit", "frozen_by")


def frozen_list_view(request):
    frozen = _frozen_visible(request)
    if request.GET.get("portal"):
        frozen = frozen.filter(unit__slug=request.GET["portal"])
    return TemplateResponse(request, "compliance/admin/frozen_list.html", {"frozen_reports": frozen})


def frozen_download_view(request, pk):
    frozen = _frozen_visible(request).filter(pk=pk).first()
    if frozen is None:
        raise Http404
    response = HttpResponse(bytes(frozen.content), content_type=CONTENT_TYPES["json"])
    response["Content-Disposition"] = f'attachment; filename="bao-cao-{frozen.unit.slug}-{frozen.period}-{frozen.pk}.json"'
    return response


def frozen_diff_view(request, pk):
    frozen = _frozen_visible(request).filter(pk=pk).first()
    if frozen is None:
        raise Http404
    return TemplateResponse(request, "compliance/admin/frozen_diff.html", {
        "frozen": frozen, "changes": frozen_report_diff(frozen=frozen),
    })
