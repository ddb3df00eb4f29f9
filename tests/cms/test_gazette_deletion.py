"""Deleting a legal document, or a whole portal, that gazette entries name (Điều 8.2.a).

The gazette is a legal record: an entry outlives its document (the link is emptied,
the entry keeps its own copy of the number, title and abstract), and deleting works,
in the admin as in ``transfer``. Deleting the gazette issue, or the province's portal
that holds the gazette, deletes its entries with it."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Site

from cms.models import GazetteEntry, GazetteIssuePage, LegalDocumentPage
from cms.models.legal_documents import MESSAGE_GAZETTE_DOCUMENT_REQUIRED
from compliance.archiving import archived_item_purge
from compliance.models import ArchivedItem
from tenants.models import Unit
from tests.cms.factories import GazetteEntryFactory, GazetteIssuePageFactory, LegalDocumentPageFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROVINCE_HOST = "bacninh.gov.vn"


@pytest.fixture
def superuser(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


@pytest.fixture
def gazette(portals):
    """A published issue of the province's gazette naming a provincial decision and a
    department's decision (the department's portal is another tree)."""
    province_doc = LegalDocumentPageFactory(parent=portals.section("bacninh", "van-ban"), document_number="96/QĐ-UBND")
    department_doc = LegalDocumentPageFactory(
        parent=portals.section("sotuphap", "van-ban"), document_number="12/QĐ-STP", issuing_authority="Sở Tư pháp",
        live=False, first_published_at=None, last_published_at=None,  # a draft: no archiving (Điều 10.4)
    )
    issue = GazetteIssuePageFactory(parent=portals.section("bacninh", "cong-bao"), issue_number="7")
    GazetteEntryFactory(page=issue, legal_document=province_doc)
    GazetteEntryFactory(page=issue, legal_document=department_doc)
    issue.save_revision().publish()
    return issue


def _entries(issue):
    return list(GazetteEntry.objects.filter(page=issue).order_by("sort_order"))


def _delete(client, page):
    return client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))


# --- the entry keeps its record ------------------------------------------------------------


def test_an_entry_records_its_document_when_saved(gazette):
    province_entry, department_entry = _entries(gazette)
    assert (province_entry.recorded_number, department_entry.recorded_number) == ("96/QĐ-UBND", "12/QĐ-STP")
    assert department_entry.recorded_title == "Quyết định 12/QĐ-STP"
    assert department_entry.recorded_abstract == department_entry.legal_document.abstract
    # While the document exists, what is shown comes from it (an editor's correction shows).
    LegalDocumentPage.objects.filter(pk=department_entry.legal_document_id).update(abstract="Trích yếu đã sửa")
    department_entry = GazetteEntry.objects.get(pk=department_entry.pk)
    assert department_entry.abstract == "Trích yếu đã sửa" and department_entry.document_number == "12/QĐ-STP"


def test_deleting_a_document_keeps_the_entry_with_its_last_values(gazette, client):
    _, department_entry = _entries(gazette)
    document = LegalDocumentPage.objects.get(pk=department_entry.legal_document_id)
    # Changed without saving the entry: the deletion records the latest values.
    LegalDocumentPage.objects.filter(pk=document.pk).update(title="Quyết định về hộ tịch", abstract="Về hộ tịch")
    document.delete()

    entry = GazetteEntry.objects.get(pk=department_entry.pk)
    assert entry.legal_document_id is None
    assert (entry.document_number, entry.document_title, entry.abstract) == (
        "12/QĐ-STP", "Quyết định về hộ tịch", "Về hộ tịch"
    )
    # The issue still lists it, without a link, and its API says the same.
    response = client.get(gazette.get_url_parts()[2], HTTP_HOST=PROVINCE_HOST)
    assert response.status_code == 200
    assert "12/QĐ-STP: Về hộ tịch" in response.text and "96/QĐ-UBND</a>" in response.text
    api = client.get(f"/api/v2/pages/{gazette.pk}/", HTTP_HOST=PROVINCE_HOST)
    assert api.status_code == 200, api.content
    assert {k: api.json()["entries"][1][k] for k in ("legal_document", "document_number", "document_title")} == {
        "legal_document": None, "document_number": "12/QĐ-STP", "document_title": "Quyết định về hộ tịch"
    }
    # An entry without its document stays valid (its record is kept); a new one is not.
    entry.full_clean(exclude=["page"])
    with pytest.raises(ValidationError) as error:
        GazetteEntry(page=gazette).full_clean(exclude=["page"])
    assert error.value.message_dict["legal_document"] == [str(MESSAGE_GAZETTE_DOCUMENT_REQUIRED)]


def test_the_issue_revisions_still_open_and_publish_without_the_document(gazette):
    _, department_entry = _entries(gazette)
    LegalDocumentPage.objects.get(pk=department_entry.legal_document_id).delete()

    revision = GazetteIssuePage.objects.get(pk=gazette.pk).get_latest_revision()
    kept = [e for e in revision.as_object().entries.all() if e.recorded_number == "12/QĐ-STP"]
    assert kept and kept[0].legal_document_id is None
    revision.publish()
    entries = _entries(gazette)
    assert len(entries) == 2 and entries[1].legal_document_id is None and entries[1].document_number == "12/QĐ-STP"


# --- in the admin ----------------------------------------------------------------------------


def test_admin_deletes_a_draft_document_that_a_gazette_entry_names(gazette, superuser, client):
    _, department_entry = _entries(gazette)
    document = department_entry.legal_document
    confirm = client.get(reverse("wagtailadmin_pages:delete", args=[document.pk]))
    assert confirm.status_code == 200  # not refused as protected

    assert _delete(client, document).status_code == 302
    assert not Page.objects.filter(pk=document.pk).exists()
    assert GazetteEntry.objects.get(pk=department_entry.pk).document_number == "12/QĐ-STP"


def test_superuser_purges_an_archived_document_that_the_gazette_names(gazette, superuser, client):
    """A published document is archived when deleted (Điều 10.4); its purge by a
    superuser used to fail on the gazette's PROTECT."""
    province_entry, _ = _entries(gazette)
    document = province_entry.legal_document
    assert _delete(client, document).status_code == 302
    item = ArchivedItem.objects.get(page=document)

    archived_item_purge(item=item, user=superuser)
    assert not Page.objects.filter(pk=document.pk).exists()
    entry = GazetteEntry.objects.get(pk=province_entry.pk)
    assert (entry.legal_document_id, entry.document_number) == (None, "96/QĐ-UBND")


def test_admin_deletes_a_portal_whose_documents_another_portals_gazette_names(portals, gazette, superuser, client):
    home = portals.homes["sotuphap"]
    pages = set(home.get_descendants(inclusive=True).values_list("pk", flat=True))
    others = Page.objects.exclude(pk__in=pages).count()
    assert _delete(client, home).status_code == 302

    assert not Page.objects.filter(pk__in=pages).exists()
    assert Page.objects.count() == others  # nothing outside the portal went with it
    assert not Site.objects.filter(hostname="sotuphap.bacninh.gov.vn").exists()
    province_entry, department_entry = _entries(gazette)
    assert province_entry.legal_document_id is not None
    assert (department_entry.legal_document_id, department_entry.document_number) == (None, "12/QĐ-STP")
    assert GazetteIssuePage.objects.get(pk=gazette.pk).live


def test_admin_deletes_the_portal_holding_the_gazette_with_its_entries(portals, superuser, client):
    """The province's own documents and gazette go together (drafts here: published
    documents are first archived and purged one by one, see compliance.archiving)."""
    draft = dict(live=False, first_published_at=None, last_published_at=None)
    own = LegalDocumentPageFactory(parent=portals.section("bacninh", "van-ban"), **draft)
    department_doc = LegalDocumentPageFactory(parent=portals.section("sotuphap", "van-ban"), **draft)
    issue = GazetteIssuePageFactory(parent=portals.section("bacninh", "cong-bao"))
    GazetteEntryFactory(page=issue, legal_document=own)
    GazetteEntryFactory(page=issue, legal_document=department_doc)
    home = portals.homes["bacninh"]
    assert not home.get_descendants().filter(pk=portals.homes["sotuphap"].pk).exists()

    assert _delete(client, home).status_code == 302
    assert not Page.objects.filter(pk__in=[home.pk, own.pk, issue.pk]).exists()
    assert not GazetteEntry.objects.exists()
    assert LegalDocumentPage.objects.filter(pk=department_doc.pk).exists()  # the department's stays


# --- transfer ---------------------------------------------------------------------------------


def test_replace_keeps_the_entries_linked_or_not(portals, gazette, tmp_path):
    """``import_portal --replace`` deletes the portal's pages and creates them again:
    the entries come back with their links remapped, or their record alone."""
    _, department_entry = _entries(gazette)
    LegalDocumentPage.objects.get(pk=department_entry.legal_document_id).delete()
    archive = tmp_path / "bacninh.zip"
    call_command("export_portal", "bacninh", output=archive, verbosity=0)

    call_command("import_portal", archive, replace=True, verbosity=0)
    issue = GazetteIssuePage.objects.get(unit=Unit.objects.get(slug="bacninh"), issue_number="7")
    province_entry, department_entry = _entries(issue)
    assert province_entry.legal_document.document_number == "96/QĐ-UBND"
    assert province_entry.legal_document.unit.slug == "bacninh"
    assert (department_entry.legal_document_id, department_entry.document_number) == (None, "12/QĐ-STP")


def test_the_migration_records_the_existing_entries(gazette):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("cms.migrations.0007_gazette_entry_keeps_record")
    GazetteEntry.objects.update(recorded_number="", recorded_title="", recorded_abstract="")
    migration.entries_record(apps, None)
    assert [e.recorded_number for e in _entries(gazette)] == ["96/QĐ-UBND", "12/QĐ-STP"]
    assert all(e.recorded_title and e.recorded_abstract for e in _entries(gazette))
