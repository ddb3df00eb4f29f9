"""A citizen asks the commune through its portal's Q&A page (Điều 13, issue #9): a
refused submission shows why next to each field, a corrected one shows the tracking
code, and the code then finds the question."""

import re

import pytest
from django.core.cache import cache
from django.utils import translation

from qa.models import Petition
from qa.rules import (
    CONTENT_MIN_WORDS,
    MESSAGE_COMPLAINT,
    MESSAGE_CONTENT_TOO_SHORT,
    MESSAGE_SENDER_CONTACT_MISSING,
)
from tests.cms.factories import portal_with_sections

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

QUESTION = {
    "#id_sender_name": "Trần Thị Bình",
    "#id_sender_address": "Thôn Đông, xã A, huyện Tiên Du",
    "#id_sender_phone": "0987 654 321",
    "#id_sender_email": "binh@example.vn",
    "#id_subject": "Thủ tục đăng ký khai sinh",
    "#id_field": "Hộ tịch",
    "#id_content": "Xin hỏi khi đăng ký khai sinh cho con cần mang theo những giấy tờ gì "
                   "và làm ở đâu ạ?",
}


@pytest.fixture
def portals():
    cache.clear()  # the submission rate limit counts in the cache
    yield portal_with_sections(slugs={"bacninh", "tiendu", "xa-a"})
    cache.clear()


def vi(text) -> str:
    with translation.override("vi"):
        return str(text)


def fill(page, values: dict):
    for selector, value in values.items():
        page.fill(selector, value)


def test_citizen_question_refused_then_received_with_tracking_code(
    portals, new_page, shots, portal_url
):
    page = new_page()
    page.goto(portal_url("xa-a", "/hoi-dap/"))
    assert portals.units["xa-a"].name in page.locator("h1").inner_text()
    shots.take(page, "qa-page")

    # A complaint, with no way to reach the sender and a one-line question: refused,
    # each reason next to its field, nothing stored.
    refused = {"#id_sender_phone": "", "#id_sender_email": "",
               "#id_subject": "Khiếu nại quyết định thu hồi đất", "#id_content": "Đề nghị xem xét."}
    fill(page, {**QUESTION, **refused})
    shots.take(page, "refused-question-filled")
    with page.expect_navigation():
        page.locator("#ask form button[type=submit]").click()
    errors = page.locator("#ask .has-error .error").all_inner_texts()
    shots.take(page, "refused-with-messages")
    assert vi(MESSAGE_COMPLAINT) in errors
    assert vi(MESSAGE_SENDER_CONTACT_MISSING) in errors
    assert vi(MESSAGE_CONTENT_TOO_SHORT) % {"words": CONTENT_MIN_WORDS} in errors
    assert not Petition.objects.exists()

    # Corrected: received, and the tracking code is shown once.
    fill(page, QUESTION)
    page.locator("#ask form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/hoi-dap/\?sent=1"))
    code = page.locator(".tracking-code").inner_text().strip()
    shots.take(page, "received-tracking-code")
    petition = Petition.objects.get()
    assert code == petition.tracking_code
    assert petition.agency == portals.units["xa-a"] and petition.subject == QUESTION["#id_subject"]

    # The code finds the question and its deadline.
    page.fill("#id_code", code)
    page.locator("#track form button[type=submit]").click()
    page.wait_for_url(re.compile(r"code="))
    tracking = page.locator("dl.tracking").inner_text()
    shots.take(page, "tracked-by-code")
    assert QUESTION["#id_subject"] in tracking and portals.units["xa-a"].name in tracking
