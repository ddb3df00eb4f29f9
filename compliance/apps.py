from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "compliance"
    verbose_name = _("Compliance")

    def ready(self):
        from compliance import signals  # noqa: F401 (issue #20: updates are recorded on publication)
        from tenants.portal_data import PortalRecords, portal_records_register

        # The records a portal's archive carries (transfer.records, issue #24): each found
        # again by its natural key, its page links re-pointed over a --replace.
        for records in (
            PortalRecords("republications", "compliance.Republication", natural=("target_unit", "marked_at"),
                          unit_links=("target_unit",), page_links=("source_page", "target_page"),
                          required=("target_unit",)),
            PortalRecords("exchange_submissions", "compliance.Submission", natural=("source_unit", "submitted_at"),
                          unit_links=("source_unit",), page_links=("source_page", "published_page"),
                          required=("source_unit",)),
            PortalRecords("archived_items", "compliance.ArchivedItem", natural=("page_title", "archived_at"),
                          unit_links=("unit",), page_links=("page",)),
            PortalRecords("recommendations", "compliance.ReportRecommendation",
                          natural=("unit", "period", "created_at"), unit_links=("unit",), required=("unit",)),
        ):
            portal_records_register(records)
