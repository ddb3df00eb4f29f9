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

        from tenants.portal_data import portal_models_register

        # The public's responses go with a portal's archive (transfer.submissions, issue #24).
        portal_models_register(survey_response="surveys.SurveyResponse", survey_answer="surveys.SurveyAnswer",
                               survey_question="surveys.SurveyQuestion")
