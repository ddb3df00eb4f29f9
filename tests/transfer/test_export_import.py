"""export_portal / import_portal (issue #8 item 7): a portal restored, moved into a
database whose ids are taken, and copied next to itself, with every reference inside
its pages and revisions pointing at the imported objects."""

import hashlib

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from wagtail.blocks import ListBlock, PageChooserBlock, StreamBlock, StructBlock
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page, Revision
from wagtail.rich_text import RichText

from cms.models import GazetteEntry, IntroductionPage, LegalDocumentFile, LegalDocumentPage, NewsPage
from tenants.models import Unit, UnitKind
from tests.cms.factories import (
    DocumentFactory,
    GazetteIssuePageFactory,
    ImageFactory,
    LeaderProfileFactory,
    LegalDocumentPageFactory,
    NewsPageFactory,
    page_publish,
)
from transfer.remap import block_rewrite, data_rewrite, rich_text_rewrite
from transfer.services import _page_insert, _portal_remove

SOTUPHAP_HOST = "sotuphap.bacninh.gov.vn"


@pytest.fixture
def portal(portals):
    """sotuphap with pages that point at each other, at its media and at things outside
    it, from foreign keys, inline children, rich text and StreamField, live and in drafts."""
    unit = portals.units["sotuphap"]
    image, figure = ImageFactory(collection=unit.collection), ImageFactory(collection=unit.collection)
    shared_image = ImageFactory()  # root collection: used by the portal, owned by nobody
    document = DocumentFactory(collection=unit.collection)
    province_news = NewsPageFactory(parent=portals.section("bacninh", "tin-tuc"), title="Tin của tỉnh")

    legal = LegalDocumentPageFactory(parent=portals.section("sotuphap", "van-ban"), title="Quyết định gốc")
    LegalDocumentFile.objects.create(page=legal, document=document, title="Toàn văn")
    legal.save_revision().publish()
    newer = LegalDocumentPageFactory(parent=portals.section("sotuphap", "van-ban"), title="Quyết định thay thế")
    page_publish(legal, replaced_by=newer)
    # An inline child pointing at a page of the portal: it must come back linked.
    gazette = GazetteIssuePageFactory(parent=portals.section("sotuphap", "van-ban"))
    GazetteEntry.objects.create(page=gazette, legal_document=legal)
    gazette.save_revision().publish()

    # The news page comes before the legal pages in tree order: its links point forward.
    news = NewsPageFactory(
        parent=portals.section("sotuphap", "tin-tuc"), title="Tin có ảnh", main_image=image,
        body=[
            ("rich_text", RichText(
                f'<p><a linktype="page" id="{legal.pk}">Quyết định</a>, '
                f'<a linktype="document" id="{document.pk}">toàn văn</a>, '
                f'<a linktype="page" id="{province_news.pk}">tin của tỉnh</a></p>'
                f'<embed alt="Hình" embedtype="image" format="fullwidth" id="{figure.pk}"/>'
            )),
            ("image", {"image": image, "caption": "Ảnh hội nghị", "source": "Sở Tư pháp"}),
            ("image", {"image": shared_image, "caption": "Ảnh chung", "source": ""}),
            ("document", {"document": document, "title": "Tải về"}),
        ],
    )
    news.save_revision().publish()
    news.summary = "Bản nháp sau bản đã đăng"
    news.main_image = figure
    news.save_revision()  # a draft after the live version, pointing elsewhere

    intro = IntroductionPage.objects.get(pk=portals.section("sotuphap", "gioi-thieu").pk)
    LeaderProfileFactory(page=intro, photo=image)
    page_publish(intro, organisation_chart=figure, history=f'<p><a linktype="page" id="{news.pk}">Tin</a></p>')
    return unit


# --- an id-free picture of a portal -----------------------------------------------------


def _digest(item) -> str:
    with item.file.open("rb") as handle:
        return hashlib.sha1(handle.read()).hexdigest()


def _natural(kind, old):
    """What an id stands for, in words that survive a move (``transfer.remap`` kinds)."""
    if old is None:
        return None
    if kind == "page":
        page = Page.objects.filter(pk=old).first()
        return ("page", page.url_path if page else f"missing {old}")
    if kind in ("image", "document"):
        model = get_image_model() if kind == "image" else get_document_model()
        item = model.objects.filter(pk=old).select_related("collection").first()
        return (kind, (item.title, item.collection.name, _digest(item)) if item else f"missing {old}")
    if kind == "unit":
        return ("unit", Unit.objects.get(pk=old).slug)
    if kind == "contenttype":
        return ("contenttype", str(ContentType.objects.get(pk=old)))
    if kind in ("revision", "translation_key") or kind.startswith("child:"):
        return kind
    return (kind, old)


VOLATILE = {"pk", "path", "latest_revision", "live_revision", "content_type", "translation_key"}


def _page_picture(page) -> tuple:
    model = type(page)
    data = data_rewrite(model, page.serializable_data(), _natural)
    revisions = [
        (r.created_at, {k: v for k, v in data_rewrite(model, r.content, _natural).items() if k not in VOLATILE})
        for r in Revision.page_revisions.filter(object_id=str(page.pk)).order_by("created_at", "pk")
    ]
    revision_ids = list(Revision.page_revisions.filter(object_id=str(page.pk)).order_by("created_at", "pk").values_list("pk", flat=True))
    return (
        type(page).__name__,
        {k: v for k, v in data.items() if k not in VOLATILE},
        revisions,
        revision_ids.index(page.latest_revision_id) if page.latest_revision_id else None,
        revision_ids.index(page.live_revision_id) if page.live_revision_id else None,
    )


def _picture(unit) -> dict:
    home = unit.site.root_page
    pages = {page.url_path: _page_picture(page) for page in home.get_descendants(inclusive=True).specific()}
    media = {
        kind: sorted((i.title, _digest(i)) for i in model.objects.filter(collection=unit.collection))
        for kind, model in (("images", get_image_model()), ("documents", get_document_model()))
    }
    return {"pages": pages, "media": media}


def _portal_delete(unit):
    # As --replace does (the portal's pages and what hangs on them, in one go).
    _portal_remove(unit)
    unit.refresh_from_db()


def _tree_is_sound():
    # treebeard's own check: bad paths, depths, child counts, orphans.
    assert Page.find_problems() == ([], [], [], [], [])


# --- restore and move -----------------------------------------------------------------


def test_export_delete_import_restores_the_same_content(portal, tmp_path):
    archive = tmp_path / "sotuphap.zip"
    before = _picture(portal)
    call_command("export_portal", "sotuphap", output=archive, verbosity=0)
    _portal_delete(portal)
    assert portal.site is None

    call_command("import_portal", archive, verbosity=0)
    unit = Unit.objects.get(slug="sotuphap")
    assert unit.site.hostname == SOTUPHAP_HOST
    assert _picture(unit) == before
    _tree_is_sound()
    # The shared image was found again, not duplicated into the portal's collection.
    assert get_image_model().objects.filter(collection__depth=1).count() == 1


def _page_with_id(pk: int, *, parent) -> Page:
    # Page.save takes a page with an id for one already saved; insert it as the
    # importer inserts its pages.
    page = NewsPage(
        id=pk, title=f"Trang chiếm chỗ {pk}", slug=f"chiem-cho-{pk}", summary="Chiếm chỗ", live=True,
        content_type=ContentType.objects.get_for_model(NewsPage), locale=parent.locale,
    )
    _page_insert(page, parent=Page.objects.get(pk=parent.pk))
    return page


def _collide(archive_ids: dict, portals) -> dict:
    """Rows of the province's portal holding every id the archive's objects had."""
    section = portals.section("bacninh", "tin-tuc")
    province = portals.units["bacninh"]
    pages = {i: _page_with_id(i, parent=section) for i in archive_ids["pages"]}
    images = {i: ImageFactory(id=i, collection=province.collection) for i in archive_ids["images"]}
    documents = {i: DocumentFactory(id=i, collection=province.collection) for i in archive_ids["documents"]}
    legal = LegalDocumentPageFactory(parent=portals.section("bacninh", "van-ban"), title="Văn bản của tỉnh")
    files = {
        i: LegalDocumentFile.objects.create(id=i, page=legal, document=next(iter(documents.values())), title="Tỉnh")
        for i in archive_ids["files"]
    }
    return {"pages": pages, "images": images, "documents": documents, "files": files}


def test_import_into_a_database_whose_ids_are_taken(portal, portals, tmp_path, client):
    archive = tmp_path / "sotuphap.zip"
    before = _picture(portal)
    home = portal.site.root_page
    archive_ids = {
        "pages": list(home.get_descendants(inclusive=True).values_list("pk", flat=True)),
        "images": list(get_image_model().objects.filter(collection=portal.collection).values_list("pk", flat=True)),
        "documents": list(get_document_model().objects.filter(collection=portal.collection).values_list("pk", flat=True)),
        "files": list(LegalDocumentFile.objects.filter(page__path__startswith=home.path).values_list("pk", flat=True)),
    }
    call_command("export_portal", "sotuphap", output=archive, verbosity=0)
    _portal_delete(portal)
    taken = _collide(archive_ids, portals)

    call_command("import_portal", archive, verbosity=0)
    unit = Unit.objects.get(slug="sotuphap")
    # Same content, and every reference resolves to the imported objects: the picture
    # names pages by URL path and media by collection, which the colliding rows do not share.
    assert _picture(unit) == before
    _tree_is_sound()

    news = NewsPage.objects.get(title="Tin có ảnh")
    legal = LegalDocumentPage.objects.get(title="Quyết định gốc")
    assert news.pk not in taken["pages"] and legal.pk not in taken["pages"]
    assert news.main_image.collection == unit.collection and news.main_image.pk not in taken["images"]
    assert f'linktype="page" id="{legal.pk}"' in news.body[0].value.source
    assert legal.replaced_by.title == "Quyết định thay thế"
    assert legal.files.get().document.collection == unit.collection
    assert GazetteEntry.objects.get(page__unit=unit).legal_document_id == legal.pk

    # Revisions open and publish, and publishing touches only the imported rows.
    draft = news.get_latest_revision()
    assert draft.as_object().main_image.collection == unit.collection
    draft.publish()
    news.refresh_from_db()
    assert news.summary == "Bản nháp sau bản đã đăng" and not news.has_unpublished_changes
    legal.get_latest_revision().publish()
    for pk, file in taken["files"].items():
        assert LegalDocumentFile.objects.get(pk=pk).page_id == file.page_id
    for pk, page in taken["pages"].items():
        assert Page.objects.get(pk=pk).title == page.title
    _tree_is_sound()

    # The public API serves the imported portal.
    response = client.get(f"/api/v2/pages/{news.pk}/", HTTP_HOST=SOTUPHAP_HOST)
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Tin có ảnh"
    listing = client.get("/api/v2/pages/?type=cms.NewsPage", HTTP_HOST=SOTUPHAP_HOST).json()
    assert {item["id"] for item in listing["items"]} == {news.pk}


# --- the original still there ----------------------------------------------------------


def test_import_over_an_existing_portal_needs_replace_or_into(portal, portals, tmp_path):
    archive = tmp_path / "sotuphap.zip"
    call_command("export_portal", "sotuphap", output=archive, verbosity=0)
    with pytest.raises(CommandError, match="--replace"):
        call_command("import_portal", archive, verbosity=0)
    before = _picture(portal)
    call_command("import_portal", archive, replace=True, verbosity=0)
    assert _picture(Unit.objects.get(slug="sotuphap")) == before

    # --into: a copy in another unit, next to the untouched original.
    Unit.objects.create(slug="sotuphap-thu", kind=UnitKind.DEPARTMENT, name="Sở Tư pháp (bản thử)",
                        short_name="Bản thử", hostname="thu.bacninh.gov.vn", parent=portals.units["bacninh"])
    call_command("import_portal", archive, into="sotuphap-thu", verbosity=0)
    copy = Unit.objects.get(slug="sotuphap-thu")
    assert copy.site.hostname == "thu.bacninh.gov.vn" and copy.site.root_page.slug == "sotuphap-thu"
    assert _picture(Unit.objects.get(slug="sotuphap")) == before
    news = NewsPage.objects.descendant_of(copy.site.root_page).get(title="Tin có ảnh")
    legal = LegalDocumentPage.objects.descendant_of(copy.site.root_page).get(title="Quyết định gốc")
    assert news.unit == copy and news.main_image.collection == copy.collection
    assert f'linktype="page" id="{legal.pk}"' in news.body[0].value.source
    assert not set(Page.objects.descendant_of(copy.site.root_page, inclusive=True).values_list("translation_key", flat=True)) & set(
        Page.objects.descendant_of(Unit.objects.get(slug="sotuphap").site.root_page, inclusive=True).values_list("translation_key", flat=True)
    )
    _tree_is_sound()


# --- the walk itself ----------------------------------------------------------------------


def test_remap_walks_lists_structs_and_legacy_image_blocks():
    block = StreamBlock([
        ("pages", ListBlock(PageChooserBlock())),
        ("card", StructBlock([("page", PageChooserBlock()), ("picture", ImageBlock())])),
    ])
    raw = [
        {"type": "pages", "value": [{"type": "item", "value": 1, "id": "a"}, 2], "id": "x"},
        {"type": "card", "value": {"page": 2, "picture": 7}, "id": "y"},
        {"type": "card", "value": {"page": 9, "picture": {"image": 7, "alt_text": "", "decorative": True}}, "id": "z"},
        {"type": "gone", "value": 1, "id": "w"},
    ]
    ids = {"page": {1: 10, 2: 20}, "image": {7: 70}}

    def swap(kind, old):
        return ids[kind].get(old)

    assert block_rewrite(block, raw, swap) == [
        {"type": "pages", "value": [{"type": "item", "value": 10, "id": "a"}, 20], "id": "x"},
        {"type": "card", "value": {"page": 20, "picture": 70}, "id": "y"},
        {"type": "card", "value": {"page": None, "picture": {"image": 70, "alt_text": "", "decorative": True}}, "id": "z"},
        {"type": "gone", "value": 1, "id": "w"},
    ]
    html = '<p><a linktype="page" id="1">a</a><a href="https://x.vn">b</a><a linktype="page" id="5">c</a></p><embed embedtype="image" id="8" format="left"/>'
    assert rich_text_rewrite(html, swap) == '<p><a linktype="page" id="10">a</a><a href="https://x.vn">b</a><a>c</a></p>'
