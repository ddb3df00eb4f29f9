"""Wagtail's and wagtail-localize's scripts speak Vietnamese (issue #19 item 1): the
strings the admin's JavaScript renders come from our djangojs catalogs, served by
Django's JavaScriptCatalog, in Chromium."""

import pytest
from playwright.sync_api import expect

from cms.models import IntroductionPage
from tenants.models import BoardRole
from tests.browser.conftest import admin_login
from tests.cms.factories import page_publish, portal_with_sections
from tests.factories import board_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def intro():
    portals = portal_with_sections(slugs={"bacninh"})
    # The head: it edits the Vietnamese page and publishes the English one (since #16 item 3
    # a translator has no grant on the Vietnamese tree and does not publish).
    board_member(portals.units["bacninh"], BoardRole.HEAD, username="bientapvien")
    # A real commit: publishing creates the English draft on commit.
    return page_publish(portals.section("bacninh", "gioi-thieu"), history="<p>Bắc Ninh là vùng đất Kinh Bắc.</p>")


def test_admin_scripts_render_vietnamese(intro, new_page, shots, portal_url):
    english = IntroductionPage.objects.get(translation_key=intro.translation_key, locale__language_code="en")
    origin = portal_url("bacninh")
    page = new_page()
    admin_login(page, origin=origin, username="bientapvien", shots=shots)

    # Wagtail's page editor: the catalog the client's gettext() reads, and what it draws.
    page.goto(origin + f"/admin/pages/{intro.pk}/edit/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("django.gettext('Page explorer')") == "Cây trang"
    assert page.evaluate("django.gettext('Collapse all')") == "Thu gọn tất cả"
    expect(page.get_by_role("button", name="Thu gọn tất cả")).to_be_visible()
    shots.take(page, "page-editor")

    # wagtail-localize's editor is a React app: every label comes from its JS catalog.
    page.goto(origin + f"/admin/pages/{english.pk}/edit/")
    page.wait_for_load_state("networkidle")
    editor = page.locator("main")
    expect(editor.get_by_text("Tải tệp PO", exact=True).first).to_be_visible()
    expect(page.get_by_role("button", name="Xuất bản bằng Tiếng Anh")).to_be_visible()
    text = editor.inner_text()
    for english_label in ("Download PO file", "Upload PO file", "Publish in", "Translate"):
        assert english_label not in text
    shots.take(page, "translation-editor")
