from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Units and portals")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from tenants.hosts import site_unit_slugs_forget
        from tenants.models import Unit

        # Links on the visitor's host read unit slugs from the cache (tenants.hosts).
        post_save.connect(site_unit_slugs_forget, sender=Unit, dispatch_uid="tenants.slugs.save")
        post_delete.connect(site_unit_slugs_forget, sender=Unit, dispatch_uid="tenants.slugs.delete")
        from wagtail.models import Site

        # ... and the sites by host (tenants.hosts.request_site).
        post_save.connect(site_unit_slugs_forget, sender=Site, dispatch_uid="tenants.sites.save")
        post_delete.connect(site_unit_slugs_forget, sender=Site, dispatch_uid="tenants.sites.delete")

        from django.core.signals import request_finished, request_started
        from wagtail.signals import post_page_move

        from tenants.hosts import site_root_page_changed
        from tenants.local_cache import request_began, request_ended

        # The process-local layer reads its token once per request (tenants.local_cache).
        request_started.connect(request_began, dispatch_uid="tenants.local-cache.request-started")
        request_finished.connect(request_ended, dispatch_uid="tenants.local-cache.request-finished")
        # The site root paths kept in the process follow their pages (tenants.hosts).
        post_save.connect(site_root_page_changed, dispatch_uid="tenants.site-roots.page-saved")
        post_delete.connect(site_root_page_changed, dispatch_uid="tenants.site-roots.page-deleted")
        post_page_move.connect(site_root_page_changed, dispatch_uid="tenants.site-roots.page-moved")
