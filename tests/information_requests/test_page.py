"""Every portal's request page (Điều 8.1.m: "the address to request information online"),
provisioned under its "Tiếp cận thông tin" section and linked from that page."""

import pytest

from information_requests.models import InformationRequestPage
from tenants.sections import sections_ensure, sections_for
from tests.cms.conftest import _two_portals, portals  # noqa: F401
from tests.cms.factories import AccessToInformationPageFactory, page_publish

pytestmark = pytest.mark.django_db

SOTUPHAP = "sotuphap.bacninh.gov.vn"
ACCESS_FIELDS = {name: getattr(AccessToInformationPageFactory, name) for name in (
    "public_information_list", "focal_point", "request_address", "request_email", "complaints_contact")}
REQUEST_PATH = "/tiep-can-thong-tin/yeu-cau-cung-cap-thong-tin/"


def test_each_portal_gets_its_request_page_under_access_to_information_linked_from_it(portals, client):
    for slug in ("bacninh", "sotuphap"):
        access = portals.sections[slug]["tiep-can-thong-tin"]
        pages = InformationRequestPage.objects.child_of(access)
        assert [(p.slug, p.title, p.live) for p in pages] == [
            ("yeu-cau-cung-cap-thong-tin", "Yêu cầu cung cấp thông tin", True)]
        assert pages[0].unit == portals.units[slug]
    # The request page is no section of the home (its menu and coverage stay as they were).
    assert "yeu-cau-cung-cap-thong-tin" not in {s.slug for s in sections_for("department")}

    # The published access page links to its own portal's request page, which takes requests.
    page_publish(portals.sections["sotuphap"]["tiep-can-thong-tin"].specific, **ACCESS_FIELDS)
    html = client.get("/tiep-can-thong-tin/", HTTP_HOST=SOTUPHAP).content.decode()
    assert f'class="online-request" href="{REQUEST_PATH}"' in html
    assert "Gửi yêu cầu cung cấp thông tin trực tuyến" in html
    form = client.get(REQUEST_PATH, HTTP_HOST=SOTUPHAP)
    assert form.status_code == 200 and 'name="information_requested"' in form.content.decode()

    # A portal provisioned before the page existed gets it when provisioning runs again,
    # once; a board's own title is kept.
    home = portals.units["sotuphap"].site.root_page
    InformationRequestPage.objects.child_of(portals.sections["sotuphap"]["tiep-can-thong-tin"]).delete()
    assert 'class="online-request"' not in client.get("/tiep-can-thong-tin/", HTTP_HOST=SOTUPHAP).content.decode()
    assert sections_ensure(home=home, kind="department") == 1
    assert sections_ensure(home=home, kind="department") == 0
    assert client.get(REQUEST_PATH, HTTP_HOST=SOTUPHAP).status_code == 200
