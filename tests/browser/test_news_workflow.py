"""A department's news article from the editor's draft to the public and to search on
another portal, all through the browser (issue #9): a contributor of Sở Tư pháp
writes and submits it, a board member reviews it, the board head approves and so
publishes it; anyone then reads it on the department's portal and finds it from the
search box of the district portal of Tiên Du."""

import re

import pytest
from django.conf import settings
from django.utils import timezone, translation
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from blocks.content import ContentStreamBlock
from cms.models import NewsPage
from tenants.models import BoardRole
from tests.browser.conftest import admin_login
from tests.cms.factories import portal_with_sections
from tests.search.indexes import page_index_reset
from tests.factories import board_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Sở Tư pháp tổ chức hội nghị phổ biến Luật Hộ tịch"
SLUG = "hoi-nghi-pho-bien-luat-ho-tich"
SUMMARY = "Hội nghị dành cho công chức tư pháp - hộ tịch cấp xã."
BODY = "Sáng nay, Sở Tư pháp phối hợp với Huyện Tiên Du tổ chức hội nghị."


@pytest.fixture
def search_index():
    """The page index the live server writes to on publishing. With a search engine
    (OPENSEARCH_URLS, as ./scripts/test sets), a fresh index with the page mappings,
    made before any page is indexed; the database backend needs nothing."""
    index = get_search_backend().get_index_for_model(Page)
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    if "opensearch" in backend or "elasticsearch" in backend:
        page_index_reset(index)
    return index


@pytest.fixture
def portals(search_index):
    # Real commits: the live server's thread reads them.
    return portal_with_sections(slugs={"bacninh", "sotuphap", "tiendu"})


@pytest.fixture
def board(portals):
    unit = portals.units["sotuphap"]
    return {role: board_member(unit, role, username=f"sotuphap.{role}")
            for role in (BoardRole.CONTRIBUTOR, BoardRole.MEMBER, BoardRole.HEAD)}


def vi(text) -> str:
    with translation.override("vi"):
        return str(text)


def footer_action(page, selector: str):
    """Click a button of the editor's footer action menu, opening its dropdown first."""
    button = page.locator(selector).first
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle'], footer .w-dropdown__toggle").first.click()
    button.click()


def field_tab_show(page, selector: str):
    """Open the editor tab that holds the field (tab ids follow the admin's language)."""
    tab = page.locator(selector).evaluate("el => el.closest('[role=tabpanel]').id")
    page.locator(f"a[href='#{tab}']").click()


def workflow_approve(page, *, origin: str, page_id: int):
    """Approve the page's current workflow task from its edit view (no comment)."""
    page.goto(f"{origin}/admin/pages/{page_id}/edit/")
    page.wait_for_selector("#id_title")
    with page.expect_navigation():
        footer_action(page, "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])")


def test_news_from_contributor_to_public_and_cross_portal_search(
    portals, board, search_index, new_page, shots, portal_url
):
    news_index = portals.section("sotuphap", "tin-tuc")
    admin = portal_url("sotuphap")

    # 1. The contributor writes the article in the news section and submits it.
    page = new_page()
    admin_login(page, origin=admin, username="sotuphap.contributor", shots=shots)
    shots.take(page, "contributor-dashboard")
    page.goto(f"{admin}/admin/pages/{news_index.pk}/")
    shots.take(page, "news-section-in-explorer")
    page.locator(f"a[href*='/admin/pages/{news_index.pk}/add_subpage/']").first.click()
    page.wait_for_load_state()
    if "/add/cms/newspage/" not in page.url:  # a chooser when the section takes several types
        page.locator(f"a[href$='/add/cms/newspage/{news_index.pk}/']").first.click()
    page.wait_for_selector("#id_title")
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", SUMMARY)
    # The body: a rich-text block typed into Draftail.
    page.locator("[data-streamfield-stream-container] button, .c-sf-add-button").first.click()
    rich_text_label = vi(ContentStreamBlock.base_blocks["rich_text"].label)
    page.get_by_role("option", name=re.compile(rich_text_label, re.I)).first.click()
    editor = page.locator(".public-DraftEditor-content").first
    editor.click()
    editor.type(BODY)
    shots.take(page, "news-content-filled")
    # Promote: a readable slug. Settings: the date the information arose (Điều 8).
    field_tab_show(page, "#id_slug")
    page.fill("#id_slug", SLUG)
    field_tab_show(page, "#id_information_date")
    page.fill("#id_information_date", timezone.localdate().isoformat())
    shots.take(page, "news-settings-filled")
    # Wagtail autosaves the new page as a draft (and moves to its edit view) while the
    # editor types; submitting while that request is still running would post the
    # create form twice. A person pauses; the test waits for the draft instead. Closing
    # the date picker ends the editing the autosave waits for; if none came, the editor
    # saves the draft themself, as a person would.
    page.keyboard.press("Escape")
    page.locator("#id_information_date").blur()
    try:
        page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"), timeout=15_000)
    except PlaywrightTimeoutError:
        page.locator("footer button.action-save").first.click()
        page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    page.wait_for_load_state("networkidle")
    footer_action(page, "button[name='action-submit']")
    # A contributor may not edit after submitting: back to the section's listing.
    page.wait_for_url(re.compile(rf"/admin/pages/{news_index.pk}/$"))
    shots.take(page, "submitted-for-moderation")

    article = NewsPage.objects.get(slug=SLUG)
    assert not article.live
    assert article.get_parent().pk == news_index.pk
    assert article.current_workflow_state and article.current_workflow_state.status == "in_progress"
    page.context.close()

    # 2. A board member reviews it (the first step of the board's workflow).
    page = new_page()
    admin_login(page, origin=admin, username="sotuphap.member")
    shots.take(page, "member-dashboard-awaiting-review")
    assert TITLE in page.locator("main").inner_text()  # "Awaiting your review" on the dashboard
    workflow_approve(page, origin=admin, page_id=article.pk)
    shots.take(page, "member-approved")
    article.refresh_from_db()
    assert not article.live
    assert article.current_workflow_task.name.startswith("Duyệt đăng")
    page.context.close()

    # 3. The board head approves: the last step publishes.
    page = new_page()
    admin_login(page, origin=admin, username="sotuphap.head")
    shots.take(page, "head-dashboard-awaiting-review")
    assert TITLE in page.locator("main").inner_text()  # "Awaiting your review" on the dashboard
    workflow_approve(page, origin=admin, page_id=article.pk)
    shots.take(page, "head-approved-and-published")
    article.refresh_from_db()
    assert article.live and article.body.raw_data[0]["type"] == "rich_text"
    page.context.close()

    # 4. Anyone reads it on the department's portal…
    page = new_page()
    page.goto(portal_url("sotuphap", "/tin-tuc/"))
    shots.take(page, "public-news-section")
    page.get_by_role("link", name=TITLE).first.click()
    page.wait_for_url(re.compile(rf"/tin-tuc/{SLUG}/$"))
    assert page.locator("h1").first.inner_text().strip() == TITLE
    assert BODY in page.locator("main").inner_text()
    shots.take(page, "public-news-article")

    # 5. …and finds it from the search box of another portal (the district of Tiên Du).
    search_index.refresh()  # an engine shows new documents after a refresh; a no-op otherwise
    page.goto(portal_url("tiendu", "/tim-kiem/"))
    page.fill("#id_q", "Luật Hộ tịch")
    shots.take(page, "search-on-district-portal")
    page.locator("form.search-form [type=submit]").click()
    page.wait_for_url(re.compile(r"/tim-kiem/\?"))
    results = page.locator(".search-results .search-result")
    assert TITLE in results.first.inner_text(), page.locator("main").inner_text()
    assert "Sở Tư pháp" in results.first.locator(".search-meta").inner_text()
    shots.take(page, "search-results-cross-portal")
