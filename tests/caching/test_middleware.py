"""The app cache (caching.middleware): per portal, anonymous GETs only, purged on publish."""

from caching.middleware import CACHE_HEADER, PORTAL_HEADER
from tests.caching.conftest import HOST
from tests.cms.factories import NewsPageFactory
from tests.factories import UserFactory


def publish_title(page, title, capture):
    page.title = title
    with capture(execute=True):
        page.save_revision().publish()


def test_second_get_is_served_from_cache_without_queries(client, app_cache, news, django_assert_num_queries):
    first = client.get("/tin-tuc/tin-thu/", headers={"host": HOST})
    assert first.status_code == 200 and first[CACHE_HEADER] == "MISS"
    assert "public" in first["Cache-Control"]
    with django_assert_num_queries(0):
        second = client.get("/tin-tuc/tin-thu/", headers={"host": HOST})
    assert second[CACHE_HEADER] == "HIT"
    assert second.content == first.content


def test_publish_shows_the_new_title_on_the_page_its_section_home_and_api(
    client, app_cache, news, django_capture_on_commit_callbacks
):
    urls = ["/tin-tuc/tin-thu/", "/tin-tuc/", "/", "/api/v2/pages/?type=cms.NewsPage", f"/api/v2/pages/{news.pk}/"]
    for url in urls:
        client.get(url, headers={"host": HOST})
    assert all(client.get(url, headers={"host": HOST})[CACHE_HEADER] == "HIT" for url in urls)

    publish_title(news, "Tin mới", django_capture_on_commit_callbacks)

    page = client.get("/tin-tuc/tin-thu/", headers={"host": HOST})
    assert page[CACHE_HEADER] == "MISS" and "Tin mới" in page.content.decode()
    for url in urls[1:]:
        assert client.get(url, headers={"host": HOST})[CACHE_HEADER] == "MISS", url
    listing = client.get("/api/v2/pages/?type=cms.NewsPage", headers={"host": HOST}).json()
    assert "Tin mới" in [item["title"] for item in listing["items"]]


def test_portals_are_kept_apart(client, app_cache, news):
    sotuphap = client.get("/", headers={"host": HOST})
    province = client.get("/", headers={"host": "bacninh.gov.vn"})
    assert province[CACHE_HEADER] == "MISS"
    assert province.content != sotuphap.content


def test_logged_in_users_bypass_the_cache(client, app_cache, news):
    client.get("/tin-tuc/tin-thu/", headers={"host": HOST})
    client.force_login(UserFactory())
    response = client.get("/tin-tuc/tin-thu/", headers={"host": HOST})
    assert CACHE_HEADER not in response


def test_admin_and_preview_are_never_cached(client, app_cache, news):
    for url in ("/admin/login/", "/api/v2/preview/?content_type=cms.newspage&token=x"):
        client.get(url, headers={"host": HOST})
        assert CACHE_HEADER not in client.get(url, headers={"host": HOST})


def test_answers_without_public_cache_control_are_not_kept(client, app_cache, news):
    client.get("/api/v2/schema/", headers={"host": HOST})
    assert CACHE_HEADER not in client.get("/api/v2/schema/", headers={"host": HOST})


def test_unpublish_move_and_delete_purge(client, app_cache, news, portals, django_capture_on_commit_callbacks):
    client.get("/tin-tuc/", headers={"host": HOST})
    with django_capture_on_commit_callbacks(execute=True):
        news.unpublish()
    assert client.get("/tin-tuc/", headers={"host": HOST})[CACHE_HEADER] == "MISS"
    assert "Tin cũ" not in client.get("/tin-tuc/", headers={"host": HOST}).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()
    client.get("/tin-tuc/", headers={"host": HOST})
    other = portals.section("sotuphap", "chi-dao-dieu-hanh")
    with django_capture_on_commit_callbacks(execute=True):
        news.move(other, pos="last-child")
    assert client.get("/tin-tuc/", headers={"host": HOST})[CACHE_HEADER] == "MISS"

    moved_url = f"/{other.slug}/tin-thu/"
    client.get(moved_url, headers={"host": HOST})
    assert client.get(moved_url, headers={"host": HOST})[CACHE_HEADER] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        news.delete()
    assert client.get(moved_url, headers={"host": HOST}).status_code == 404


def test_publish_purges_every_host_the_portal_answers_on(
    client, app_cache, news, portals, settings, django_capture_on_commit_callbacks
):
    """Issue #17 item 7: the real hostname, the alias and, for the provincial portal,
    127.0.0.1 (the default site) all show the new title after publishing."""
    settings.PORTAL_ALIAS_DOMAIN = "localhost"
    province_news = NewsPageFactory(parent=portals.section("bacninh", "tin-tuc"), title="Tin tỉnh cũ", slug="tin-tinh")
    where = [
        (news, "/tin-tuc/tin-thu/", [HOST, "sotuphap.localhost:8000"]),
        (province_news, "/tin-tuc/tin-tinh/", ["bacninh.gov.vn", "bacninh.localhost:8000", "127.0.0.1:8000"]),
    ]
    for _page, path, hosts in where:
        for host in hosts:
            assert client.get(path, headers={"host": host})[CACHE_HEADER] == "MISS", host
            assert client.get(path, headers={"host": host})[CACHE_HEADER] == "HIT", host

    for page, _path, _hosts in where:
        publish_title(page, f"{page.title} mới", django_capture_on_commit_callbacks)

    for page, path, hosts in where:
        for host in hosts:
            response = client.get(path, headers={"host": host})
            assert response[CACHE_HEADER] == "MISS", host
            assert f"{page.title}" in response.content.decode(), host
            assert response[PORTAL_HEADER] == page.get_site().hostname


def test_each_host_keeps_its_own_links(client, app_cache, news, settings):
    """The cache key keeps the Host: a page cached for the alias links to the alias."""
    settings.PORTAL_ALIAS_DOMAIN = "localhost"
    alias = client.get("/tin-tuc/tin-thu/", headers={"host": "sotuphap.localhost:8000"}).content.decode()
    client.get("/tin-tuc/tin-thu/", headers={"host": HOST})
    again = client.get("/tin-tuc/tin-thu/", headers={"host": "sotuphap.localhost:8000"})
    assert again[CACHE_HEADER] == "HIT"
    assert "bacninh.gov.vn/" not in alias and again.content.decode() == alias


def test_search_answers_are_neither_looked_up_nor_kept(client, app_cache, news, settings):
    """The search API routes to no page and its answers carry no public Cache-Control:
    the middleware reads no cache entry and no root page for it (issue 18, latency), and
    its answer still names its portal. Listed as uncached, an answer is never kept."""
    from django.core.cache import cache

    from caching.middleware import request_cache_key

    response = client.get("/api/v2/search/", {"q": "tin"}, headers={"host": HOST})
    assert response.status_code == 200 and response[PORTAL_HEADER] == HOST and CACHE_HEADER not in response
    assert not [key for key in cache._cache if "portaldata" in key or ":entry:" in key]

    settings.PORTAL_CACHE_UNCACHED_PREFIXES = ("/tin-tuc/",)  # even a public page, when listed
    page = client.get("/tin-tuc/tin-thu/", headers={"host": HOST})
    assert page.status_code == 200 and CACHE_HEADER not in page and page[PORTAL_HEADER] == HOST
    request = client.get("/tin-tuc/tin-thu/", headers={"host": HOST}).wsgi_request
    assert cache.get(request_cache_key(request)) is None
