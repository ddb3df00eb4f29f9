"""Online public services under Nghị định 42/2022/NĐ-CP (issue 22 item 3): two levels,
"toàn trình" and "một phần"; the old levels 2/3/4 converted by migration 0008, 2/3 flagged
for editors to confirm; links to the national and provincial public service portals."""

import importlib
import json

from django.apps import apps
from django.urls import reverse
from django.utils import translation

from cms.models.services import NATIONAL_PUBLIC_SERVICE_PORTAL, OnlinePublicServicesPage, ServiceLevel
from tests.cms.factories import page_publish

level_migration = importlib.import_module("cms.migrations.0008_online_service_levels_decree_42")


def service(title, level, **extra):
    return ("service", {"title": title, "url": f"https://dichvucong.bacninh.gov.vn/{len(title)}", "level": level,
                        **extra})


def services_page(portals, *services):
    return page_publish(portals.section("sotuphap", "dich-vu-cong"), services=list(services))


def levels(page):
    return [(block.value["title"], block.value["level"], bool(block.value.get("level_to_confirm")))
            for block in page.services]


def test_the_migration_converts_the_old_levels_in_pages_and_their_drafts(portals):
    page = services_page(portals, service("Khai sinh", "4"), service("Kết hôn", "3"), service("Chứng thực", "2"),
                         service("Hộ tịch", ""))
    page.save_revision()  # a draft holding the old levels too
    assert levels(page)[0][1] == "4"  # stored as the old code wrote it

    level_migration.forwards(apps, None)

    page = OnlinePublicServicesPage.objects.get(pk=page.pk)
    expected = [("Khai sinh", "full", False), ("Kết hôn", "partial", True), ("Chứng thực", "partial", True),
                ("Hộ tịch", "", False)]
    assert levels(page) == expected
    assert levels(page.get_latest_revision_as_object()) == expected
    assert page.levels_to_confirm() == 2
    level_migration.forwards(apps, None)  # running it again changes nothing
    assert levels(OnlinePublicServicesPage.objects.get(pk=page.pk)) == expected


def test_the_public_page_shows_the_levels_in_vietnamese_and_both_portals(client, portals):
    page = services_page(portals, service("Cấp phiếu lý lịch tư pháp", ServiceLevel.FULL),
                         service("Đăng ký kết hôn", ServiceLevel.PARTIAL))
    html = client.get(page.url, HTTP_HOST=portals.units["sotuphap"].hostname).content.decode()
    assert '<span class="tag service-level">Toàn trình</span>' in html
    assert '<span class="tag service-level">Một phần</span>' in html
    assert "(4)" not in html
    assert f'href="{NATIONAL_PUBLIC_SERVICE_PORTAL}"' in html and "Cổng Dịch vụ công quốc gia" in html
    assert 'href="https://dichvucong.bacninh.gov.vn"' in html


def test_the_api_gives_the_levels_and_both_portals(client, portals):
    page = services_page(portals, service("Đăng ký kết hôn", ServiceLevel.PARTIAL, level_to_confirm=True))
    data = client.get(f"/api/v2/pages/{page.pk}/", HTTP_HOST=portals.units["sotuphap"].hostname).json()
    assert data["national_service_portal_url"] == "https://dichvucong.gov.vn"
    assert data["service_portal_url"] == "https://dichvucong.bacninh.gov.vn"
    [block] = data["services"]
    assert block["value"]["level"] == "partial" and block["value"]["level_to_confirm"] is True


def test_the_provincial_portal_is_a_setting(portals, settings):
    settings.PROVINCIAL_PUBLIC_SERVICE_PORTAL = "https://dvc.example.gov.vn"
    assert OnlinePublicServicesPage().service_portal_url == "https://dvc.example.gov.vn"


def test_services_filter_by_level(portals):
    page = services_page(portals, service("A", ServiceLevel.FULL), service("B", ServiceLevel.PARTIAL))
    assert [b.value["title"] for b in page.services_at_level(ServiceLevel.PARTIAL)] == ["B"]
    assert [b.value["title"] for b in page.services_at_level("")] == ["A", "B"]


def test_editors_see_the_levels_to_confirm_in_the_admin(admin_client, portals):
    page = services_page(portals, service("Kết hôn", ServiceLevel.PARTIAL, level_to_confirm=True),
                         service("Chứng thực", ServiceLevel.PARTIAL, level_to_confirm=True))
    with translation.override("vi"):
        assert page.get_admin_display_title() == f"{page.title} (2 dịch vụ cần xác nhận lại mức độ)"
    listing = admin_client.get(reverse("wagtailadmin_explore", args=[page.get_parent().pk]),
                               HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "2 dịch vụ cần xác nhận lại mức độ" in listing
    form = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]), HTTP_ACCEPT_LANGUAGE="vi")
    html = form.content.decode()
    for label in ("mức độ cần xác nhận lại", "Toàn trình", "Một phần"):
        # the stream's block definitions reach the form as JSON, non-ASCII escaped
        assert label in html or json.dumps(label)[1:-1] in html, label
