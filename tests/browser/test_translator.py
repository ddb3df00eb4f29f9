"""The translator produces the English introduction of the provincial portal (Điều
8.2.d, issue #9): the Vietnamese introduction is published, its English draft waits
in the translator's dashboard, the translator fills every string in wagtail-localize's
editor and submits it for review, a board member approves (issue #16 item 3), and the
English page is served under /en/."""

import pytest
from playwright.sync_api import expect

from cms.models import IntroductionPage
from tenants.models import BoardRole
from tests.browser.conftest import admin_login
from tests.cms.factories import LeaderProfileFactory, page_publish, portal_with_sections
from tests.factories import board_member
from translations.models import TranslationTask

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ENGLISH = {
    "Giới thiệu": "Introduction",
    "gioi-thieu": "introduction",
    "Sinh năm 1970.": "Born in 1970.",
    "Phụ trách chung.": "In general charge.",
    "Bắc Ninh là vùng đất Kinh Bắc.": "Bac Ninh is the land of Kinh Bac.",
    "Chủ tịch UBND tỉnh": "Chairman of the Provincial People's Committee",
}


@pytest.fixture
def intro():
    portals = portal_with_sections(slugs={"bacninh"})
    board_member(portals.units["bacninh"], BoardRole.TRANSLATOR, username="bacninh.translator")
    board_member(portals.units["bacninh"], BoardRole.MEMBER, username="bacninh.member")
    intro = portals.section("bacninh", "gioi-thieu")
    LeaderProfileFactory(
        page=intro, name="Nguyễn Văn An", title="Chủ tịch UBND tỉnh", short_bio="Sinh năm 1970."
    )
    # A real commit: publishing creates the English draft and its task on commit.
    return page_publish(intro, history="<p>Bắc Ninh là vùng đất Kinh Bắc.</p>")


def test_translator_translates_and_a_member_approves_the_english_introduction(intro, new_page, shots, portal_url):
    english = IntroductionPage.objects.get(translation_key=intro.translation_key, locale__language_code="en")
    assert not english.live and TranslationTask.objects.open().count() == 1
    origin = portal_url("bacninh")

    page = new_page()
    page.goto(portal_url("bacninh", f"/{intro.slug}/"))
    shots.take(page, "vietnamese-introduction")

    admin_login(page, origin=origin, username="bacninh.translator")
    page.goto(origin + "/admin/mirror/")
    shots.take(page, "translator-dashboard")
    assert intro.title in page.locator("table.listing").first.inner_text()  # due, with its date
    page.locator(f"a[href$='/admin/pages/{english.pk}/edit/']").click()
    page.wait_for_load_state("networkidle")
    shots.take(page, "translation-editor")

    # Every string, on each tab of the editor: "Translate", type the English, "Save".
    # wagtail-localize names its tabs after their (translated) labels: "#tab-nội-dung".
    tabs = page.locator("a[href^='#tab-']")
    for index in range(tabs.count()):
        link = tabs.nth(index)
        tab = link.get_attribute("href")[len("#tab-"):]
        link.click()
        pending = page.locator(f"[id='tab-{tab}'] li.incomplete:visible")
        while (left := pending.count()) > 0:
            segment = pending.first
            source = segment.locator("p").first.inner_text().strip()
            segment.get_by_role("button").last.click()  # Translate
            segment.locator("textarea").fill(ENGLISH.get(source, source))
            segment.get_by_role("button").last.click()  # Save
            expect(pending).to_have_count(left - 1)
        shots.take(page, f"translated-{tab}")
    # Issue #16 item 3: the translator does not publish; the dashboard submits the
    # translation for the board's one-step review.
    page.goto(origin + "/admin/mirror/")
    with page.expect_navigation():
        page.locator(f"form[action$='/admin/mirror/pages/{english.pk}/submit/'] button").click()
    shots.take(page, "english-submitted")
    english.refresh_from_db()
    assert not english.live and english.current_workflow_state is not None

    # A board member approves on the admin dashboard ("awaiting your review"): published.
    page.context.clear_cookies()  # log the translator out
    admin_login(page, origin=origin, username="bacninh.member")
    page.goto(origin + "/admin/")
    approve = page.locator(f"button[data-workflow-action-url*='/{english.pk}/approve/']:not([data-launch-modal])")
    if not approve.first.is_visible():
        approve.first.locator("xpath=ancestor::*[@data-controller='w-dropdown'][1]").locator(
            "[data-w-dropdown-target='toggle']").first.click()
    with page.expect_navigation():
        approve.first.click()
    shots.take(page, "english-published")

    english.refresh_from_db()
    assert english.live and english.title == "Introduction" and english.slug == "introduction"
    task = TranslationTask.objects.get()
    task.refresh_from_db()
    assert task.completed_at is not None

    # Served in English under /en/ on the provincial portal.
    visitor = new_page()
    visitor.goto(portal_url("bacninh", "/en/introduction/"))
    shots.take(visitor, "english-introduction-public")
    assert visitor.locator("h1").first.inner_text().strip() == "Introduction"
    main = visitor.locator("main").inner_text()
    assert "Bac Ninh is the land of Kinh Bac." in main
    assert "Chairman of the Provincial People's Committee" in main
