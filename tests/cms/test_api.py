"""The public pages API (issue #3 item 5): per-portal scope, each page type's fields,
drafts kept out, pagination, cache and CORS headers."""

import pytest
from django.test import override_settings
from wagtail.rich_text import RichText

from tests.cms.factories import (
    DocumentFactory,
    GazetteEntryFactory,
    GazetteIssuePageFactory,
    ImageFactory,
    LeaderProfileFactory,
    LegalDocumentFileFactory,
    LegalDocumentPageFactory,
    NewsPageFactory,
    OfficialContactFactory,
    ProjectPageFactory,
    WorkScheduleEntryFactory,
    WorkSchedulePageFactory,
    page_publish,
)

pytestmark = pytest.mark.django_db

SOTUPHAP = "sotuphap.bacninh.gov.vn"
PROVINCE = "bacninh.gov.vn"


def api_get(client, url, host=SOTUPHAP, **extra):
    return client.get(url, HTTP_HOST=host, **extra)


def listing_ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def detail(client, page, host=SOTUPHAP):
    response = api_get(client, f"/api/v2/pages/{page.pk}/", host)
    assert response.status_code == 200, response.content
    return response.json()


# --- one portal per hostname ----------------------------------------------------------


def test_pages_listing_holds_only_the_portal_of_the_host(client, portals):
    own = NewsPageFactory(parent=portals.section("sotuphap", "tin-tuc"))
    other = NewsPageFactory(parent=portals.section("bacninh", "tin-tuc"))

    assert listing_ids(api_get(client, "/api/v2/pages/?type=cms.NewsPage")) == {own.pk}
    assert listing_ids(api_get(client, "/api/v2/pages/?type=cms.NewsPage", PROVINCE)) == {other.pk}
    # Development alias of the same portal (tenants.middleware).
    assert listing_ids(api_get(client, "/api/v2/pages/?type=cms.NewsPage", "sotuphap.localhost")) == {own.pk}
    # Without a type too: every page of the listing lies inside the portal.
    all_ids = listing_ids(api_get(client, "/api/v2/pages/?limit=100"))
    assert own.pk in all_ids and other.pk not in all_ids


def test_page_addresses_are_on_the_host_the_api_was_asked_on(client, portals):
    """Issue #17: html_url (the page's, its parent's, each listed page's) on the alias or
    127.0.0.1 the client came by, not on a real hostname it cannot resolve."""
    from tenants.hosts import site_unit_slugs_forget

    site_unit_slugs_forget()
    own = NewsPageFactory(parent=portals.section("sotuphap", "tin-tuc"), slug="ban-tin")
    province_news = NewsPageFactory(parent=portals.section("bacninh", "tin-tuc"), slug="tin-tinh")
    for host, root in (("sotuphap.localhost:8000", "http://sotuphap.localhost:8000"), (SOTUPHAP, f"http://{SOTUPHAP}")):
        data = detail(client, own, host)
        assert data["meta"]["html_url"] == f"{root}/tin-tuc/ban-tin/", host
        assert data["meta"]["parent"]["meta"]["html_url"] == f"{root}/tin-tuc/", host
        items = api_get(client, "/api/v2/pages/?type=cms.NewsPage", host).json()["items"]
        assert [item["meta"]["html_url"] for item in items] == [f"{root}/tin-tuc/ban-tin/"], host
    # The main address serves the provincial portal.
    data = detail(client, province_news, "127.0.0.1:8000")
    assert data["meta"]["html_url"] == "http://127.0.0.1:8000/tin-tuc/tin-tinh/"
    # A link to another portal's page in the body, expanded by ?rich_text_format=html.
    linking = NewsPageFactory(parent=portals.section("sotuphap", "tin-tuc"), slug="lien-ket",
                              body=[("rich_text", RichText(f'<p><a linktype="page" id="{province_news.pk}">Tin</a></p>'))])
    for host, href in (("sotuphap.localhost:8000", "http://bacninh.localhost:8000/tin-tuc/tin-tinh/"),
                       (SOTUPHAP, "http://bacninh.gov.vn/tin-tuc/tin-tinh/")):
        body = api_get(client, f"/api/v2/pages/{linking.pk}/?rich_text_format=html", host).json()["body"]
        assert f'<a href="{href}">Tin</a>' in body[0]["value"], (host, body)


def test_another_portals_page_is_not_found_by_id(client, portals):
    other = NewsPageFactory(parent=portals.section("bacninh", "tin-tuc"))

    assert api_get(client, f"/api/v2/pages/{other.pk}/").status_code == 404
    assert api_get(client, f"/api/v2/pages/{other.pk}/", PROVINCE).status_code == 200


def test_drafts_never_reach_the_api(client, portals):
    news = portals.section("sotuphap", "tin-tuc")
    draft = NewsPageFactory(parent=news, live=False, first_published_at=None, last_published_at=None)
    published = NewsPageFactory(parent=news, title="Bản đã đăng")
    published.title = "Bản nháp chưa duyệt"
    published.save_revision()

    assert listing_ids(api_get(client, "/api/v2/pages/?type=cms.NewsPage")) == {published.pk}
    assert api_get(client, f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert detail(client, published)["title"] == "Bản đã đăng"
    # Provisioning leaves the introduction as a draft until the board publishes it.
    intro = portals.section("sotuphap", "gioi-thieu")
    assert api_get(client, f"/api/v2/pages/{intro.pk}/").status_code == 404


# --- each page type's structured fields -----------------------------------------------


def test_legal_document_fields_with_downloadable_file(client, portals):
    doc = LegalDocumentPageFactory(
        parent=portals.section("sotuphap", "van-ban"), document_number="96/QĐ-UBND", status="in_force"
    )
    LegalDocumentFileFactory(page=doc, document=DocumentFactory(title="Toàn văn Quyết định 96"))

    data = detail(client, doc)

    assert data["meta"]["type"] == "cms.LegalDocumentPage"
    assert data["document_type"] == "decision"
    assert data["document_number"] == "96/QĐ-UBND"
    assert data["issuing_authority"] == "UBND tỉnh Bắc Ninh"
    assert data["issue_date"] == "2021-03-18"
    assert data["status"] == "in_force"
    assert data["source_attribution"] == "Theo Cổng TTĐT Sở Tư pháp"
    [file] = data["files"]
    assert file["document"]["title"] == "Toàn văn Quyết định 96"
    assert file["document"]["meta"]["download_url"].startswith(f"http://{SOTUPHAP}/documents/")


def test_project_fields(client, portals):
    project = ProjectPageFactory(parent=portals.section("sotuphap", "du-an"), status="completed")

    data = detail(client, project)

    assert data["status"] == "completed"
    assert data["field"] == "Giao thông"
    assert data["main_objective"] == "Nâng cấp hạ tầng giao thông."
    assert data["funding_type"] == "state_budget"
    assert data["period_start"] == "2024-01-01"


def test_news_body_is_streamfield_json_and_image_a_rendition(client, portals):
    news = NewsPageFactory(parent=portals.section("sotuphap", "tin-tuc"), main_image=ImageFactory())

    data = detail(client, news)

    [block] = data["body"]
    assert block["type"] == "rich_text"
    assert "Nội dung bài viết." in block["value"]
    assert data["main_image"]["url"].endswith(".png") or data["main_image"]["url"]
    assert {"url", "width", "height", "alt"} <= set(data["main_image"])


def test_introduction_with_leaders_in_rank_order(client, portals):
    intro = portals.section("sotuphap", "gioi-thieu")
    LeaderProfileFactory(page=intro, name="Phó Giám đốc", sort_order=1)
    LeaderProfileFactory(page=intro, name="Giám đốc", sort_order=0, photo=ImageFactory())
    intro = page_publish(intro, history="<p>Thành lập năm 1997.</p>")

    data = detail(client, intro)

    assert "Thành lập năm 1997." in data["history"]
    assert [leader["name"] for leader in data["leaders"]] == ["Giám đốc", "Phó Giám đốc"]
    assert {"url", "width", "height"} <= set(data["leaders"][0]["photo"])


def test_work_schedule_with_entries(client, portals):
    schedule = WorkSchedulePageFactory(parent=portals.section("sotuphap", "chi-dao-dieu-hanh"))
    WorkScheduleEntryFactory(page=schedule, content="Họp giao ban tuần")

    data = detail(client, schedule)

    assert data["week_start"] == schedule.week_start.isoformat()
    [entry] = data["entries"]
    assert entry["content"] == "Họp giao ban tuần"
    assert entry["start_time"] == "08:00:00"


def test_official_contacts(client, portals):
    contacts = portals.section("sotuphap", "lien-he-can-bo")
    OfficialContactFactory(page=contacts, name="Trần Thị Liên Hệ", email="lienhe@bacninh.gov.vn")
    contacts = page_publish(contacts)

    [contact] = detail(client, contacts)["contacts"]

    assert contact["name"] == "Trần Thị Liên Hệ"
    assert contact["email"] == "lienhe@bacninh.gov.vn"


def test_gazette_issue_lists_its_documents_with_abstracts(client, portals):
    document = LegalDocumentPageFactory(parent=portals.section("bacninh", "van-ban"), document_number="12/2021/NQ-HĐND")
    issue = GazetteIssuePageFactory(parent=portals.section("bacninh", "cong-bao"))
    GazetteEntryFactory(page=issue, legal_document=document)

    data = detail(client, issue, PROVINCE)

    [entry] = data["entries"]
    assert entry["document_number"] == "12/2021/NQ-HĐND"
    assert entry["abstract"] == document.abstract
    assert entry["legal_document"]["id"] == document.pk
    assert entry["legal_document"]["meta"]["detail_url"].endswith(f"/api/v2/pages/{document.pk}/")


def test_images_and_documents_endpoints_hold_only_the_portals_media(client, portals):
    own_collection = portals.units["sotuphap"].collection
    image = ImageFactory(title="Trụ sở Sở Tư pháp", collection=own_collection)
    document = DocumentFactory(title="Biểu mẫu", collection=own_collection)
    unused = DocumentFactory(title="Dự thảo chưa công bố", collection=own_collection)
    other_image = ImageFactory(collection=portals.units["bacninh"].collection)
    other_document = DocumentFactory(collection=portals.units["bacninh"].collection)
    # A document is public once a live page of its portal uses it (security.documents).
    LegalDocumentFileFactory(page=LegalDocumentPageFactory(parent=portals.section("sotuphap", "van-ban")),
                             document=document)
    LegalDocumentFileFactory(page=LegalDocumentPageFactory(parent=portals.section("bacninh", "van-ban")),
                             document=other_document)
    # So is an image (issue #16 item 7).
    NewsPageFactory(parent=portals.section("sotuphap", "tin-tuc"), main_image=image)
    NewsPageFactory(parent=portals.section("bacninh", "tin-tuc"), main_image=other_image)

    images = api_get(client, "/api/v2/images/").json()["items"]
    documents = api_get(client, "/api/v2/documents/").json()["items"]

    assert [item["id"] for item in images] == [image.pk]
    [item] = documents
    assert item["id"] == document.pk
    assert item["meta"]["download_url"].endswith(".pdf")
    assert api_get(client, f"/api/v2/documents/{unused.pk}/").status_code == 404
    # By id too, and the other portal sees its own.
    assert api_get(client, f"/api/v2/images/{other_image.pk}/").status_code == 404
    assert api_get(client, f"/api/v2/documents/{other_document.pk}/").status_code == 404
    assert api_get(client, f"/api/v2/documents/{other_document.pk}/", PROVINCE).status_code == 200
    assert listing_ids(api_get(client, "/api/v2/images/", PROVINCE)) == {other_image.pk}


def test_the_site_parameter_cannot_reach_another_portal(client, portals):
    other = NewsPageFactory(parent=portals.section("bacninh", "tin-tuc"))

    for url in (f"/api/v2/pages/?site={PROVINCE}", f"/api/v2/pages/{other.pk}/?site={PROVINCE}"):
        response = api_get(client, url)
        assert response.status_code == 400
        assert "site" in response.json()["message"]


# --- pagination, caching, CORS ---------------------------------------------------------


@override_settings(WAGTAILAPI_LIMIT_MAX=3)
def test_limit_offset_pagination_with_a_maximum(client, portals):
    news = portals.section("sotuphap", "tin-tuc")
    pages = [NewsPageFactory(parent=news) for _ in range(4)]

    response = api_get(client, "/api/v2/pages/?type=cms.NewsPage&limit=3&offset=2&order=id")
    assert response.json()["meta"]["total_count"] == 4
    assert [item["id"] for item in response.json()["items"]] == [p.pk for p in pages[2:]]
    too_many = api_get(client, "/api/v2/pages/?type=cms.NewsPage&limit=4")
    assert too_many.status_code == 400
    assert "limit cannot be higher than 3" in too_many.json()["message"]


def test_public_gets_are_cacheable_per_host(client, portals):
    news = NewsPageFactory(parent=portals.section("sotuphap", "tin-tuc"))

    for url in ("/api/v2/pages/", f"/api/v2/pages/{news.pk}/", "/api/v2/images/", "/api/v2/documents/"):
        response = api_get(client, url)
        assert response.status_code == 200
        assert "public" in response["Cache-Control"]
        assert "max-age=60" in response["Cache-Control"]
        assert "Host" in response["Vary"]
    with override_settings(API_CACHE_MAX_AGE=5):
        assert "max-age=5" in api_get(client, "/api/v2/pages/")["Cache-Control"]
    # Errors are not cached as if they were content.
    assert "public" not in api_get(client, "/api/v2/pages/999999/").get("Cache-Control", "")


@override_settings(CORS_ALLOWED_ORIGINS=["https://tintuc.bacninh.gov.vn"])
def test_cors_allows_configured_front_end_origins(client, portals):
    allowed = api_get(client, "/api/v2/pages/", HTTP_ORIGIN="https://tintuc.bacninh.gov.vn")
    other = api_get(client, "/api/v2/pages/", HTTP_ORIGIN="https://evil.example")

    assert allowed["Access-Control-Allow-Origin"] == "https://tintuc.bacninh.gov.vn"
    assert "Access-Control-Allow-Origin" not in other
