"""Issue #9 item 2: what the public channels show of another portal, and of pages that
are not public at all.

Drafts (a never-published page, and the unpublished revision on top of a live page),
private pages (password, login), scheduled pages (``go_live_at`` next week) and
archived pages (``compliance.archiving``) never appear in the API listing or detail,
the search API and page, the RSS feeds or sitemap.xml, on either portal's host; the
department's host never serves the provincial portal's pages or media by id.
"""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.security.conftest import OTHER, OTHER_HOST, OWN, OWN_HOST, SECRET

pytestmark = pytest.mark.django_db

HOSTS = {"own": OWN_HOST, "other": OTHER_HOST}
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
DRAFT_REVISION_TITLE = "Bản nháp chưa duyệt"


@pytest.fixture(autouse=True)
def database_search(settings, victim):
    """The database backend whatever the environment configures, with every one of the
    victim's pages in its index (hidden ones too: the queries must leave them out)."""
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database.SearchBackend"}}
    backend = get_search_backend()
    for page in Page.objects.filter(title__contains=SECRET).specific():
        backend.add(page)


def hidden_titles(victim) -> set[str]:
    return {page.title for page in victim.hidden_pages.values()} | {DRAFT_REVISION_TITLE}


def assert_none_shown(text: str, victim, where: str):
    for title in hidden_titles(victim):
        assert title not in text, f"{title!r} shown by {where}"


# --- API ---------------------------------------------------------------------------------


@pytest.mark.parametrize("host", list(HOSTS))
@pytest.mark.parametrize(
    "query",
    ["", "?fields=*", "?type=cms.NewsPage&fields=*", f"?search={SECRET}", "?order=-id&limit=100",
     "?type=cms.LegalDocumentPage&number=99/QĐ-UBND&fields=*", "?locale=vi&limit=100"],
)
def test_api_listing_never_lists_hidden_pages(client, victim, host, query):
    response = client.get(f"/api/v2/pages/{query}", HTTP_HOST=HOSTS[host])
    assert response.status_code == 200, response.content
    ids = {item["id"] for item in response.json()["items"]}
    assert not ids & {p.pk for p in victim.hidden_pages.values()}
    assert_none_shown(response.content.decode(), victim, f"/api/v2/pages/{query} on {host}")


@pytest.mark.parametrize("host", list(HOSTS))
def test_api_listing_under_the_section_never_lists_hidden_pages(client, victim, host):
    section = victim.live.get_parent()
    for query in (f"?child_of={section.pk}", f"?descendant_of={section.pk}", f"?ancestor_of={victim.draft.pk}"):
        response = client.get(f"/api/v2/pages/{query}", HTTP_HOST=HOSTS[host])
        assert response.status_code in (200, 400, 404), (query, response.status_code)
        if response.status_code == 200:
            ids = {item["id"] for item in response.json()["items"]}
            assert not ids & {p.pk for p in victim.hidden_pages.values()}, query
            assert_none_shown(response.content.decode(), victim, query)


@pytest.mark.parametrize("host", list(HOSTS))
@pytest.mark.parametrize("kind", ["draft", "private", "login_only", "scheduled", "archived"])
def test_api_detail_and_find_refuse_hidden_pages(client, victim, host, kind):
    page = victim.hidden_pages[kind]
    for url in (f"/api/v2/pages/{page.pk}/", f"/api/v2/pages/{page.pk}/?fields=*",
                f"/api/v2/pages/find/?id={page.pk}", f"/api/v2/pages/find/?html_path={page.get_url_parts()[2]}"):
        response = client.get(url, HTTP_HOST=HOSTS[host])
        assert response.status_code in (400, 404), (url, response.status_code)
        assert_none_shown(response.content.decode(), victim, url)


def test_the_department_host_does_not_serve_the_provinces_pages_or_media_by_id(client, victim):
    for url in (f"/api/v2/pages/{victim.live.pk}/", f"/api/v2/images/{victim.image.pk}/",
                f"/api/v2/documents/{victim.document.pk}/", f"/api/v2/pages/find/?id={victim.live.pk}"):
        response = client.get(url, HTTP_HOST=OWN_HOST)
        assert response.status_code == 404, url
    for url in ("/api/v2/images/", "/api/v2/documents/", f"/api/v2/images/?search={SECRET}"):
        response = client.get(url, HTTP_HOST=OWN_HOST)
        assert response.status_code == 200
        assert SECRET not in response.content.decode(), url
    # The provincial host does serve its own live page (the control).
    assert client.get(f"/api/v2/pages/{victim.live.pk}/", HTTP_HOST=OTHER_HOST).status_code == 200


@pytest.mark.parametrize("url", ["/api/v2/pages/?site={host}", "/api/v2/pages/{id}/?site={host}",
                                 "/api/v2/pages/?site={host}&type=cms.NewsPage&fields=*"])
def test_the_site_parameter_cannot_switch_portal(client, victim, url):
    response = client.get(url.format(host=OTHER_HOST, id=victim.live.pk), HTTP_HOST=OWN_HOST)
    assert response.status_code in (400, 404)
    assert SECRET not in response.content.decode()


def test_the_published_version_is_served_never_the_draft_revision(client, victim):
    data = client.get(f"/api/v2/pages/{victim.live.pk}/", HTTP_HOST=OTHER_HOST).json()
    assert data["title"] == f"Tin công khai {SECRET} đã đăng"


@pytest.mark.parametrize("token", ["", "x", "1", "1:abc:def", "%00", "a" * 5000, "{id}", "{id}:1abcde:forged"])
def test_a_forged_preview_token_shows_nothing(client, victim, token):
    token = token.format(id=victim.draft.pk)
    response = client.get("/api/v2/preview/", {"token": token}, HTTP_HOST=OWN_HOST)
    assert response.status_code in (400, 403)
    assert "message" in response.json()
    assert_none_shown(response.content.decode(), victim, "preview")


# --- search ------------------------------------------------------------------------------


@pytest.mark.parametrize("host", list(HOSTS))
def test_search_api_and_autocomplete_never_show_hidden_pages(client, victim, host):
    for params in ({"q": SECRET}, {"q": "Tin"}, {"q": "99/QĐ-UBND"}, {"q": SECRET, "portal": OTHER},
                   {"q": "Bản nháp chưa duyệt"}):
        response = client.get("/api/v2/search/", params, HTTP_HOST=HOSTS[host])
        assert response.status_code == 200, (params, response.content)
        assert not {hit["id"] for hit in response.json()["results"]} & {p.pk for p in victim.hidden_pages.values()}
        assert_none_shown(response.content.decode(), victim, f"search {params}")
    # The control: the live page is found, so the index is not simply empty.
    found = client.get("/api/v2/search/", {"q": SECRET}, HTTP_HOST=HOSTS[host]).json()["results"]
    assert [hit["id"] for hit in found] == [victim.live.pk]
    for q in (SECRET, "Tin", "Quyết"):
        response = client.get("/api/v2/search/autocomplete/", {"q": q}, HTTP_HOST=HOSTS[host])
        assert response.status_code == 200
        assert_none_shown(response.content.decode(), victim, f"autocomplete {q}")


@pytest.mark.parametrize("host", list(HOSTS))
def test_search_page_never_shows_hidden_pages(client, victim, host):
    for params in ({"q": SECRET}, {"q": SECRET, "scope": "portal"}, {"q": "Tin", "portal": OTHER}):
        response = client.get(reverse("search"), params, HTTP_HOST=HOSTS[host])
        assert response.status_code == 200
        assert_none_shown(response.content.decode(), victim, f"/tim-kiem/ {params}")
    response = client.get(reverse("search-legal-documents"), {"number": "99/QĐ-UBND"}, HTTP_HOST=HOSTS[host])
    assert response.status_code == 200
    assert_none_shown(response.content.decode(), victim, "/tim-kiem/van-ban/")


# --- feeds, sitemap, the pages themselves ---------------------------------------------------


@pytest.mark.parametrize("section", ["tin-tuc", "van-ban"])
def test_feeds_never_list_hidden_pages(client, portals, victim, section):
    page = portals.section(OTHER, section)
    response = client.get(page.url + "feed/", HTTP_HOST=OTHER_HOST)
    assert response.status_code == 200
    ET.fromstring(response.content)  # well-formed RSS
    assert_none_shown(response.content.decode(), victim, f"{section} feed")
    # On the department's host the same path is the department's own feed.
    response = client.get(page.url + "feed/", HTTP_HOST=OWN_HOST)
    assert response.status_code in (200, 404)
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize("host", list(HOSTS))
def test_sitemap_never_lists_hidden_pages(client, victim, host):
    response = client.get("/sitemap.xml", HTTP_HOST=HOSTS[host])
    assert response.status_code == 200
    urls = {loc.text for loc in ET.fromstring(response.content).findall("s:url/s:loc", SITEMAP_NS)}
    for page in victim.hidden_pages.values():
        assert page.full_url not in urls
    if host == "own":
        assert victim.live.full_url not in urls
    else:
        assert victim.live.full_url in urls  # the control


@pytest.mark.parametrize("kind", ["draft", "private", "login_only", "scheduled", "archived"])
def test_hidden_pages_are_not_served(client, victim, kind):
    page = victim.hidden_pages[kind]
    response = client.get(page.url, HTTP_HOST=OTHER_HOST)
    assert response.status_code in (200, 302, 404)
    if response.status_code == 200:  # the password form
        assert page.title not in response.content.decode()
        assert b'name="password"' in response.content
    # Not through the department's host either.
    response = client.get(page.url, HTTP_HOST=OWN_HOST)
    assert response.status_code in (302, 404)


# --- direct file URLs ------------------------------------------------------------------------


def _serve_url(document) -> str:
    return reverse("wagtaildocs_serve", args=[document.pk, document.filename])


def test_a_document_in_a_restricted_collection_is_not_served_to_others(client, portals, victim):
    from wagtail.models import CollectionViewRestriction

    from tenants.models import BoardRole
    from tests.factories import board_member

    # The province keeps its collection to its own board head.
    restriction = CollectionViewRestriction.objects.create(
        collection=victim.document.collection, restriction_type=CollectionViewRestriction.GROUPS)
    restriction.groups.set([portals.units[OTHER].board_groups.get(role=BoardRole.HEAD).group])

    for host in HOSTS.values():
        response = client.get(_serve_url(victim.document), HTTP_HOST=host)
        assert response.status_code in (302, 403, 404), response.status_code
    client.force_login(board_member(portals.units[OWN], BoardRole.HEAD))
    response = client.get(_serve_url(victim.document), HTTP_HOST=OWN_HOST)
    assert response.status_code in (302, 403, 404), response.status_code


def test_a_document_url_needs_its_exact_file_name(client, victim):
    for name in ("", "x.pdf", victim.document.filename.upper(), "../" + victim.document.filename):
        response = client.get(f"/documents/{victim.document.pk}/{name}", HTTP_HOST=OWN_HOST)
        assert response.status_code == 404, name


def test_a_document_no_published_page_uses_is_not_served_to_the_public(client, victim):
    """Ids are sequential and file names slugs of the title: without the rule in
    security.documents anyone could fetch every file (tests/security/test_documents.py
    has the cases where it is served)."""
    for host in HOSTS.values():
        response = client.get(_serve_url(victim.document), HTTP_HOST=host)
        assert response.status_code == 404, host


# --- Q&A personal data --------------------------------------------------------------------------

SENDER = ("Lê Thị Riêngtư", "0911 222 333", "rieng.tu@example.vn")


@pytest.mark.parametrize("host", list(HOSTS))
def test_tracking_a_petition_never_shows_its_sender(client, victim, host):
    response = client.get(f"/api/v2/qa/questions/{victim.petition.tracking_code}/", HTTP_HOST=HOSTS[host])
    assert response.status_code == 200
    text = response.content.decode()
    assert not [value for value in SENDER if value in text]
    assert not {"sender_name", "sender_phone", "sender_email", "sender_address"} & set(response.json())


@pytest.mark.parametrize("host", list(HOSTS))
def test_the_public_qa_page_lists_no_unpublished_petition(client, portals, victim, host):
    from tests.qa.factories import qa_page_for

    for unit in portals.units.values():
        page = qa_page_for(unit)
        response = client.get(page.url, HTTP_HOST=HOSTS[host])
        assert response.status_code in (200, 404)
        text = response.content.decode()
        assert victim.petition.subject not in text or victim.petition.status == "published"
        assert not [value for value in SENDER if value in text]
