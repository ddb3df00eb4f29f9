"""The legal documents section: filters with counts, sorting, every document's facts
(Điều 8.1.e, issue #17 item 3)."""

import datetime

import pytest

from cms.legal_document_list import authority_matches
from cms.models.legal_documents import DocumentStatus, DocumentType
from tests.cms.factories import LegalDocumentPageFactory

HOST = "bacninh.gov.vn"


@pytest.mark.parametrize(
    "query,authority,expected",
    [
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh Bắc Ninh", True),
        ("UBND tỉnh", "UBND tỉnh Bắc Ninh", True),
        ("ubnd tinh bac ninh", "Ủy ban nhân dân tỉnh Bắc Ninh", True),
        ("Ủy ban nhân dân huyện", "UBND huyện Tiên Du", True),
        ("HĐND tỉnh", "Hội đồng nhân dân tỉnh Bắc Ninh", True),
        ("UBND tỉnh", "UBND huyện Tiên Du", False),
        ("UBND tỉnh", "Sở Tư pháp tỉnh Bắc Ninh", False),
    ],
)
def test_authority_abbreviations_are_matched(query, authority, expected):
    assert authority_matches(query, authority) is expected


@pytest.fixture
def documents(portals):
    section = portals.section("bacninh", "van-ban")
    make = LegalDocumentPageFactory
    return {
        "d96": make(parent=section, document_number="96/QĐ-UBND", issuing_authority="UBND tỉnh Bắc Ninh",
                    issue_date=datetime.date(2021, 3, 18), field="Thông tin và truyền thông"),
        "nq": make(parent=section, document_number="12/NQ-HĐND", document_type=DocumentType.RESOLUTION,
                   issuing_authority="Hội đồng nhân dân tỉnh Bắc Ninh", issue_date=datetime.date(2022, 7, 1),
                   field="Tài chính", status=DocumentStatus.EXPIRED),
        "ct": make(parent=section, document_number="05/CT-UBND", document_type=DocumentType.DIRECTIVE,
                   issuing_authority="Ủy ban nhân dân tỉnh Bắc Ninh", issue_date=datetime.date(2023, 5, 2),
                   effective_date=None, field="Tài chính"),
        "section": section,
    }


def listed(client, documents, query=""):
    response = client.get(documents["section"].url + query, HTTP_HOST=HOST)
    assert response.status_code == 200
    return response, [item.document_number for item in response.context["items"]]


def test_every_document_shows_its_facts_and_the_list_links_to_the_document_search(client, documents):
    response, numbers = listed(client, documents)
    html = response.content.decode()
    assert numbers == ["05/CT-UBND", "12/NQ-HĐND", "96/QĐ-UBND"]  # newest first
    for key in ("d96", "nq", "ct"):
        page = documents[key]
        assert page.document_number in html and page.abstract in html
        assert page.issue_date.strftime("%d/%m/%Y") in html
    assert "Hết hiệu lực" in html and "Còn hiệu lực" in html  # statuses in Vietnamese
    assert 'href="/tim-kiem/van-ban/"' in html
    # A list, not a table whose columns a phone hides.
    assert "<table" not in html


def test_filters_by_type_field_year_status_and_authority_with_counts(client, documents):
    assert listed(client, documents, "?document_type=resolution")[1] == ["12/NQ-HĐND"]
    assert listed(client, documents, "?field=T%C3%A0i+ch%C3%ADnh")[1] == ["05/CT-UBND", "12/NQ-HĐND"]
    assert listed(client, documents, "?year=2021")[1] == ["96/QĐ-UBND"]
    assert listed(client, documents, "?status=expired")[1] == ["12/NQ-HĐND"]
    response, numbers = listed(client, documents, "?authority=UBND+t%E1%BB%89nh")
    assert numbers == ["05/CT-UBND", "96/QĐ-UBND"]  # both spellings of the committee
    html = response.content.decode()
    assert "Tài chính (2)" in html and "2021 (1)" in html
    assert "UBND tỉnh Bắc Ninh</a> (1)" in html and "Hội đồng nhân dân tỉnh Bắc Ninh</a> (1)" in html
    assert "Không có văn bản nào" not in html


def test_sorts_by_date_or_number(client, documents):
    assert listed(client, documents, "?sort=oldest")[1] == ["96/QĐ-UBND", "12/NQ-HĐND", "05/CT-UBND"]
    assert listed(client, documents, "?sort=number")[1] == ["05/CT-UBND", "12/NQ-HĐND", "96/QĐ-UBND"]


def test_unknown_filter_values_show_everything_not_an_error(client, documents):
    assert len(listed(client, documents, "?status=nope&year=abc")[1]) == 3


def test_pages_keep_the_filters(client, documents):
    section = documents["section"]
    for n in range(section.items_per_page):
        LegalDocumentPageFactory(parent=section, document_number=f"{100 + n}/QĐ-UBND")
    response, numbers = listed(client, documents, "?document_type=decision&sort=number")
    assert len(numbers) == section.items_per_page
    assert "?document_type=decision&amp;sort=number&amp;page=2" in response.content.decode()
    assert len(listed(client, documents, "?document_type=decision&sort=number&page=2")[1]) == 1
