from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QaConfig(AppConfig):
    name = "qa"
    verbose_name = _("Q&A")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from qa import checks  # noqa: F401  (registers the DMS settings checks)
        from tenants.registry import Section, sections_register

        # Every portal gets its Q&A page; provisioning creates it (issue #24: tenants asks).
        sections_register(Section("", "qa.QAIndexPage", "hoi-dap", "Hỏi - Đáp"))

        from tenants.portal_data import portal_models_register

        # The public's petitions go with a portal's archive (transfer.submissions, issue #24).
        portal_models_register(petition="qa.Petition", petition_forwarding="qa.PetitionForwarding",
                               petition_attachment="qa.PetitionAttachment", dms_delivery="qa.DmsDelivery")
