"""A gazette issue reads the documents it lists in one query, however many there are:
when it is published (each entry copies its document's number, title and abstract)
and when it is shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import GazetteEntry, GazetteIssuePage
from tests.cms.factories import GazetteEntryFactory, GazetteIssuePageFactory, LegalDocumentPageFactory

pytestmark = pytest.mark.django_db

PROVINCE_HOST = "bacninh.gov.vn"
DOCUMENTS = 6


def document_reads(queries) -> int:
    return sum(1 for q in queries if q["sql"].lstrip().upper().startswith("SELECT")
               and 'FROM "cms_legaldocumentpage"' in q["sql"])


@pytest.fixture
def issue(portals):
    documents = [
        LegalDocumentPageFactory(parent=portals.section("bacninh", "van-ban"), document_number=f"{n}/QĐ-UBND")
        for n in range(1, DOCUMENTS + 1)
    ]
    issue = GazetteIssuePageFactory(parent=portals.section("bacninh", "cong-bao"), issue_number="9")
    for document in documents:
        GazetteEntryFactory(page=issue, legal_document=document)
    return issue


def test_saving_an_issue_reads_its_documents_once(issue):
    """The admin's form saves the page with its entries held in memory."""
    issue = GazetteIssuePage.objects.get(pk=issue.pk)
    documents = [entry.legal_document_id for entry in issue.entries.all()]
    issue.entries = [GazetteEntry(legal_document_id=pk) for pk in reversed(documents)]
    with CaptureQueriesContext(connection) as captured:
        issue.save()
    assert document_reads(captured.captured_queries) == 1
    numbers = list(GazetteEntry.objects.filter(page=issue).order_by("sort_order").values_list("recorded_number", flat=True))
    assert numbers == [f"{n}/QĐ-UBND" for n in range(DOCUMENTS, 0, -1)]


def test_publishing_an_issue_reads_each_document_once(issue):
    revision = GazetteIssuePage.objects.get(pk=issue.pk).save_revision()
    with CaptureQueriesContext(connection) as captured:
        revision.publish()
    # modelcluster checks that each entry's document exists when it reads the revision
    # (one query each); the entries' records then take one more query, not one each.
    assert document_reads(captured.captured_queries) == DOCUMENTS + 1
    entries = list(GazetteIssuePage.objects.get(pk=issue.pk).entries.all())
    assert [entry.recorded_number for entry in entries] == [f"{n}/QĐ-UBND" for n in range(1, DOCUMENTS + 1)]


def test_the_issue_page_reads_its_documents_once(issue, client):
    issue.save_revision().publish()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(issue.url, HTTP_HOST=PROVINCE_HOST)
    assert response.status_code == 200
    html = response.content.decode()
    assert all(f"{n}/QĐ-UBND</a>" in html for n in range(1, DOCUMENTS + 1))
    assert document_reads(captured.captured_queries) <= 1
