"""Host routing helpers.

Wagtail already routes a request to the Site whose hostname matches the Host header.
In development nobody has DNS for *.bacninh.gov.vn, so ``<unit slug>.localhost``
(which browsers resolve to loopback) is mapped to that unit's Site here, and every
page link of the request is written for the host the visitor came by (tenants.hosts).
"""

from django.conf import settings
from django.http.request import split_domain_port

from tenants.hosts import site_root_paths_for_visitor
from tenants.models import Unit


class PortalAliasMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        domain = settings.PORTAL_ALIAS_DOMAIN
        if domain:
            host = split_domain_port(request._get_raw_host())[0]
            suffix = "." + domain
            if host.endswith(suffix):
                slug = host[: -len(suffix)]
                unit = (
                    Unit.objects.filter(slug=slug, site__isnull=False)
                    .select_related("site__root_page")
                    .first()
                )
                if unit is not None:
                    # Wagtail caches the resolved site on the request under this name.
                    request._wagtail_site = unit.site
        # Page links on the host the visitor came by, not only the portal's hostname.
        site_root_paths_for_visitor(request)
        return self.get_response(request)
