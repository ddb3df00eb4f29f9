"""export_portal / import_portal: a portal removed and restored from its archive."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from cms.models import LegalDocumentFile
from tests.cms.factories import DocumentFactory, ImageFactory, LegalDocumentPageFactory, NewsPageFactory, portal_with_sections
from tenants.models import Unit


def _snapshot(unit):
    home = unit.site.root_page
    pages = {
        page.pk: (page.title, page.slug, page.depth - home.depth, page.live, type(page).__name__,
                  page.get_parent().pk if page.pk != home.pk else None)
        for page in home.get_descendants(inclusive=True).specific()
    }
    files = {
        f.page_id: f.document_id for f in LegalDocumentFile.objects.filter(page_id__in=[pk for pk in pages])
    }
    revisions = {pk: Revision.page_revisions.filter(object_id=str(pk)).count() for pk in pages}
    images = {i.pk: (i.title, i.file.read()) for i in get_image_model().objects.filter(collection=unit.collection)}
    docs = {d.pk: (d.title, d.file.read()) for d in get_document_model().objects.filter(collection=unit.collection)}
    return pages, revisions, images, docs, files


@pytest.fixture
def portal(db):
    portals = portal_with_sections(slugs={"bacninh", "sotuphap"})
    unit = portals.units["sotuphap"]
    image = ImageFactory(collection=unit.collection)
    document = DocumentFactory(collection=unit.collection)
    news = NewsPageFactory(parent=portals.section("sotuphap", "tin-tuc"), title="Tin có ảnh", main_image=image)
    news.summary = "Bản sửa"
    news.save_revision().publish()
    news.save_revision()  # a draft after the live version
    legal = LegalDocumentPageFactory(parent=portals.section("sotuphap", "van-ban"))
    LegalDocumentFile.objects.create(page=legal, document=document)
    legal.save_revision().publish()
    return unit


def test_export_delete_import_restores_pages_revisions_and_files(portal, tmp_path):
    archive = tmp_path / "sotuphap.zip"
    before = _snapshot(portal)
    news_before = Page.objects.get(title="Tin có ảnh").specific
    call_command("export_portal", "sotuphap", output=archive, verbosity=0)

    portal.site.root_page.delete()
    for model in (get_image_model(), get_document_model()):
        model.objects.filter(collection=portal.collection).delete()
    portal.refresh_from_db()
    assert portal.site is None

    call_command("import_portal", archive, verbosity=0)
    unit = Unit.objects.get(slug="sotuphap")
    assert unit.site.hostname == "sotuphap.bacninh.gov.vn"
    after = _snapshot(unit)
    assert after == before
    news = Page.objects.get(title="Tin có ảnh").specific
    assert news.summary == news_before.summary and news.main_image_id == news_before.main_image_id
    assert news.live_revision_id and news.latest_revision_id != news.live_revision_id
    assert news.get_latest_revision().content["title"] == "Tin có ảnh"


def test_import_over_an_existing_portal_needs_replace(portal, tmp_path):
    archive = tmp_path / "sotuphap.zip"
    call_command("export_portal", "sotuphap", output=archive, verbosity=0)
    with pytest.raises(CommandError, match="--replace"):
        call_command("import_portal", archive, verbosity=0)
    before = _snapshot(portal)
    call_command("import_portal", archive, replace=True, verbosity=0)
    assert _snapshot(Unit.objects.get(slug="sotuphap")) == before
