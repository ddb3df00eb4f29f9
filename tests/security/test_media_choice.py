"""Issue #16 item 1: a board may only use its own portal's documents and images.

A head of the department used to be able to put the provincial portal's unpublished
document on a page of the department (a StreamField block, a rich text link, an inline
file) and publish it, and the document was then served to anyone. Now the page form
refuses media the editor may not choose, and serving requires the document's collection
to be one the referencing page's portal may use (its own, the shared library of no
portal, or one shared with its board on purpose).
"""

import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import Collection, GroupCollectionPermission, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms import models as cms
from security.media import portal_media_collections
from tenants.models import BoardRole
from tests.cms import factories as f
from tests.factories import board_member
from tests.security.conftest import OTHER, OWN, OWN_HOST, SECRET
from tests.security.test_documents import USES, serve

pytestmark = pytest.mark.django_db


def other_document(portals):
    return f.DocumentFactory(title=f"Tài liệu {SECRET} chưa công bố", collection=portals.units[OTHER].collection)


# --- serving -------------------------------------------------------------------------


@pytest.mark.parametrize("use", USES, ids=lambda use: use.__name__)
def test_a_live_page_does_not_publish_another_portals_document(client, portals, use):
    document = other_document(portals)
    use(portals, document)  # saved without the admin form, as an import or an old page would
    response = serve(client, document)
    assert response.status_code == 404
    assert SECRET.encode() not in response.content


def test_the_documents_api_does_not_list_another_portals_document_a_page_uses(client, portals):
    document = other_document(portals)
    USES[1](portals, document)
    listed = client.get("/api/v2/documents/", HTTP_HOST=OWN_HOST).json()["items"]
    assert document.pk not in {item["id"] for item in listed}


def test_a_document_of_the_shared_library_is_served_once_a_page_uses_it(client, portals):
    document = f.DocumentFactory(title="Mẫu đơn dùng chung")  # the root collection: no portal's
    USES[1](portals, document)
    assert serve(client, document).status_code == 200


def _share_with_board(portals, collection, codename="choose_document"):
    permission = Permission.objects.get(codename=codename)
    for board_group in portals.units[OWN].board_groups.all():
        GroupCollectionPermission.objects.create(group=board_group.group, collection=collection, permission=permission)


def test_a_collection_shared_with_the_board_on_purpose_is_served(client, portals):
    shared = portals.units[OTHER].collection.add_child(name="Biểu mẫu chung của tỉnh")
    document = f.DocumentFactory(title="Biểu mẫu", collection=shared)
    USES[1](portals, document)
    assert serve(client, document).status_code == 404
    _share_with_board(portals, shared)
    assert serve(client, document).status_code == 200


def test_portal_media_collections(portals):
    from wagtail.documents.models import Document

    own, other = portals.units[OWN], portals.units[OTHER]
    sub = own.collection.add_child(name="Ảnh sự kiện")
    usable = set(portal_media_collections(unit=own, model=Document))
    assert {own.collection, sub, Collection.get_first_root_node()} <= usable
    assert other.collection not in usable


# --- the page form -------------------------------------------------------------------


def _news_form(title, body=(), main_image=None):
    return nested_form_data({
        "title": title, "slug": "bai-co-tai-lieu", "summary": "Tóm tắt", "information_date": "2026-01-01",
        "main_image": main_image.pk if main_image else "",
        "body": streamfield(list(body)), "action-publish": "publish",
    })


def _post_news(client, portals, data):
    url = reverse("wagtailadmin_pages:add", args=("cms", "newspage", portals.section(OWN, "tin-tuc").pk))
    return client.post(url, data)


def _document_block(document):
    return ("document", {"document": document.pk, "title": "Tải về"})


def _rich_text_link(document):
    return ("rich_text", rich_text(f'<p>Xem <a linktype="document" id="{document.pk}">toàn văn</a>.</p>'))


def _image_block(image):
    return ("image", {"image": image.pk, "caption": "Ảnh", "source": ""})


@pytest.fixture
def head(client, portals):
    user = board_member(portals.units[OWN], BoardRole.HEAD)
    client.force_login(user)
    return user


def _media(portals, victim, kind):
    return victim.document if kind == "document" else victim.image


CASES = {
    "document-block": ("document", lambda m: {"body": [_document_block(m)]}),
    "rich-text-document-link": ("document", lambda m: {"body": [_rich_text_link(m)]}),
    "image-block": ("image", lambda m: {"body": [_image_block(m)]}),
    "main-image": ("image", lambda m: {"main_image": m}),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_page_form_refuses_another_portals_media(client, portals, victim, head, case):
    kind, fields = CASES[case]
    media = _media(portals, victim, kind)
    title = f"Bài dùng {case}"
    response = _post_news(client, portals, _news_form(title, **fields(media)))
    assert response.status_code == 200  # the form again, with the error
    assert not Page.objects.filter(title=title).exists()
    body = response.content.decode()
    assert f"#{media.pk}" in body
    # Neither the refusal nor the form shown again tells what the other portal holds.
    for leak in (media.title, json.dumps(media.title)[1:-1], media.filename):
        assert leak not in body


@pytest.mark.parametrize("case", list(CASES))
def test_the_page_form_accepts_the_portals_own_media(client, portals, head, case):
    kind, fields = CASES[case]
    collection = portals.units[OWN].collection
    media = (f.DocumentFactory(collection=collection) if kind == "document"
             else f.ImageFactory(collection=collection))
    title = f"Bài dùng {case} của sở"
    response = _post_news(client, portals, _news_form(title, **fields(media)))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert cms.NewsPage.objects.get(title=title).live


def test_the_page_form_refuses_another_portals_document_as_an_inline_file(client, portals, victim, head):
    url = reverse("wagtailadmin_pages:add", args=("cms", "legaldocumentpage", portals.section(OWN, "van-ban").pk))
    data = nested_form_data({
        "title": "Quyết định mượn tệp", "slug": "quyet-dinh-muon-tep", "information_date": "2026-01-01",
        "document_type": "decision", "document_number": "1/QĐ-STP", "issuing_authority": "Sở Tư pháp",
        "issue_date": "2026-01-01", "status": "in_force", "abstract": "Tóm tắt",
        "files": inline_formset([{"document": victim.document.pk, "title": "Toàn văn"}]),
        "action-publish": "publish",
    })
    response = client.post(url, data)
    assert response.status_code == 200
    assert not Page.objects.filter(title="Quyết định mượn tệp").exists()
    assert f"#{victim.document.pk}" in response.content.decode()


def test_an_editor_keeps_media_the_page_already_had(client, portals, head):
    # Put there by someone allowed (here: an import); editing the page does not drop it.
    shared = portals.units[OTHER].collection.add_child(name="Ảnh tỉnh giao")
    image = f.ImageFactory(collection=shared)
    page = f.NewsPageFactory(parent=portals.section(OWN, "tin-tuc"), main_image=image, slug="bai-co-anh")
    page.save_revision()
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = _news_form("Sửa tiêu đề", main_image=image)
    data["slug"] = page.slug
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page.refresh_from_db()
    assert page.title == "Sửa tiêu đề" and page.main_image_id == image.pk


def test_the_choosers_offer_only_choosable_media(client, portals, victim, head):
    for name in ("wagtaildocs_chooser:choose", "wagtailimages_chooser:choose"):
        body = client.get(reverse(name)).content.decode()
        assert victim.document.title not in body and victim.image.title not in body
