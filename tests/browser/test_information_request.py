"""A citizen requests information from the Department of Justice through its portal
(Luật Tiếp cận thông tin 2016, issue #22 item 1): a refused request shows why next to
the field, a received one shows its tracking code and secret, and both find it again;
the published "Tiếp cận thông tin" page links to the request page (Điều 8.1.m), and the
department's board finds the request in its list (Wagtail's generic index view).
Screenshots at 1366x900 and 390x844."""

import re

import pytest
from django.core.cache import cache
from django.utils import translation

from information_requests.models import InformationRequest, RequestStatus
from information_requests.rules import MESSAGE_ID_MISSING, MESSAGE_NOT_ENTITLED
from tenants.models import BoardRole
from tests.browser.conftest import admin_login
from tests.cms.factories import AccessToInformationPageFactory, page_publish, portal_with_sections
from tests.factories import board_member
from tests.information_requests.factories import request_page_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

REQUEST = {
    "#id_requester_name": "Trần Thị Bình",
    "#id_requester_address": "Số 5 đường Lý Thái Tổ, thành phố Bắc Ninh",
    "#id_requester_id_number": "027190001234",
    "#id_requester_phone": "0987 654 321",
    "#id_requester_email": "binh@example.vn",
    "#id_information_requested": "Quyết định phê duyệt quy hoạch sử dụng đất năm 2025 của huyện Tiên Du",
    "#id_purpose": "Tìm hiểu quy hoạch trước khi mua đất ở",
}


@pytest.fixture
def portal():
    cache.clear()
    portals = portal_with_sections(slugs={"bacninh", "sotuphap"})
    yield request_page_for(portals.units["sotuphap"])
    cache.clear()


def vi(text) -> str:
    with translation.override("vi"):
        return str(text)


def test_citizen_requests_information_and_looks_it_up(portal, new_page, shots, portal_url):
    url = portal_url("sotuphap", "/tiep-can-thong-tin/yeu-cau-cung-cap-thong-tin/")
    page = new_page()
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(url)
    shots.take(page, "form-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    shots.take(page, "form-390")
    page.set_viewport_size({"width": 1366, "height": 900})

    # A foreigner whose request does not concern their own rights, with no ID number: refused.
    for selector, value in {**REQUEST, "#id_requester_id_number": ""}.items():
        page.fill(selector, value)
    page.check("input[name=requester_kind][value=foreign_resident]")
    with page.expect_navigation():
        page.locator("#request form button[type=submit]").click()
    errors = page.locator("#request .has-error .error").all_inner_texts()
    shots.take(page, "refused")
    assert vi(MESSAGE_NOT_ENTITLED) in errors and vi(MESSAGE_ID_MISSING) in errors
    assert not InformationRequest.objects.exists()

    # A citizen, complete: received; code and secret shown once.
    for selector, value in REQUEST.items():
        page.fill(selector, value)
    page.check("input[name=requester_kind][value=citizen]")
    page.check("input[name=delivery_form][value=download]")
    page.locator("#request form button[type=submit]").click()
    page.wait_for_url(re.compile(r"\?sent=1"))
    code = page.locator(".tracking-code").inner_text().strip()
    secret = page.locator(".tracking-secret").inner_text().strip()
    shots.take(page, "received")
    item = InformationRequest.objects.get()
    assert item.tracking_code == code and item.secret_matches(secret) and item.delivery_form == "download"

    # The code and the secret find it; its status and deadline are shown.
    page.fill("#id_code", code)
    page.fill("#id_secret", secret)
    with page.expect_navigation():
        page.locator("#track form button[type=submit]").click()
    tracking = page.locator("dl.tracking").inner_text()
    shots.take(page, "looked-up-1366")
    assert vi(RequestStatus.RECEIVED.label) in tracking and REQUEST["#id_information_requested"] in tracking
    assert item.due_date.strftime("%d/%m/%Y") in tracking
    page.set_viewport_size({"width": 390, "height": 844})
    shots.take(page, "looked-up-390")

    # The published access page links to the request page, on a phone too.
    page_publish(portal.get_parent().specific, **{name: getattr(AccessToInformationPageFactory, name) for name in (
        "public_information_list", "focal_point", "request_address", "request_email", "complaints_contact")})
    page.goto(portal_url("sotuphap", "/tiep-can-thong-tin/#requests"))
    shots.take(page, "access-390")
    page.set_viewport_size({"width": 1366, "height": 900})
    shots.take(page, "access-1366")
    with page.expect_navigation():
        page.locator("a.online-request").click()
    assert page.url == url

    # The department's board lists the request (overdue first) and opens it.
    member = board_member(item.agency, BoardRole.MEMBER, username="sotuphap.member")
    origin = portal_url("sotuphap", "")
    admin_login(page, origin=origin, username=member.username)
    page.goto(origin + "/admin/information-requests/")
    listing = page.locator("table.listing").inner_text()
    shots.take(page, "admin-list-1366")
    assert code in listing and vi(RequestStatus.RECEIVED.label) in listing
    assert page.locator("h1").first.inner_text().strip() == "Yêu cầu cung cấp thông tin"
    page.set_viewport_size({"width": 390, "height": 844})
    shots.take(page, "admin-list-390")
    page.set_viewport_size({"width": 1366, "height": 900})
    with page.expect_navigation():
        page.get_by_role("link", name=code).click()
    assert code in page.locator("main").inner_text()
    shots.take(page, "admin-detail-1366")
