"""Folded ASCII page addresses; old Unicode addresses redirect (issue #17 item 6)."""

import pytest
from django.conf import settings
from wagtail.models import Page

from cms.models import NewsPage
from cms.models.slugs import page_slugs_fold
from tests.cms.factories import NewsPageFactory
from vietnamese.text import slug_fold

HOST = "sotuphap.bacninh.gov.vn"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Sở Tư pháp tổ chức hội nghị", "so-tu-phap-to-chuc-hoi-nghi"),
        ("Đất đai: đăng ký biến động", "dat-dai-dang-ky-bien-dong"),
        ("Quyết định 96/QĐ-UBND", "quyet-dinh-96qd-ubnd"),
        ("sở-tư-pháp-đất-đai", "so-tu-phap-dat-dai"),
    ],
)
def test_slug_fold_drops_diacritics_and_folds_d(text, expected):
    assert slug_fold(text) == expected


def test_admin_slug_field_folds_as_the_editor_types():
    assert settings.WAGTAIL_ALLOW_UNICODE_SLUGS is False


def test_new_page_gets_a_folded_slug_from_its_title_or_its_unicode_slug(client, portals):
    news = portals.section("sotuphap", "tin-tuc")
    from_title = news.add_child(instance=NewsPage(
        title="Sở Tư pháp: đất đai và hộ tịch", slug="", summary="Tóm tắt", live=True))
    from_slug = NewsPageFactory(parent=news, title="Tin khác", slug="đăng-ký-khai-sinh")
    draft = news.add_child(instance=NewsPage(title="Bản nháp đầu tiên", slug="", summary="x", live=False))

    assert from_title.slug == "so-tu-phap-dat-dai-va-ho-tich"
    assert from_slug.slug == "dang-ky-khai-sinh"
    assert draft.slug == "ban-nhap-dau-tien"
    response = client.get("/tin-tuc/so-tu-phap-dat-dai-va-ho-tich/", HTTP_HOST=HOST)
    assert response.status_code == 200


def test_a_second_page_of_the_same_title_gets_its_own_address(portals):
    news = portals.section("sotuphap", "tin-tuc")
    first = news.add_child(instance=NewsPage(title="Đất đai", slug="", summary="x", live=True))
    second = news.add_child(instance=NewsPage(title="Đất đai", slug="", summary="x", live=True))
    assert (first.slug, second.slug) == ("dat-dai", "dat-dai-2")


def test_existing_unicode_addresses_are_folded_and_redirect(client, portals):
    news = NewsPageFactory(parent=portals.section("sotuphap", "tin-tuc"), title="Tin cũ", slug="tin-cu")
    # A page made before slugs were folded: its address has diacritics.
    old_url_path = news.url_path.replace("tin-cu", "sở-tư-pháp-tin-cũ")
    Page.objects.filter(pk=news.pk).update(slug="sở-tư-pháp-tin-cũ", url_path=old_url_path)
    assert client.get("/tin-tuc/sở-tư-pháp-tin-cũ/", HTTP_HOST=HOST).status_code == 200

    assert page_slugs_fold() == 1

    news.refresh_from_db()
    assert news.slug == "so-tu-phap-tin-cu"
    assert client.get("/tin-tuc/so-tu-phap-tin-cu/", HTTP_HOST=HOST).status_code == 200
    old = client.get("/tin-tuc/s%E1%BB%9F-t%C6%B0-ph%C3%A1p-tin-c%C5%A9/?page=2", HTTP_HOST=HOST)
    assert old.status_code == 301
    assert old["Location"] == "/tin-tuc/so-tu-phap-tin-cu/?page=2"
    # An address with diacritics and no page behind its folded form stays a 404.
    assert client.get("/tin-tuc/không-có/", HTTP_HOST=HOST).status_code == 404
