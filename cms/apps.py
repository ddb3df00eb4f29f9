from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Page types")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from security.rich_text import clean_rich_text_on_save

        # Issue #9 item 3: rich text is cleaned on save as well as on render.
        pre_save.connect(clean_rich_text_on_save, dispatch_uid="security.clean_rich_text_on_save")
