from django.apps import AppConfig, apps
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Page types")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.sections import SECTIONS
        from security.rich_text import clean_rich_text_on_save, rich_text_fields
        from tenants.registry import page_types_register, sections_register

        # Issue #24: provisioning (tenants) builds portals of our page types without
        # importing us; it asks the registry.
        page_types_register(root="cms.ProvincialRootPage", home="cms.PortalHomePage")
        sections_register(*SECTIONS)

        # Issue #9 item 3: rich text is cleaned on save as well as on render. Issue #24:
        # only on the models that hold rich text, not on every save of every model.
        for model in apps.get_models():
            if rich_text_fields(model):
                pre_save.connect(
                    clean_rich_text_on_save, sender=model,
                    dispatch_uid=f"security.clean_rich_text_on_save.{model._meta.label_lower}",
                )
