from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from tenants.registry import Section, sections_register

        # Điều 8.2.đ: the provincial portal's surveys section; provisioning creates it.
        sections_register(Section("8.2.đ", "surveys.SurveyIndexPage", "khao-sat", "Khảo sát trực tuyến"))
