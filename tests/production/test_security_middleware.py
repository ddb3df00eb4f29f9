"""CSP scoped to the public site and the admin; hosts that are no portal's refused."""

import pytest
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from security.csp import csp_policy
from security.middleware import ContentSecurityPolicyMiddleware, PortalHostMiddleware

CSP = {
    "ADMIN_PATHS": ("/admin/",),
    "CSP_PUBLIC": csp_policy({"default-src": ["'self'"], "script-src": ["'self'"]}),
    "CSP_ADMIN": csp_policy({"default-src": ["'self'"], "script-src": ["'self'", "'unsafe-inline'"]}),
}


@override_settings(**CSP)
@pytest.mark.parametrize(("path", "inline"), [("/", False), ("/api/v2/pages/", False), ("/admin/pages/", True)])
def test_admin_alone_allows_inline_scripts(path, inline):
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse())
    policy = middleware(RequestFactory().get(path))["Content-Security-Policy"]
    assert ("'unsafe-inline'" in policy) is inline


@override_settings(**CSP)
def test_a_policy_set_by_the_view_is_kept():
    def view(request):
        response = HttpResponse()
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    response = ContentSecurityPolicyMiddleware(view)(RequestFactory().get("/documents/1/a.pdf"))
    assert response["Content-Security-Policy"] == "default-src 'none'"


@override_settings(ALLOWED_HOSTS=[".bacninh.gov.vn", "10.0.0.5"], PORTAL_SERVICE_HOSTS=frozenset({"10.0.0.5"}))
def test_only_portal_hostnames_and_service_hosts_pass():
    cache.set("portal-host:sotuphap.bacninh.gov.vn", True)
    cache.set("portal-host:khong-co.bacninh.gov.vn", False)
    middleware = PortalHostMiddleware(lambda request: HttpResponse("ok"))
    assert middleware(RequestFactory().get("/", HTTP_HOST="sotuphap.bacninh.gov.vn")).content == b"ok"
    assert middleware(RequestFactory().get("/", HTTP_HOST="10.0.0.5")).content == b"ok"
    with pytest.raises(DisallowedHost):
        middleware(RequestFactory().get("/", HTTP_HOST="khong-co.bacninh.gov.vn"))
    with pytest.raises(DisallowedHost):
        middleware(RequestFactory().get("/", HTTP_HOST="evil.example"))


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=[".bacninh.gov.vn"], PORTAL_SERVICE_HOSTS=frozenset())
def test_the_hostname_lookup_reads_units():
    from tests.factories import province_rows, provision

    provision(province_rows(communes_under_district=()))
    cache.clear()
    middleware = PortalHostMiddleware(lambda request: HttpResponse("ok"))
    assert middleware(RequestFactory().get("/", HTTP_HOST="sotuphap.bacninh.gov.vn")).content == b"ok"
    with pytest.raises(DisallowedHost):
        middleware(RequestFactory().get("/", HTTP_HOST="unknown.bacninh.gov.vn"))
