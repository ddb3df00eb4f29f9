"""The coverage audit in the Wagtail admin (Điều 11.3.e): Reports → Mandate coverage.

One row per portal the user's boards may audit (``cms.coverage.coverage_units_for_user``),
one column per mandated item; items a portal lacks are highlighted.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView

from cms.coverage import ItemCoverage, coverage_by_portal, coverage_units_for_user, mandate_coverage
from mandate.items import MANDATE_ITEMS
from tenants.models import Unit


@dataclass
class PortalCoverage:
    unit: Unit
    cells: list  # one per MANDATE_ITEMS key: ItemCoverage, or None when the item does not apply
    missing: int


class MandateCoverageReportView(ReportView):
    page_title = _("Mandate coverage")
    header_icon = "list-ul"
    results_template_name = "cms/reports/mandate_coverage_results.html"
    index_url_name = "cms_reports:mandate_coverage"
    index_results_url_name = "cms_reports:mandate_coverage_results"
    paginate_by = 40

    def dispatch(self, request, *args, **kwargs):
        self.units = coverage_units_for_user(request.user)
        if not self.units:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return self.units

    def decorate_paginated_queryset(self, object_list):
        # Coverage only for the portals on this page: still a few queries in all.
        rows = []
        for unit, items in coverage_by_portal(mandate_coverage(units=list(object_list))):
            by_key: dict[str, ItemCoverage] = {row.item.key: row for row in items}
            rows.append(PortalCoverage(
                unit=unit,
                cells=[by_key.get(key) for key in MANDATE_ITEMS],
                missing=sum(row.is_missing for row in items),
            ))
        return rows

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["items"] = list(MANDATE_ITEMS.values())
        return context


class MandateCoverageMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(coverage_units_for_user(request.user))
