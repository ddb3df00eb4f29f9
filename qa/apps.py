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
