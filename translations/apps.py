from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """The foreign-language mirror of Điều 8.2.d (issue #5)."""

    name = "translations"
    verbose_name = _("Foreign-language mirror")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from tenants.portal_data import portal_models_register
        from translations import signals  # noqa: F401  (connects page_published)

        # The mirroring obligations and English answers go with a portal's archive (transfer, issue #24).
        portal_models_register(
            translation_task="translations.TranslationTask", answer_translation="translations.AnswerTranslation"
        )
