"""Query filters of the pages endpoint (cms.api.filters): legal documents, projects,
mandated sections and information-date ranges."""

import datetime

import pytest

from cms.api.filters import NEEDS_TYPE, UNKNOWN_SECTION
from tests.cms.factories import LegalDocumentPageFactory, NewsPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

HOST = "sotuphap.bacninh.gov.vn"
DOCUMENTS = "/api/v2/pages/?type=cms.LegalDocumentPage&"


def ids(client, url):
    response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


@pytest.fixture
def documents(portals):
    section = portals.section("sotuphap", "van-ban")
    return {
        "decision": LegalDocumentPageFactory(
            parent=section, document_number="96/QĐ-UBND", document_type="decision",
            issuing_authority="UBND tỉnh Bắc Ninh", issue_date=datetime.date(2021, 3, 18), status="in_force",
        ),
        "resolution": LegalDocumentPageFactory(
            parent=section, document_number="12/2020/NQ-HĐND", document_type="resolution",
            issuing_authority="HĐND tỉnh Bắc Ninh", issue_date=datetime.date(2020, 7, 10), status="expired",
        ),
        "directive": LegalDocumentPageFactory(
            parent=section, document_number="05/CT-UBND", document_type="directive",
            issuing_authority="UBND huyện Tiên Du", issue_date=datetime.date(2021, 11, 2), status="in_force",
        ),
    }


def test_document_type(client, documents):
    assert ids(client, DOCUMENTS + "document_type=resolution") == {documents["resolution"].pk}


def test_issuing_authority_matches_part_of_the_name_in_any_case(client, documents):
    assert ids(client, DOCUMENTS + "issuing_authority=ubnd") == {documents["decision"].pk, documents["directive"].pk}
    assert ids(client, DOCUMENTS + "issuing_authority=UBND tỉnh") == {documents["decision"].pk}


def test_year_of_issue(client, documents):
    assert ids(client, DOCUMENTS + "year=2021") == {documents["decision"].pk, documents["directive"].pk}
    assert client.get(DOCUMENTS + "year=21", HTTP_HOST=HOST).status_code == 400


@pytest.mark.parametrize("number", ["96/QĐ-UBND", "96/qd-ubnd", "96 / QD - UBND", "96/Qđ-ubnd"])
def test_document_number_in_any_spelling(client, documents, number):
    assert ids(client, DOCUMENTS + f"number={number}") == {documents["decision"].pk}


def test_status(client, documents):
    assert ids(client, DOCUMENTS + "status=expired") == {documents["resolution"].pk}
    unknown = client.get(DOCUMENTS + "status=valid", HTTP_HOST=HOST)
    assert unknown.status_code == 400
    assert "in_force" in unknown.json()["message"]


def test_filters_combine(client, documents):
    assert ids(client, DOCUMENTS + "year=2021&status=in_force&issuing_authority=tỉnh") == {documents["decision"].pk}


def test_a_field_filter_needs_the_page_type(client, documents):
    response = client.get("/api/v2/pages/?status=in_force", HTTP_HOST=HOST)

    assert response.status_code == 400
    assert response.json()["message"] == NEEDS_TYPE % {"param": "status", "example": "cms.LegalDocumentPage"}


def test_project_status_and_field(client, portals):
    section = portals.section("sotuphap", "du-an")
    road = ProjectPageFactory(parent=section, status="in_progress", field="Giao thông")
    school = ProjectPageFactory(parent=section, status="completed", field="Giáo dục")
    projects = "/api/v2/pages/?type=cms.ProjectPage&"

    assert ids(client, projects + "status=in_progress") == {road.pk}
    assert ids(client, projects + "status=completed") == {school.pk}
    assert ids(client, projects + "field=Giáo dục") == {school.pk}
    assert client.get(projects + "status=in_force", HTTP_HOST=HOST).status_code == 400


def test_section_gives_the_page_types_of_a_mandated_item(client, portals, documents):
    NewsPageFactory(parent=portals.section("sotuphap", "tin-tuc"))
    index = portals.section("sotuphap", "van-ban")

    assert ids(client, "/api/v2/pages/?section=8.1.e") == {index.pk, *(d.pk for d in documents.values())}
    unknown = client.get("/api/v2/pages/?section=9.9", HTTP_HOST=HOST)
    assert unknown.status_code == 400
    assert unknown.json()["message"].startswith(UNKNOWN_SECTION.split("%")[0])


def test_information_date_range_with_and_without_type(client, portals):
    news = portals.section("sotuphap", "tin-tuc")
    old = NewsPageFactory(parent=news, information_date=datetime.date(2024, 12, 31))
    new = NewsPageFactory(parent=news, information_date=datetime.date(2025, 2, 1))
    doc = LegalDocumentPageFactory(parent=portals.section("sotuphap", "van-ban"),
                                   information_date=datetime.date(2025, 1, 15))

    assert ids(client, "/api/v2/pages/?type=cms.NewsPage&information_date_from=2025-01-01") == {new.pk}
    assert ids(client, "/api/v2/pages/?type=cms.NewsPage&information_date_to=2024-12-31") == {old.pk}
    # Across page types: every portal page type carries the date.
    assert ids(client, "/api/v2/pages/?information_date_from=2025-01-01&information_date_to=2025-01-31") == {doc.pk}
    assert client.get("/api/v2/pages/?information_date_from=01/01/2025", HTTP_HOST=HOST).status_code == 400


@pytest.mark.parametrize("value", ["null", "1.11066716313266e+16", "2025-13-45"])
def test_a_field_filter_with_a_value_its_field_refuses_is_a_400_not_a_500(client, portals, value):
    # Found by the OpenAPI fuzzer: Wagtail's exact-match filter hands a date-time field
    # any text, and Django's ValidationError escaped as a server error.
    page = NewsPageFactory(parent=portals.section("sotuphap", "tin-tuc"))
    for url in ("/api/v2/pages/", f"/api/v2/pages/{page.pk}/"):
        response = client.get(url, {"first_published_at": value}, HTTP_HOST=HOST)
        assert response.status_code == 400, (url, response.content)
        assert response.json()["message"].startswith("field filter error")
    assert ids(client, "/api/v2/pages/?type=cms.NewsPage&first_published_at=" +
               page.first_published_at.isoformat().replace("+", "%2B")) == {page.pk}
