"""RSS feeds of news and legal-document sections list only live, public pages."""

import xml.etree.ElementTree as ET

import pytest

from tests.cms import factories as f

pytestmark = pytest.mark.django_db


def feed_items(client, section, unit):
    response = client.get(section.url + "feed/", HTTP_HOST=unit.hostname)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return {item.findtext("title"): item for item in channel.findall("item")}


def test_news_feed_has_live_public_items_with_title_link_date_description(client, portals):
    unit = portals.units["bacninh"]
    news = portals.section("bacninh", "tin-tuc")
    article = f.NewsPageFactory(parent=news, title="Khai mạc Hội Lim", summary="Lễ hội truyền thống")
    f.NewsPageFactory(parent=news, title="Bản nháp", live=False)
    f.page_make_private(f.NewsPageFactory(parent=news, title="Tin nội bộ"))
    f.NewsPageFactory(parent=portals.section("sotuphap", "tin-tuc"), title="Tin của Sở")

    items = feed_items(client, news, unit)
    assert set(items) == {"Khai mạc Hội Lim"}
    item = items["Khai mạc Hội Lim"]
    assert item.findtext("link") == article.full_url
    assert item.findtext("pubDate")
    assert "Lễ hội truyền thống" in item.findtext("description")
    assert "Theo Cổng TTĐT tỉnh Bắc Ninh" in item.findtext("description")


def test_legal_document_feed_items_carry_the_document_number(client, portals):
    unit = portals.units["sotuphap"]
    documents = portals.section("sotuphap", "van-ban")
    f.LegalDocumentPageFactory(parent=documents, document_number="15/QĐ-STP", title="Quyết định về quy chế",
                               abstract="Ban hành quy chế làm việc")
    f.LegalDocumentPageFactory(parent=documents, document_number="16/QĐ-STP", live=False)

    items = feed_items(client, documents, unit)
    assert list(items) == ["15/QĐ-STP: Quyết định về quy chế"]
    description = items["15/QĐ-STP: Quyết định về quy chế"].findtext("description")
    assert "15/QĐ-STP" in description and "Ban hành quy chế làm việc" in description
    assert "Theo Cổng TTĐT Sở Tư pháp" in description


def test_a_private_section_has_no_public_feed_items(client, portals):
    unit = portals.units["bacninh"]
    news = portals.section("bacninh", "tin-tuc")
    f.NewsPageFactory(parent=news, title="Tin")
    f.page_make_private(news)
    # Wagtail asks for the password before any route of a restricted page runs.
    response = client.get(news.url + "feed/", HTTP_HOST=unit.hostname)
    assert response.status_code == 200
    assert b"<rss" not in response.content
