"""Each portal's sitemap.xml lists its own live, public pages and nothing else."""

import xml.etree.ElementTree as ET

import pytest

from tests.cms import factories as f

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_urls(client, host):
    response = client.get("/sitemap.xml", HTTP_HOST=host)
    assert response.status_code == 200
    return {loc.text for loc in ET.fromstring(response.content).findall("s:url/s:loc", NS)}


def test_sitemap_lists_only_this_portals_live_public_pages(client, portals):
    province, department = portals.units["bacninh"], portals.units["sotuphap"]
    news = f.NewsPageFactory(parent=portals.section("bacninh", "tin-tuc"))
    draft = f.NewsPageFactory(parent=portals.section("bacninh", "tin-tuc"), live=False)
    private = f.page_make_private(f.NewsPageFactory(parent=portals.section("bacninh", "tin-tuc")))
    other = f.NewsPageFactory(parent=portals.section("sotuphap", "tin-tuc"))

    urls = sitemap_urls(client, province.hostname)
    assert news.full_url in urls
    assert portals.homes["bacninh"].full_url in urls
    assert portals.section("bacninh", "thong-ke").full_url in urls
    assert draft.full_url not in urls and private.full_url not in urls
    assert portals.section("bacninh", "gioi-thieu").full_url not in urls  # draft section
    assert all(f"//{province.hostname}/" in url for url in urls)
    assert other.full_url not in urls

    department_urls = sitemap_urls(client, department.hostname)
    assert other.full_url in department_urls
    assert not department_urls & urls
    assert all(f"//{department.hostname}/" in url for url in department_urls)


def test_sitemap_on_the_development_alias_is_that_portals(client, portals):
    urls = sitemap_urls(client, "sotuphap.localhost:8000")
    # Issue #17: addresses on the host the visitor came by (the alias), only this portal's.
    assert "http://sotuphap.localhost:8000/" in urls
    assert all(url.startswith("http://sotuphap.localhost:8000/") for url in urls)
