from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Page types")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.sections import SECTIONS
        from security.rich_text import clean_rich_text_on_save
        from tenants.registry import page_types_register, sections_register

        # Issue #24: provisioning (tenants) builds portals of our page types without
        # importing us; it asks the registry.
        page_types_register(root="cms.ProvincialRootPage", home="cms.PortalHomePage")
        sections_register(*SECTIONS)

        # Issue #9 item 3: rich text is cleaned on save as well as on render.
        pre_save.connect(clean_rich_text_on_save, dispatch_uid="security.clean_rich_text_on_save")
