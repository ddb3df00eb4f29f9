"""Điều 10.4: deleting a published legal document or financial report archives it
(unpublished, kept with its revisions); the board head or the provincial board
restores it; only a superuser purges it, and the purge is logged."""

import pytest
from django.urls import reverse
from wagtail.models import Page, Revision

from compliance.archiving import (
    MESSAGE_WILL_ARCHIVE,
    ArchivePermissionError,
    archived_item_purge,
    archived_item_restore,
)
from compliance.models import ArchivedItem
from tenants.models import BoardRole
from tests.cms import factories as f
from tests.factories import UserFactory, board_member

SOTUPHAP_HOST = "sotuphap.bacninh.gov.vn"


@pytest.fixture
def portals(db, today):
    return f.portal_with_sections(slugs={"bacninh", "sotuphap"})


def _delete(client, page):
    return client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))


def test_deleting_a_published_document_archives_it(portals, client):
    units = portals.units
    head = board_member(units["sotuphap"], BoardRole.HEAD, username="sotuphap.head")
    documents = portals.section("sotuphap", "van-ban")
    document = f.LegalDocumentPageFactory(parent=documents, issuing_authority="Sở Tư pháp")
    f.page_publish(document, abstract="Sửa đổi trích yếu.")  # a second revision
    report = f.FinancialReportPageFactory(parent=portals.section("sotuphap", "bao-cao-tai-chinh"))
    draft = f.LegalDocumentPageFactory(parent=documents, live=False, first_published_at=None,
                                       last_published_at=None)
    revisions = Revision.page_revisions.filter(object_id=str(document.pk)).count()
    client.force_login(head)

    # The confirmation page warns; confirming archives instead of deleting.
    confirm = client.get(reverse("wagtailadmin_pages:delete", args=[document.pk]))
    assert confirm.status_code == 200 and str(MESSAGE_WILL_ARCHIVE) in confirm.text
    response = _delete(client, document)
    assert response.status_code == 302
    document = Page.objects.get(pk=document.pk)
    assert not document.live and document.locked
    assert Revision.page_revisions.filter(object_id=str(document.pk)).count() == revisions
    item = ArchivedItem.objects.get(page=document)
    assert (item.archived_by, item.unit, item.is_archived) == (head, units["sotuphap"], True)
    assert item.revision_id is not None

    # Archived pages are unpublished: gone from the API, the section listing and the page itself.
    api = client.get("/api/v2/pages/?type=cms.LegalDocumentPage", HTTP_HOST=SOTUPHAP_HOST).json()
    assert document.pk not in {row["id"] for row in api["items"]}
    assert document.title not in client.get("/van-ban/", HTTP_HOST=SOTUPHAP_HOST).text
    assert client.get(f"/api/v2/pages/{document.pk}/", HTTP_HOST=SOTUPHAP_HOST).status_code == 404

    # Deleting again, or deleting the section above a kept page, destroys nothing.
    assert _delete(client, document).status_code == 302
    assert _delete(client, report).status_code == 302  # a financial report is archived too
    assert ArchivedItem.objects.filter(page=report).exists()
    assert _delete(client, documents).status_code == 302
    assert Page.objects.filter(pk__in=[document.pk, report.pk, documents.pk]).count() == 3
    # A document never published is the board's to delete.
    assert _delete(client, draft).status_code == 302
    assert not Page.objects.filter(pk=draft.pk).exists()

    # The archive screen lists it for the board.
    archive = client.get(reverse("compliance_exchange:archive"))
    assert archive.status_code == 200 and document.title in archive.text and 'value="purge"' not in archive.text


def test_restore_by_head_or_province_and_purge_only_by_superuser(portals, client):
    units = portals.units
    head = board_member(units["sotuphap"], BoardRole.HEAD, username="sotuphap.head")
    member = board_member(units["sotuphap"], BoardRole.MEMBER, username="sotuphap.member")
    province = board_member(units["bacninh"], BoardRole.DEPUTY, username="bacninh.deputy")
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    documents = portals.section("sotuphap", "van-ban")
    document = f.LegalDocumentPageFactory(parent=documents, title="Quyết định 12/QĐ-STP")
    client.force_login(head)
    _delete(client, document)
    item = ArchivedItem.objects.get(page=document)

    with pytest.raises(ArchivePermissionError):
        archived_item_restore(item=item, user=member)
    archived_item_restore(item=item, user=head)
    document.refresh_from_db()
    assert document.live and not document.locked
    assert item.restored_by == head and not item.is_archived

    _delete(client, document)
    item = ArchivedItem.objects.get(page=document, restored_at__isnull=True)
    client.force_login(province)  # the provincial board restores through the archive screen
    assert client.post(reverse("compliance_exchange:archive"), {"item": item.pk, "operation": "restore"}).status_code == 302
    document.refresh_from_db()
    assert document.live

    client.force_login(head)
    _delete(client, document)
    item = ArchivedItem.objects.get(page=document, restored_at__isnull=True)
    for user in (head, province):
        with pytest.raises(ArchivePermissionError):
            archived_item_purge(item=item, user=user)
    # Wagtail's "permission denied": back to the dashboard, nothing purged.
    assert client.post(reverse("compliance_exchange:archive"), {"item": item.pk, "operation": "purge"}).url == "/admin/"
    assert Page.objects.filter(pk=document.pk).exists()
    archived_item_purge(item=item, user=admin)
    item.refresh_from_db()
    assert not Page.objects.filter(pk=document.pk).exists()
    assert (item.page, item.page_title, item.purged_by) == (None, "Quyết định 12/QĐ-STP", admin)
    assert item.purged_at is not None
