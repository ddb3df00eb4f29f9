"""The accessibility checker for Vietnamese content (issue #19 item 6)."""

import json
import re

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.admin.userbar import Userbar

from moderation.accessibility import ALT_TEXT_PLACEHOLDER, PortalContentChecker


@pytest.mark.parametrize("alt", ["IMG_2031.JPG", "anh-hoi-nghi.png", "Ảnh", "hình ảnh", "DSC0042", "123"])
def test_placeholder_descriptions_are_flagged(alt):
    assert re.search(ALT_TEXT_PLACEHOLDER, alt, re.I)


@pytest.mark.parametrize("alt", ["Hội nghị phổ biến Luật Hộ tịch", "Ảnh Giám đốc Sở phát biểu khai mạc"])
def test_real_descriptions_pass(alt):
    assert not re.search(ALT_TEXT_PLACEHOLDER, alt, re.I)


@pytest.mark.django_db
def test_the_editors_checks_panel_runs_our_rules_with_vietnamese_messages(admin_user):
    request = RequestFactory().get("/")
    request.user = admin_user
    request.in_preview_panel = True  # what the editor's checks panel renders
    with translation.override("vi"):
        html = Userbar(object=None).render_html({"request": request})
    config = json.loads(re.search(r'id="checker-axe-configuration"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert config["options"]["runOnly"] == PortalContentChecker.axe_run_only
    assert {"image-alt", "alt-text-quality", "heading-order", "link-name"} <= set(config["options"]["runOnly"])
    assert config["messages"]["heading-order"]["error_name"] == "Tiêu đề nhảy cấp"
    assert config["messages"]["image-alt"]["error_name"] == "Ảnh chưa có mô tả (văn bản thay thế)"
    assert set(config["messages"]) >= set(config["options"]["runOnly"])
    assert config["spec"]["checks"][0]["options"]["pattern"] == ALT_TEXT_PLACEHOLDER
