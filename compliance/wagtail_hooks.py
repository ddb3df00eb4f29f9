"""Compliance in the Wagtail admin: Reports → Late items, Update deadlines by portal
(provincial board), Portal report (download and drill-down); recommendations as a viewset."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from cms.panels import DEADLINE_PANEL_HOOK
from compliance import admin_views, exchange_hooks  # noqa: F401 (registers the Điều 9.4 / 10.4 hooks)
from compliance.models import ReportRecommendation
from compliance.panels import TEMPLATE_NAME as DEADLINE_PANEL_TEMPLATE
from compliance.panels import deadline_panel_context
from compliance.permissions import compliance_units_for_user, user_sees_every_portal

urlpatterns = [
    path("late/", admin_views.late_items_view, name="late_items"),
    path("portals/", admin_views.portals_overview_view, name="overview"),
    path("report/", admin_views.report_view, name="report"),
    path("report/items/", admin_views.drilldown_view, name="drilldown"),
    path("report/freeze/", admin_views.freeze_view, name="freeze"),
    path("frozen/", admin_views.frozen_list_view, name="frozen_list"),
    path("frozen/<int:pk>/download/", admin_views.frozen_download_view, name="frozen_download"),
    path("frozen/<int:pk>/diff/", admin_views.frozen_diff_view, name="frozen_diff"),
]


@hooks.register(DEADLINE_PANEL_HOOK)
def deadline_panel():
    """Fill the deadline panel ``cms`` puts on every portal page (issue #24: cms may not import us)."""
    return DEADLINE_PANEL_TEMPLATE, deadline_panel_context


@hooks.register("register_admin_urls")
def register_compliance_urls():
    return [path("compliance/", include((urlpatterns, "compliance_admin"), namespace="compliance_admin"))]


class BoardMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(compliance_units_for_user(request.user))


class ProvinceMenuItem(MenuItem):
    def is_shown(self, request):
        return user_sees_every_portal(request.user)


@hooks.register("register_reports_menu_item")
def register_late_items_menu_item():
    return BoardMenuItem(_("Late items"), reverse("compliance_admin:late_items"), name="late-items",
                         icon_name="warning", order=660)


@hooks.register("register_reports_menu_item")
def register_overview_menu_item():
    return ProvinceMenuItem(_("Update deadlines by portal"), reverse("compliance_admin:overview"),
                            name="deadlines-by-portal", icon_name="warning", order=661)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return BoardMenuItem(_("Portal report"), reverse("compliance_admin:report"), name="portal-report",
                         icon_name="doc-full", order=662)


class ReportRecommendationViewSet(ModelViewSet):
    """For administrators; boards add recommendations from the report screen."""

    model = ReportRecommendation
    icon = "comment"
    menu_label = _("Report recommendations")
    add_to_settings_menu = True
    list_display = ["unit", "period", "text", "created_at"]
    list_filter = ["period"]
    form_fields = ["unit", "period", "text"]


@hooks.register("register_admin_viewset")
def register_recommendation_viewset():
    return ReportRecommendationViewSet("report_recommendations")
