"""Issue #9 item 2 / issue #8: who may download a document (security.documents).

A document is served to the public only once a live page of the requested portal
without a view restriction uses it (an inline file, a StreamField block, a rich text
link); otherwise 404, as for a document that does not exist. Editors of its collection
get it regardless, to preview their drafts. The unused document on every host is
``test_isolation_public.test_a_document_no_published_page_uses_is_not_served_to_the_public``.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from cms import models as cms
from tenants.models import BoardRole
from tests.cms import factories as f
from tests.factories import board_member
from tests.security.conftest import OTHER, OTHER_HOST, OWN, OWN_HOST

pytestmark = pytest.mark.django_db

CONTENT = b"%PDF-1.4 test"  # tests.cms.factories.DocumentFactory's file


def serve(client, document, host=OWN_HOST):
    response = client.get(reverse("wagtaildocs_serve", args=[document.pk, document.filename]), HTTP_HOST=host)
    if response.status_code == 200:
        response.body = b"".join(response.streaming_content)
    return response


def own_document(portals):
    return f.DocumentFactory(title="Tài liệu của sở", collection=portals.units[OWN].collection)


def document_block(document):
    block = cms.NewsPage._meta.get_field("body").stream_block.child_blocks["document"]
    return ("document", block.to_python({"document": document.pk, "title": "Tải về"}))


def rich_text_link(document):
    return ("rich_text", RichText(f'<p>Xem <a linktype="document" id="{document.pk}">toàn văn</a>.</p>'))


def use_as_legal_document_file(portals, document, **page):
    legal = f.LegalDocumentPageFactory(parent=portals.section(OWN, "van-ban"), **page)
    f.LegalDocumentFileFactory(page=legal, document=document)
    return legal


def use_in_stream_block(portals, document, **page):
    return f.NewsPageFactory(parent=portals.section(OWN, "tin-tuc"), body=[document_block(document)], **page)


def use_in_stream_rich_text(portals, document, **page):
    return f.NewsPageFactory(parent=portals.section(OWN, "tin-tuc"), body=[rich_text_link(document)], **page)


def use_in_rich_text_field(portals, document, **page):
    return f.IntroductionPageFactory(parent=portals.homes[OWN], slug="gioi-thieu-tai-lieu",
                                     history=f'<p><a linktype="document" id="{document.pk}">Lịch sử</a></p>', **page)


USES = [use_as_legal_document_file, use_in_stream_block, use_in_stream_rich_text, use_in_rich_text_field]


@pytest.mark.parametrize("use", USES, ids=lambda use: use.__name__)
def test_a_document_a_live_page_uses_is_served_on_that_portal_only(client, portals, use):
    document = own_document(portals)
    use(portals, document)
    response = serve(client, document)
    assert response.status_code == 200
    assert response.body == CONTENT
    # The provincial portal's host does not serve the department's file.
    assert serve(client, document, OTHER_HOST).status_code == 404


@pytest.mark.parametrize("use", USES, ids=lambda use: use.__name__)
def test_a_document_only_a_draft_uses_is_not_served(client, portals, use):
    document = own_document(portals)
    use(portals, document, live=False, first_published_at=None, last_published_at=None)
    assert serve(client, document).status_code == 404


def test_a_document_added_only_in_an_unpublished_revision_is_not_served(client, portals):
    document = own_document(portals)
    page = f.NewsPageFactory(parent=portals.section(OWN, "tin-tuc"))
    page.body = [document_block(document)]
    page.save_revision()  # the editor saved, nobody approved yet
    assert serve(client, document).status_code == 404
    page.get_latest_revision().publish()
    assert serve(client, document).status_code == 200


@pytest.mark.parametrize("restriction", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def test_a_document_only_a_restricted_page_uses_is_not_served(client, portals, restriction):
    document = own_document(portals)
    page = use_in_stream_block(portals, document)
    PageViewRestriction.objects.create(page=page.get_parent(), restriction_type=restriction, password="mat-khau")
    assert serve(client, document).status_code == 404


def test_a_document_stops_being_served_when_its_page_is_unpublished(client, portals):
    document = own_document(portals)
    page = use_as_legal_document_file(portals, document)
    assert serve(client, document).status_code == 200
    page.unpublish()
    assert serve(client, document).status_code == 404


def test_a_document_two_pages_use_stays_served_while_one_is_live(client, portals):
    document = own_document(portals)
    first = use_in_stream_block(portals, document)
    use_in_stream_rich_text(portals, document)
    first.unpublish()
    assert serve(client, document).status_code == 200


@pytest.mark.parametrize("role", [BoardRole.MEMBER, BoardRole.CONTRIBUTOR, BoardRole.TRANSLATOR])
def test_the_portals_editors_get_an_unpublished_document(client, portals, role):
    document = own_document(portals)
    client.force_login(board_member(portals.units[OWN], role))
    assert serve(client, document).status_code == 200


def test_another_portals_board_does_not_get_an_unpublished_document(client, portals):
    document = own_document(portals)
    client.force_login(board_member(portals.units[OTHER], BoardRole.HEAD))
    assert serve(client, document).status_code == 404
    assert serve(client, document, OTHER_HOST).status_code == 404


def test_the_rule_costs_one_query(client, portals):
    document = own_document(portals)
    use_in_stream_block(portals, document)
    with CaptureQueriesContext(connection) as queries:
        assert serve(client, document).status_code == 200
    assert sum("referenceindex" in query["sql"].lower() for query in queries.captured_queries) == 1


def test_the_documents_api_lists_only_what_the_public_may_download(client, portals):
    used = own_document(portals)
    use_in_stream_block(portals, used)
    draft_only = own_document(portals)
    use_in_stream_block(portals, draft_only, live=False)
    restricted = own_document(portals)
    page = use_in_stream_block(portals, restricted)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")
    unused = own_document(portals)

    listed = {item["id"] for item in client.get("/api/v2/documents/", HTTP_HOST=OWN_HOST).json()["items"]}
    assert listed == {used.pk}
    for hidden in (draft_only, restricted, unused):
        assert client.get(f"/api/v2/documents/{hidden.pk}/", HTTP_HOST=OWN_HOST).status_code == 404
    assert client.get("/api/v2/documents/", HTTP_HOST=OTHER_HOST).json()["items"] == []
