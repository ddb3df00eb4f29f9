"""The admin as the province's boards see it (issue #19 items 3, 4, 5), in Chromium:
the platform's name and emblem under the production CSP with no outside request; the
Q&A admin path (classify, answer, forward, publish) showing what was saved; the
translators' dashboard listing each page once with working days."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from qa.models import PetitionStatus
from tenants.models import BoardRole
from tests.browser.conftest import PASSWORD, TIMEOUT_MS, admin_login
from tests.cms.factories import page_publish, portal_with_sections
from tests.factories import board_member
from tests.production.test_check_deploy import example_environment, run_manage
from tests.qa.factories import PetitionFactory
from translations.models import TranslationTask

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def portals():
    return portal_with_sections(slugs={"bacninh", "sotuphap", "tiendu"})


def production_admin_csp() -> str:
    """The admin's Content-Security-Policy exactly as settings/production.py builds it
    from the documented production environment."""
    result = run_manage("shell", "-c", "from django.conf import settings; print(settings.CSP_ADMIN)",
                        env=example_environment())
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_branding_avatars_and_production_csp(portals, browser, shots, portal_url):
    """Login, dashboard, page editor, Q&A and mirror screens under the production CSP:
    the province's name and emblem, no CSP violation, no request to another host."""
    unit = portals.units["sotuphap"]
    board_member(unit, BoardRole.HEAD, username="sotuphap.head", first_name="Lan", last_name="Nguyễn")
    origin = portal_url("sotuphap").rstrip("/")
    policy = production_admin_csp()
    assert "img-src 'self'" in policy

    def with_production_csp(route):
        # Playwright fetches outside Chromium, whose *.localhost mapping it does not
        # share: the same request to the live server's address, with the portal's Host.
        url = urlsplit(route.request.url)
        response = route.fetch(
            url=url._replace(netloc=f"127.0.0.1:{url.port}").geturl(),
            headers={**route.request.headers, "host": url.netloc},
            max_redirects=0,
        )
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})

    violations, outside = [], []
    for width, height in ((1366, 900), (390, 844)):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
        context.set_default_timeout(TIMEOUT_MS)
        context.route(re.compile(r".*/admin/.*"), with_production_csp)
        page = context.new_page()
        page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
        page.on("request", lambda r: urlsplit(r.url).hostname not in ("sotuphap.localhost",)
                and not r.url.startswith(("data:", "blob:")) and outside.append(r.url))
        page.goto(origin + "/admin/login/")
        # ("Sign in", before the dash, is Wagtail's own message: issue #19 item 1's catalogs.)
        assert page.title().endswith(" - Quản trị Cổng Thông tin điện tử tỉnh Bắc Ninh")
        assert "Đăng nhập quản trị Cổng Thông tin điện tử tỉnh Bắc Ninh" in page.locator("h1").inner_text()
        assert page.locator("img[src$='admin_branding/emblem.svg']").is_visible()
        shots.take(page, f"login-{width}")
        page.fill("#id_username", "sotuphap.head")
        page.fill("#id_password", PASSWORD)
        page.click("form [type=submit]")
        page.wait_for_url(re.compile(r"/admin/$"))
        page.wait_for_load_state("networkidle")
        assert "Xin chào Lan" in page.locator("main h1, main h2").first.inner_text()
        assert "Công việc của cổng Sở Tư pháp tỉnh Bắc Ninh" in page.locator("main").inner_text()
        assert page.title().endswith("Quản trị Cổng Thông tin điện tử tỉnh Bắc Ninh")
        # Avatars are local: Wagtail's default picture, no Gravatar.
        for avatar in page.locator("img.avatar, .avatar img").all():
            assert urlsplit(avatar.get_attribute("src")).hostname in (None, "sotuphap.localhost")
        shots.take(page, f"dashboard-{width}")
        if width == 1366:
            assert page.locator("[data-wagtail-sidebar] img[src$='admin_branding/emblem.svg']").first.is_visible()
            news = portals.section("sotuphap", "tin-tuc")
            for path, step in ((f"/admin/pages/{news.pk}/edit/", "editor"), ("/admin/qa/", "qa"),
                               ("/admin/mirror/", "mirror")):
                page.goto(origin + path)
                page.wait_for_load_state("networkidle")
                shots.take(page, f"{step}-under-csp")
        context.close()
    assert not violations, violations
    assert not outside, outside


def test_qa_admin_classify_answer_publish_and_forward(portals, new_page, shots, portal_url):
    unit = portals.units["sotuphap"]
    board_member(unit, BoardRole.HEAD, username="sotuphap.head")
    asked = PetitionFactory(agency=unit, subject="Thủ tục chứng thực bản sao từ bản chính")
    misrouted = PetitionFactory(agency=unit, subject="Cấp giấy phép xây dựng nhà ở tại Tiên Du")
    origin = portal_url("sotuphap")
    answer = "Ông/bà mang bản chính và bản sao đến Bộ phận một cửa của Sở để được chứng thực trong ngày."

    page = new_page()
    admin_login(page, origin=origin, username="sotuphap.head")
    page.goto(origin + "/admin/qa/")
    assert "Hỏi - Đáp" in page.locator("body").inner_text()
    shots.take(page, "qa-list")

    page.goto(f"{origin}/admin/qa/{asked.pk}/")
    main = page.locator("main")
    assert "Phân loại" in main.inner_text() and "Chuyển đến" in main.inner_text()
    page.select_option("#id_classify-competence", "inter_agency")
    shots.take(page, "qa-classify")
    page.locator("form:has(input[value=classify]) button[type=submit]").click()
    page.wait_for_load_state()
    # The saved class stays selected.
    assert page.locator("#id_classify-competence").input_value() == "inter_agency"
    assert "Phân loại thẩm quyền" in main.inner_text()
    shots.take(page, "qa-classified")

    page.fill("#id_answer-answer", answer)
    page.fill("#id_answer-answered_by_name", "Giám đốc Sở Tư pháp")
    page.locator("form:has(input[value=answer]) button[type=submit]").click()
    page.wait_for_load_state()
    # The answer text stays in its box after saving.
    assert page.locator("#id_answer-answer").input_value() == answer
    publish = page.locator("form:has(input[value=publish]) button[type=submit]")
    assert publish.inner_text().strip() == "Công khai câu trả lời"
    shots.take(page, "qa-answered")
    publish.click()
    page.wait_for_load_state()
    asked.refresh_from_db()
    assert asked.status == PetitionStatus.PUBLISHED
    assert answer in main.inner_text()
    shots.take(page, "qa-published")

    page.goto(f"{origin}/admin/qa/{misrouted.pk}/")
    select = page.locator("#id_forward-to_agency")
    groups = select.locator("optgroup").evaluate_all("gs => gs.map(g => g.label)")
    assert groups[1:] == ["Sở, ban, ngành", "Huyện, thị xã, thành phố"] or groups == [
        "Tỉnh", "Sở, ban, ngành", "Huyện, thị xã, thành phố"]
    search = page.locator("input.qa-select-search")
    assert search.get_attribute("placeholder") == "Tìm cơ quan…"
    search.fill("tien du")  # without diacritics
    visible = select.locator("option:not([hidden])").evaluate_all("os => os.map(o => o.textContent)")
    assert "Huyện Tiên Du" in visible and "Sở Tư pháp tỉnh Bắc Ninh" not in visible
    shots.take(page, "qa-forward-search")
    select.select_option(label="Huyện Tiên Du")
    page.locator("form:has(input[value=forward]) button[type=submit]").click()
    page.wait_for_load_state()
    misrouted.refresh_from_db()
    assert misrouted.status == PetitionStatus.FORWARDED and misrouted.agency.slug == "tiendu"
    assert "Tiên Du" in page.locator("main").inner_text()
    shots.take(page, "qa-forwarded")


def test_translators_dashboard_lists_each_page_once(portals, new_page, shots, portal_url):
    unit = portals.units["bacninh"]
    board_member(unit, BoardRole.TRANSLATOR, username="bacninh.translator")
    intro = page_publish(portals.section("bacninh", "gioi-thieu"), history="<p>Bắc Ninh là vùng đất Kinh Bắc.</p>")
    # The first translation was done; then the Vietnamese page changed and was republished.
    first = TranslationTask.objects.get()
    TranslationTask.objects.filter(pk=first.pk).update(completed_at=timezone.now() + datetime.timedelta(seconds=1))
    page_publish(intro, culture="<p>Quan họ Bắc Ninh.</p>")
    assert TranslationTask.objects.count() == 2
    current = TranslationTask.objects.open().get()

    page = new_page()
    admin_login(page, origin=portal_url("bacninh"), username="bacninh.translator")
    page.goto(portal_url("bacninh", "/admin/mirror/"))
    table = page.locator("table.listing").first
    rows = table.locator("tbody tr")
    assert rows.count() == 1
    text = rows.first.inner_text()
    assert intro.title in text and "Đã xong" not in text
    assert current.due_date.strftime("%d/%m/%Y") in text and "ngày làm việc" in text
    assert "Bản tiếng Anh" in page.locator("body").inner_text()
    shots.take(page, "translator-dashboard")
