"""A request for a portal's hostname serves that portal; *.localhost aliases in dev."""

import pytest

from tests.factories import province_rows, provision

pytestmark = pytest.mark.django_db


@pytest.fixture
def portals():
    provision(province_rows())


@pytest.mark.parametrize(
    "host,expected",
    [
        ("sotuphap.bacninh.gov.vn", "Sở Tư pháp tỉnh Bắc Ninh"),
        ("tiendu.bacninh.gov.vn", "Huyện Tiên Du"),
        ("bacninh.gov.vn", "Ủy ban nhân dân tỉnh Bắc Ninh"),
        ("sotuphap.localhost:8000", "Sở Tư pháp tỉnh Bắc Ninh"),
        ("xa-a.localhost", "Xã Thử Nghiệm"),
    ],
)
def test_host_selects_the_portal(client, portals, host, expected):
    response = client.get("/", HTTP_HOST=host)
    assert response.status_code == 200
    assert "<h1 class=\"brand-name\">" in response.content.decode()
    assert expected in response.context["page"].title
    assert response.context["page"].unit.hostname.split(".")[0] in (host.split(".")[0], "bacninh")


def test_unknown_host_falls_back_to_the_provincial_portal(client, portals):
    response = client.get("/", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert response.context["page"].unit.slug == "bacninh"


def test_district_home_lists_its_communes_with_reachable_links(client, portals):
    response = client.get("/", HTTP_HOST="tiendu.localhost:8000")
    html = response.content.decode()
    assert "http://xa-a.localhost:8000/" in html
    assert "http://xa-b.localhost:8000/" in html
    assert "http://bacninh.localhost:8000/" in html  # parent portal


def test_portals_do_not_serve_each_others_pages(client, portals):
    # The commune's home page slug is not a path on the department's portal.
    response = client.get("/xa-a/", HTTP_HOST="sotuphap.bacninh.gov.vn")
    assert response.status_code == 404
