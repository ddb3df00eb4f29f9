"""Hooks of the cms app: the mandate coverage report (Điều 11.3.e), preview tokens and
who may download a document."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cms.reports import MandateCoverageMenuItem, MandateCoverageReportView
from security.admin_guard import admin_api_endpoints, page_chooser_queryset
from security.documents import refuse_unpublished_document

report_urlpatterns = [
    path("", MandateCoverageReportView.as_view(), name="mandate_coverage"),
    path("results/", MandateCoverageReportView.as_view(results_only=True), name="mandate_coverage_results"),
]


@hooks.register("register_admin_urls")
def register_cms_report_urls():
    return [path("reports/mandate-coverage/", include((report_urlpatterns, "cms_reports"), namespace="cms_reports"))]


@hooks.register("register_reports_menu_item")
def register_mandate_coverage_menu_item():
    return MandateCoverageMenuItem(
        _("Mandate coverage"), reverse("cms_reports:mandate_coverage"), name="mandate-coverage", icon_name="list-ul",
        order=650,
    )


@hooks.register("register_admin_urls")
def register_preview_token_urls():
    # Issue #3 item 5: preview tokens for separate front ends (imported late: cms.api
    # pulls in the API stack, which the admin does not otherwise need).
    from cms.api.preview import admin_urlpatterns

    return admin_urlpatterns


# Issue #9 item 2: a document is public only once a published, unrestricted page of the
# portal uses it (security.documents).
hooks.register("before_serve_document", refuse_unpublished_document)

# Issue #16 item 2: the page chooser lists only pages the user may see (security.admin_guard).
hooks.register("construct_page_chooser_queryset", page_chooser_queryset)
# After Wagtail's own endpoints (order), which list every portal's media and drafts.
hooks.register("construct_admin_api", admin_api_endpoints, order=100)
