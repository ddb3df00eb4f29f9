"""The public portal's chrome (issue #17): header (emblem, name, search box, language
switch, menu), footer (contacts, person responsible, reuse line), print action,
OpenGraph meta, thumbnails with srcset, favicon, robots.txt, 404 and 500 pages, and
English chrome with Vietnamese proper names marked lang="vi"."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import override_settings
from django.utils import translation
from wagtail.images.tests.utils import get_test_image_file
from wagtail.images import get_image_model

from cms.models import PortalContactSettings
from tests.cms import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_search(settings):
    # The search page is rendered here for its chrome; the engines are tests/search/'s.
    from settings.search import DATABASE_BACKEND

    settings.WAGTAILSEARCH_BACKENDS = {"default": dict(DATABASE_BACKEND)}
    settings.SEARCH_BACKEND = ""


def html_of(client, path, unit, **extra):
    response = client.get(path, HTTP_HOST=unit.hostname, **extra)
    return response, response.content.decode()


@pytest.fixture
def image():
    return get_image_model().objects.create(title="Ảnh hội nghị", file=get_test_image_file(size=(1200, 800)))


def test_header_has_emblem_name_search_box_and_menu_on_every_page(client, portals):
    unit = portals.units["sotuphap"]
    news = f.NewsPageFactory(parent=portals.section("sotuphap", "tin-tuc"))
    for path in ("/", portals.section("sotuphap", "tin-tuc").url, news.url, "/tim-kiem/?q=x"):
        response, html = html_of(client, path, unit)
        assert response.status_code == 200, path
        assert re.search(r'<img class="emblem" src="/static/img/emblem\.svg" alt="Quốc huy"', html), path
        assert "Sở Tư pháp tỉnh Bắc Ninh</" in html, path
        form = re.search(r'<form class="site-search" role="search" method="get" action="(/tim-kiem/)">(.*?)</form>', html, re.S)
        assert form, path
        assert 'name="q"' in form.group(2)
        assert '<option value="all">Tất cả các cổng</option>' in form.group(2)
        assert '<option value="portal"' in form.group(2)
        assert '<link rel="icon" href="/favicon.ico"' in html
        assert html.count("<h1") == 1, path
    _, home = html_of(client, "/", unit)
    assert '<h1 class="brand-name">Sở Tư pháp tỉnh Bắc Ninh</h1>' in home
    # The menu is a <details> that CSS opens from 768 px and folds below.
    assert re.search(r'<details class="wrap menu" data-menu>\s*<summary class="menu-toggle">', home)


def test_search_box_keeps_the_query_and_scope(client, portals):
    _, html = html_of(client, "/tim-kiem/?q=h%E1%BB%99+t%E1%BB%8Bch&scope=portal", portals.units["sotuphap"])
    assert 'value="hộ tịch"' in html
    assert '<option value="portal" selected>' in html


def test_footer_has_contacts_responsible_person_and_reuse_line(client, portals):
    unit = portals.units["sotuphap"]
    PortalContactSettings.objects.update_or_create(site=unit.site, defaults={
        "address": "Số 9 Lý Thái Tổ", "phone": "0222 3822 111", "email": "stp@bacninh.gov.vn",
        "responsible_person": "Ngô Văn Khải", "responsible_title": "Giám đốc Sở, Trưởng Ban Biên tập"})
    _, html = html_of(client, "/", unit)
    footer = html[html.index('<footer class="site-footer">'):]
    assert "Số 9 Lý Thái Tổ" in footer and "mailto:stp@bacninh.gov.vn" in footer
    assert "Chịu trách nhiệm nội dung" in footer
    assert "Ngô Văn Khải" in footer and "Giám đốc Sở, Trưởng Ban Biên tập" in footer
    # Điều 12.1.b: a component portal is cited "Theo Cổng TTĐT <unit>".
    assert "Theo Cổng TTĐT Sở Tư pháp tỉnh Bắc Ninh" in footer
    _, province_html = html_of(client, "/", portals.units["bacninh"])
    assert "Theo Cổng TTĐT tỉnh Bắc Ninh" in province_html  # Điều 12.1.a
    assert "Ngô Văn Khải" not in province_html


def test_article_prints_shares_and_does_not_repeat_its_head(client, portals, image):
    unit = portals.units["bacninh"]
    summary = "Hội nghị tổng kết công tác năm."
    article = f.NewsPageFactory(
        parent=portals.section("bacninh", "tin-tuc"), summary=summary, main_image=image,
        body=[("rich_text", f"<p>{summary}</p>"), ("image", {"image": image, "caption": "Toàn cảnh", "source": "Ảnh: STP"}),
              ("rich_text", "<p>Nội dung riêng của bài.</p>")],
    )
    _, html = html_of(client, article.url, unit)
    assert "data-print" in html and "In bài viết" in html
    # The lead once, and the three share descriptions; the body's copy is left out.
    assert f'<p class="lead">{summary}</p>' in html and f"<p>{summary}</p>" not in html
    assert '<meta name="description" content="Hội nghị tổng kết công tác năm.">' in html
    assert "Nội dung riêng của bài." in html
    # The main image once, in widths for the screen, with the body's caption.
    assert html.count("<img") - html.count('class="emblem"') == 1
    main = re.search(r'<figure class="main-image"><img([^>]*)>', html).group(1)
    assert re.search(r'srcset="[^"]+ 400w, [^"]+ 800w, [^"]+ 1200w"', main) and "sizes=" in main
    assert "Toàn cảnh" in html and "(Ảnh: STP)" in html
    og = dict(re.findall(r'<meta property="og:(\w+)" content="([^"]*)">', html))
    assert og["title"] == article.title and og["description"] == summary and og["type"] == "article"
    assert og["image"].startswith("http://bacninh.gov.vn/") and og["image"].endswith(".jpg")
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_pages_without_image_share_the_emblem_card(client, portals):
    _, html = html_of(client, "/", portals.units["bacninh"])
    assert re.search(r'<meta property="og:image" content="http://bacninh\.gov\.vn/static/img/og-default\.jpg">', html)


def test_news_list_shows_thumbnails_with_srcset(client, portals, image):
    index = portals.section("bacninh", "tin-tuc")
    f.NewsPageFactory(parent=index, title="Tin có ảnh", main_image=image)
    f.NewsPageFactory(parent=index, title="Tin không ảnh")
    for path in (index.url, "/"):
        _, html = html_of(client, path, portals.units["bacninh"])
        thumbs = re.findall(r'<div class="item-thumb"><img([^>]*)>', html)
        assert len(thumbs) == 1, path
        assert re.search(r'srcset="\S+ 160w, \S+ 320w"', thumbs[0]) and 'alt=""' in thumbs[0]


def test_leaders_without_photo_get_initials_and_services_show_their_level(client, portals):
    unit = portals.units["bacninh"]
    intro = f.page_publish(portals.section("bacninh", "gioi-thieu"), history="<p>Kinh Bắc</p>")
    f.LeaderProfileFactory(page=intro, name="Nguyễn Văn An", photo=None)
    _, html = html_of(client, intro.url, unit)
    assert '<span class="leader-photo placeholder" aria-hidden="true">NA</span>' in html
    services = f.page_publish(portals.section("bacninh", "dich-vu-cong"),
                              services=[("service", {"title": "Cấp phiếu lý lịch tư pháp",
                                                     "url": "https://dichvucong.bacninh.gov.vn/1", "level": "full"})])
    _, html = html_of(client, services.url, unit)
    # Nghị định 42/2022's level, as a label (issue #22 item 3), not a bare "(4)".
    assert '<span class="tag service-level">Toàn trình</span>' in html


def test_documents_list_hides_no_column_on_small_screens(client, portals):
    """The legal documents list is one card per document (number, dates, status, authority
    as a list of facts), so a phone hides nothing; it used to be a 4-column table."""
    index = portals.section("bacninh", "van-ban")
    f.LegalDocumentPageFactory(parent=index)
    _, html = html_of(client, index.url, portals.units["bacninh"])
    listing = html[html.index('<ol class="document-list">'):]
    assert "<table" not in listing[:listing.index("</ol>")]
    assert listing.count('<dl class="facts">') == 1


def test_robots_txt_names_the_portals_sitemap_on_the_visitors_host(client, portals):
    response = client.get("/robots.txt", HTTP_HOST="sotuphap.localhost:8000")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://sotuphap.localhost:8000/sitemap.xml" in body
    assert "Disallow: /admin/" in body
    assert client.get("/sitemap.xml", HTTP_HOST="sotuphap.localhost:8000").status_code == 200


def test_favicon_is_served_at_the_root(client, portals):
    response = client.get("/favicon.ico", HTTP_HOST=portals.units["bacninh"].hostname)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # ICO header


@override_settings(DEBUG=False)
def test_404_page_is_in_the_portals_chrome_and_language(client, portals):
    unit = portals.units["bacninh"]
    response, html = html_of(client, "/khong-co-trang-nay/", unit)
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html and 'class="site-search"' in html and 'lang="vi"' in html
    response, html = html_of(client, "/en/no-such-page/", unit)
    assert response.status_code == 404
    assert "Page not found" in html and '<html lang="en">' in html


def test_500_page_renders_without_a_request_in_the_active_language():
    with translation.override("vi"):
        html = render_to_string("500.html")
    assert "Lỗi máy chủ" in html and '<html lang="vi">' in html and "/static/css/portal.css" in html
    with translation.override("en"):
        assert "Server error" in render_to_string("500.html")


def test_english_page_has_english_chrome_and_vietnamese_names_marked(client, portals):
    from demo.translations import translations_demo_seed

    unit = portals.units["bacninh"]
    f.page_publish(portals.section("bacninh", "lien-he-can-bo"))
    f.page_publish(portals.section("bacninh", "gioi-thieu"), history="<p>Kinh Bắc</p>")
    translations_demo_seed()
    response, html = html_of(client, "/en/", unit)
    assert response.status_code == 200 and '<html lang="en">' in html
    for chrome in ("Electronic information portal", "SOCIALIST REPUBLIC OF VIETNAM", "Responsible for the content",
                   "All portals", "Search", "Latest news" if "latest-news" in html else "Sections"):
        assert chrome in html, chrome
    for vietnamese in ("Cổng thông tin điện tử", "Tất cả các cổng", "Chịu trách nhiệm nội dung", "Trang chủ"):
        assert vietnamese not in html, vietnamese
    # The portal's and its child units' names are Vietnamese proper names.
    assert '<h1 class="brand-name"><span lang="vi">Ủy ban nhân dân tỉnh Bắc Ninh</span></h1>' in html
    assert '<span lang="vi">Sở Tư pháp tỉnh Bắc Ninh</span>' in html
    assert 'aria-current="true">English</span>' in html and 'hreflang="vi" lang="vi">Tiếng Việt</a>' in html
