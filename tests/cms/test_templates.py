"""The reference front end: every page type renders on its portal's host with its key
fields, its source attribution (Điều 12) and its information date."""

import datetime

import pytest
from django.utils import timezone

from cms.models import PortalContactSettings
from tests.cms import factories as f

pytestmark = pytest.mark.django_db

ATTRIBUTION = "Theo Cổng TTĐT tỉnh Bắc Ninh"


def get(client, page, unit):
    response = client.get(page.url, HTTP_HOST=unit.hostname)
    assert response.status_code == 200, (type(page).__name__, response.status_code)
    return response.content.decode()


def test_every_page_type_renders_with_its_key_fields_and_attribution(client, portals):
    unit = portals.units["bacninh"]
    section = portals.sections["bacninh"]
    today = timezone.localdate()

    document = f.LegalDocumentPageFactory(parent=section["van-ban"], document_number="96/QĐ-UBND",
                                          abstract="Quy chế phối hợp cung cấp thông tin")
    f.LegalDocumentFileFactory(page=document, title="Toàn văn quyết định")
    gazette = f.GazetteIssuePageFactory(parent=section["cong-bao"], issue_number="12")
    f.GazetteEntryFactory(page=gazette, legal_document=document)
    release = f.StatisticsReleasePageFactory(parent=section["thong-ke"])
    f.StatisticsDataFileFactory(page=release)
    schedule = f.WorkSchedulePageFactory(parent=section["chi-dao-dieu-hanh"])
    f.WorkScheduleEntryFactory(page=schedule, content="Tiếp công dân định kỳ")
    consultation = f.ConsultationPageFactory(parent=section["lay-y-kien"])
    f.ConsultationFileFactory(page=consultation, title="Dự thảo lần 2")
    intro = f.page_publish(section["gioi-thieu"], history="<p>Vùng đất Kinh Bắc</p>")
    f.LeaderProfileFactory(page=intro, name="Lãnh Đạo Thứ Hai", sort_order=2)
    f.LeaderProfileFactory(page=intro, name="Lãnh Đạo Thứ Nhất", sort_order=1)
    contacts = f.page_publish(section["lien-he-can-bo"])
    f.OfficialContactFactory(page=contacts, name="Trần Văn Liên Hệ", email="lienhe@bacninh.gov.vn")

    expectations = [
        (f.NewsPageFactory(parent=section["tin-tuc"], summary="Tóm tắt tin"), ["Tóm tắt tin", "Nội dung bài viết."]),
        (f.DirectionPageFactory(parent=section["chi-dao-dieu-hanh"]), ["Chỉ đạo"]),
        (f.LegalDisseminationPageFactory(parent=section["pho-bien-phap-luat"]), ["Nội dung bài viết."]),
        (f.PlanPageFactory(parent=section["quy-hoach-ke-hoach"]), ["Kế hoạch phát triển ngành"]),
        (f.FinancialReportPageFactory(parent=section["bao-cao-tai-chinh"], fiscal_year=2024), ["2024"]),
        (document, ["96/QĐ-UBND", "Quy chế phối hợp cung cấp thông tin", "UBND tỉnh Bắc Ninh", "18/03/2021",
                    "Toàn văn quyết định", "<dl"]),
        (gazette, ["12", "96/QĐ-UBND", "Quy chế phối hợp cung cấp thông tin", f'href="/van-ban/{document.slug}/"']),
        (f.ProjectPageFactory(parent=section["du-an"]), ["Nâng cấp hạ tầng giao thông.", "Sở Giao thông vận tải"]),
        (consultation, ["stp@bacninh.gov.vn", "Số 9 đường Lý Thái Tổ", "Toàn văn dự thảo.", "Dự thảo lần 2",
                        'class="consultation-state open"']),
        (f.ScienceProgrammePageFactory(parent=section["khoa-hoc-cong-nghe"], code="KHCN-777"), ["KHCN-777"]),
        (release, ["<table", "<th scope=\"col\">Năm 2025</th>", "<td>1519</td>"]),
        (schedule, ["Tiếp công dân định kỳ", "Phòng họp tầng 3", "08:00"]),
        (intro, ["Vùng đất Kinh Bắc", "Lãnh Đạo Thứ Nhất"]),
        (contacts, ["Trần Văn Liên Hệ", "mailto:lienhe@bacninh.gov.vn", "<table"]),
        (f.page_publish(section["tiep-can-thong-tin"], **{k: getattr(f.AccessToInformationPageFactory, k) for k in (
            "public_information_list", "focal_point", "request_address", "complaints_contact")}),
         ["Văn phòng Sở", "Thanh tra Sở"]),
        (f.page_publish(section["dich-vu-cong"], services=f.OnlinePublicServicesPageFactory.services.function()),
         ["Cấp phiếu lý lịch tư pháp", "https://dichvucong.bacninh.gov.vn"]),
    ]
    # Every section index, including the ones whose children were made above.
    for slug in ("tin-tuc", "chi-dao-dieu-hanh", "pho-bien-phap-luat", "quy-hoach-ke-hoach", "bao-cao-tai-chinh",
                 "van-ban", "cong-bao", "du-an", "lay-y-kien", "khoa-hoc-cong-nghe", "thong-ke"):
        expectations.append((section[slug], [section[slug].title]))

    for page, needles in expectations:
        html = get(client, page, unit)
        assert f"<h1>{page.title}</h1>" in html, type(page).__name__
        assert ATTRIBUTION in html, type(page).__name__
        assert 'class="information-date"' in html
        assert 'aria-label="' in html and 'class="breadcrumb"' in html, type(page).__name__
        for needle in needles:
            assert needle in html, (type(page).__name__, needle)

    intro_html = get(client, intro, unit)
    assert intro_html.index("Lãnh Đạo Thứ Nhất") < intro_html.index("Lãnh Đạo Thứ Hai")
    # Only the filled parts of the introduction are shown.
    assert 'id="culture"' not in intro_html and 'id="history"' in intro_html
    assert schedule.week_start <= today


def test_section_index_lists_live_children_paginated(client, portals):
    unit = portals.units["bacninh"]
    news_index = portals.section("bacninh", "tin-tuc")
    for n in range(news_index.items_per_page + 1):
        f.NewsPageFactory(parent=news_index, title=f"Tin số {n:02d}",
                          first_published_at=timezone.now() - datetime.timedelta(hours=n))
    f.NewsPageFactory(parent=news_index, title="Bản nháp chưa duyệt", live=False)

    first = get(client, news_index, unit)
    assert "Tin số 00" in first and "Tin số 20" not in first
    assert "Bản nháp chưa duyệt" not in first
    assert 'rel="next"' in first
    second = client.get(news_index.url + "?page=2", HTTP_HOST=unit.hostname).content.decode()
    assert "Tin số 20" in second and "Tin số 00" not in second


def test_project_index_lists_projects_by_status(client, portals):
    index = portals.section("bacninh", "du-an")
    f.ProjectPageFactory(parent=index, title="Dự án chuẩn bị", status="preparing")
    f.ProjectPageFactory(parent=index, title="Dự án hoàn thành", status="completed")
    html = get(client, index, portals.units["bacninh"])
    assert html.index('id="status-preparing"') < html.index("Dự án chuẩn bị") < html.index('id="status-in_progress"')
    assert html.index('id="status-completed"') < html.index("Dự án hoàn thành")


def test_closed_consultation_says_so(client, portals):
    page = f.ConsultationPageFactory(parent=portals.section("bacninh", "lay-y-kien"),
                                     comment_deadline=timezone.now() - datetime.timedelta(days=1))
    assert 'class="consultation-state closed"' in get(client, page, portals.units["bacninh"])


def test_home_shows_sections_menu_latest_news_and_contact_details(client, portals):
    unit = portals.units["sotuphap"]
    news_index = portals.section("sotuphap", "tin-tuc")
    f.NewsPageFactory(parent=news_index, title="Sở Tư pháp tập huấn nghiệp vụ")
    f.NewsPageFactory(parent=portals.section("bacninh", "tin-tuc"), title="Tin của tỉnh")
    PortalContactSettings.objects.update_or_create(
        site=unit.site, defaults={"address": "Số 9 Lý Thái Tổ", "phone": "0222 3822 111", "email": "stp@bacninh.gov.vn"}
    )

    html = get(client, unit.home_page, unit)
    assert '<h1 class="brand-name">' in html
    assert "Sở Tư pháp tập huấn nghiệp vụ" in html and "Tin của tỉnh" not in html
    # Menu and section list link on the visitor's host: relative, not the real hostname.
    assert f'href="{news_index.get_url_parts()[2]}"' in html and f'href="{news_index.url}"' not in html
    # Draft sections (introduction, contacts… until the board publishes) are not offered.
    assert 'href="/gioi-thieu/"' not in html
    assert "Số 9 Lý Thái Tổ" in html and "mailto:stp@bacninh.gov.vn" in html

    # The footer follows the visitor onto content pages and is per portal.
    assert "Số 9 Lý Thái Tổ" in get(client, news_index, unit)
    province = portals.units["bacninh"]
    assert "Số 9 Lý Thái Tổ" not in get(client, province.home_page, province)


def test_pages_answer_on_the_development_alias(client, portals):
    page = f.NewsPageFactory(parent=portals.section("sotuphap", "tin-tuc"))
    response = client.get(page.url, HTTP_HOST="sotuphap.localhost:8000")
    assert response.status_code == 200
    assert "Theo Cổng TTĐT Sở Tư pháp" in response.content.decode()
