"""The board's workflow in the browser (issue #19 item 2): a contributor submits, a
member reviews, the head publishes; and the head alone, from draft to the public page.
Every screen visited shows the Vietnamese this work produces."""

import re

import pytest
from wagtail.models import Page

from cms.models import NewsPage
from tenants.models import BoardRole
from tests.browser.conftest import admin_login
from tests.browser.test_news_workflow import footer_action
from tests.cms.factories import NewsPageFactory, portal_with_sections
from tests.factories import board_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Sở Tư pháp hướng dẫn đăng ký khai sinh trực tuyến"


@pytest.fixture
def portals():
    return portal_with_sections(slugs={"bacninh", "sotuphap"})


@pytest.fixture
def board(portals):
    unit = portals.units["sotuphap"]
    return {role: board_member(unit, role, username=f"sotuphap.{role}") for role in BoardRole.values}


def draft(portals, owner, title=TITLE) -> NewsPage:
    page = NewsPageFactory(parent=portals.section("sotuphap", "tin-tuc"), title=title, live=False, owner=owner)
    page.save_revision(user=owner)
    return page


def edit(page, origin, page_id):
    page.goto(f"{origin}/admin/pages/{page_id}/edit/")
    page.wait_for_selector("#id_title")
    page.wait_for_load_state("networkidle")


def act(page, label: str):
    """Click a workflow action of the editor's footer by its (Vietnamese) label."""
    with page.expect_navigation():
        button = page.locator("footer button[data-workflow-action-name]", has_text=label).first
        if not button.is_visible():
            page.locator("footer [data-w-dropdown-target='toggle'], footer .w-dropdown__toggle").first.click()
        button.click()


def test_contributor_member_head(portals, board, new_page, shots, portal_url):
    origin = portal_url("sotuphap")
    article = draft(portals, board["contributor"])

    page = new_page()
    admin_login(page, origin=origin, username="sotuphap.contributor")
    edit(page, origin, article.pk)
    footer_action(page, "button[name='action-submit']")
    page.wait_for_load_state()
    shots.take(page, "contributor-submitted")
    article.refresh_from_db()
    assert article.current_workflow_task.name == "Xem xét – Sở Tư pháp"
    # The contributor, locked out, is told who acts next.
    edit(page, origin, article.pk)
    notice = page.locator("main").inner_text()
    assert "bước 1/2" in notice and "Thành viên Ban Biên tập, Phó Trưởng ban hoặc Trưởng ban" in notice
    assert "chỉ những người này sửa được trang" in notice
    shots.take(page, "contributor-locked-page")
    page.context.close()

    page = new_page()
    admin_login(page, origin=origin, username="sotuphap.member")
    panel = page.locator("section.board-work").first
    assert "Công việc của cổng Sở Tư pháp tỉnh Bắc Ninh" in panel.inner_text()
    assert "Đang chờ bạn" in panel.inner_text() and TITLE in panel.inner_text()
    shots.take(page, "member-dashboard")
    edit(page, origin, article.pk)
    assert "Bạn có thể xử lý ngay" in page.locator("main").inner_text()
    shots.take(page, "member-review")
    act(page, "Đồng ý, chuyển bước tiếp theo")
    article.refresh_from_db()
    assert not article.live and article.current_workflow_task.name == "Duyệt đăng – Sở Tư pháp"
    page.goto(f"{origin}/admin/")
    assert "Không có trang nào đang chờ bạn." in page.locator("section.board-work").first.inner_text()
    shots.take(page, "member-dashboard-after")
    page.context.close()

    page = new_page()
    admin_login(page, origin=origin, username="sotuphap.head")
    assert TITLE in page.locator("section.board-work").first.inner_text()
    shots.take(page, "head-dashboard")
    edit(page, origin, article.pk)
    act(page, "Duyệt và xuất bản")
    message = page.locator(".messages").inner_text()
    assert "đã được duyệt và xuất bản trên cổng" in message
    link = page.locator(".messages a[href*='/tin-tuc/']").first.get_attribute("href")
    shots.take(page, "head-published")
    article.refresh_from_db()
    assert article.live
    page.goto(link)
    assert page.locator("h1").first.inner_text().strip() == TITLE
    shots.take(page, "public-page")


def test_head_finishes_alone(portals, board, new_page, shots, portal_url):
    origin = portal_url("sotuphap")
    article = draft(portals, board["head"], title="Thông báo lịch tiếp công dân tháng 12")

    page = new_page()
    admin_login(page, origin=origin, username="sotuphap.head")
    edit(page, origin, article.pk)
    footer_action(page, "button[name='action-submit']")
    page.wait_for_load_state()
    edit(page, origin, article.pk)
    assert "Bạn có thể xử lý ngay" in page.locator("main").inner_text()
    shots.take(page, "head-submitted")
    act(page, "Duyệt và xuất bản ngay")
    assert "đã được duyệt và xuất bản trên cổng" in page.locator(".messages").inner_text()
    shots.take(page, "head-published-alone")
    article = Page.objects.get(pk=article.pk)
    assert article.live and article.current_workflow_state is None
