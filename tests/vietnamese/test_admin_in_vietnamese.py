"""The main admin screens, rendered for a board and for the administrator, are in
Vietnamese: no English word outside ``english_words.ALLOWED`` (issue #19 item 1)."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from cms.models import LegalDocumentIndexPage, NewsIndexPage, NewsPage
from tenants.models import BoardRole
from tests.cms.conftest import _two_portals, portals  # noqa: F401 (fixtures)
from tests.cms.factories import DocumentFactory, ImageFactory, NewsPageFactory
from tests.factories import UserFactory, board_member
from tests.vietnamese.english_words import english_vocabulary, english_words, visible_text
from translations.operations import mirror_locale, page_mirror

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(portals):  # noqa: F811 (fixture)
    unit = portals.units["sotuphap"]
    news_index = NewsIndexPage.objects.get(unit=unit)
    contributor = board_member(unit, BoardRole.CONTRIBUTOR, username="congtacvien", first_name="Lan",
                               last_name="Nguyễn")
    published = NewsPageFactory(parent=news_index, title="Hội nghị tổng kết công tác tư pháp")
    submitted = NewsPageFactory(parent=news_index, title="Thông báo tuyển dụng", live=False, owner=contributor)
    submitted.save_revision(user=contributor)
    submitted.get_workflow().start(submitted, contributor)
    image = ImageFactory(collection=unit.collection, title="Ảnh hội nghị")
    document = DocumentFactory(collection=unit.collection, title="Kế hoạch năm 2026")
    admin = UserFactory(username="quantri", first_name="Quản", last_name="Trị", is_superuser=True)
    page_mirror(page_id=published.pk, locale_id=mirror_locale().pk, user=admin)
    english = Page.objects.get(translation_key=published.translation_key, locale=mirror_locale())
    return {
        "unit": unit,
        "news_index": news_index,
        "published": published,
        "submitted": submitted,
        "image": image,
        "document": document,
        "english": english,
        "legal_index": LegalDocumentIndexPage.objects.get(unit=unit),
        "admin": admin,
        "head": board_member(unit, BoardRole.HEAD, username="truongban", first_name="Minh", last_name="Trần"),
        "member": board_member(unit, BoardRole.MEMBER, username="uyvien", first_name="Hà", last_name="Lê"),
    }


def board_screens(c):
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[c["news_index"].pk]),
        reverse("wagtailadmin_pages:edit", args=[c["published"].pk]),
        reverse("wagtailadmin_pages:edit", args=[c["submitted"].pk]),
        reverse("wagtailadmin_pages:add", args=["cms", "newspage", c["news_index"].pk]),
        reverse("wagtailadmin_pages:add", args=["cms", "legaldocumentpage", c["legal_index"].pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[c["news_index"].pk]),
        reverse("wagtailadmin_pages:history", args=[c["published"].pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:edit", args=[c["image"].pk]),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:edit", args=[c["document"].pk]),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_account"),
    ]


def admin_screens(c):
    return board_screens(c) + [
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_workflows:index"),
        reverse("wagtailadmin_workflows:task_index"),
        reverse("wagtailsettings:edit", args=["cms", "portalcontactsettings"]),
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_users:edit", args=[c["head"].pk]),
        reverse("wagtailusers_groups:index"),
        # Not wagtailsites:index: Wagtail 8.0 labels its Port / Site name / Root page
        # columns with untranslatable English (Column("port") without a label).
        reverse("wagtailsites:edit", args=[c["unit"].site.pk]),
        reverse("wagtailadmin_collections:index"),
        reverse("wagtailredirects:index"),
        reverse("wagtaillocales:index"),
        reverse("wagtailadmin_reports:page_types_usage"),
        reverse("wagtailadmin_pages:edit", args=[c["english"].pk]),  # wagtail-localize's editor
    ]


def assert_in_vietnamese(client, user, urls):
    client.force_login(user)
    found = {}
    for url in urls:
        response = client.get(url, follow=True)
        if response.status_code != 200:
            found[url] = response.status_code
        elif words := english_words(response.content.decode()):
            found[url] = words
    assert found == {}


def test_the_word_check_sees_english():
    """The check itself: English on a screen is found, Vietnamese and allowed names are not."""
    assert "draft" in english_vocabulary() and "trang" not in english_vocabulary()
    html = (
        '<p>Lưu bản nháp <b>Save draft</b></p><button aria-label="More actions">…</button>'
        "<script>var Search = 1;</script><p>Wagtail, URL, CSV</p>"
    )
    assert english_words(html) == ["Save", "draft", "More", "actions"]
    assert "Search" not in visible_text(html)


def test_admin_screens_in_vietnamese_for_a_board_head(client, content):
    assert_in_vietnamese(client, content["head"], board_screens(content))


def test_admin_screens_in_vietnamese_for_a_board_member(client, content):
    assert_in_vietnamese(client, content["member"], board_screens(content))


def test_admin_screens_in_vietnamese_for_the_administrator(client, content):
    assert_in_vietnamese(client, content["admin"], admin_screens(content))
    assert Page.objects.filter(pk=content["english"].pk, locale__language_code="en").exists()
