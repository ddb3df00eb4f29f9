from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultation comments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from tenants.portal_data import portal_models_register

        # The public's comments go with a portal's archive (transfer.submissions, issue #24).
        portal_models_register(consultation_comment="consultations.ConsultationComment")
