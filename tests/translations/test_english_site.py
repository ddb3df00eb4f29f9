"""Only English pages under /en/ (Điều 8.2.d, issue #17 item 4): the provincial portal
has an English site with its Q&A page; a component portal answers /en/ only where an
English page exists; an English question ends on the English confirmation."""

import re

import pytest

from demo.translations import translations_demo_seed
from qa.models import Petition
from tests.qa.factories import VALID_QUESTION
from translations.operations import mirror_locale, page_mirror
from wagtail_localize.models import StringSegment, StringTranslation

PROVINCE = "bacninh.gov.vn"
DEPARTMENT = "sotuphap.bacninh.gov.vn"
ENGLISH_QUESTION = {
    **VALID_QUESTION,
    "sender_name": "John Smith",
    "subject": "Temporary residence card for my family",
    "content": "Which documents does a foreign engineer need to apply for a work permit in Bac Ninh?",
    "field": "Labour",
}


@pytest.fixture
def english_province(portals, django_capture_on_commit_callbacks):
    # Provisioning leaves the introduction and contacts as drafts until filled in;
    # wagtail-localize publishes a translation once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        for unit in ("bacninh", "sotuphap"):
            for section in ("gioi-thieu", "lien-he-can-bo"):
                portals.section(unit, section).save_revision().publish()
        translations_demo_seed()
    return portals


def test_component_portal_without_english_pages_has_no_english_site(client, english_province):
    assert client.get("/", HTTP_HOST=DEPARTMENT).status_code == 200
    for path in ("/en/", "/en/hoi-dap/", "/en/gioi-thieu/", "/en/tin-tuc/"):
        assert client.get(path, HTTP_HOST=DEPARTMENT).status_code == 404, path


def test_component_portal_serves_the_english_pages_it_has(client, english_province, django_capture_on_commit_callbacks):
    intro = english_province.section("sotuphap", "gioi-thieu")
    translation = page_mirror(page_id=intro.pk, locale_id=mirror_locale().pk)
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string, locale=translation.target_locale, context=segment.context,
            defaults={"data": "About the Department of Justice" if segment.context.path == "title"
                      else segment.string.data, "translation_type": "manual"},
        )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    response = client.get("/en/gioi-thieu/", HTTP_HOST=DEPARTMENT)
    page = response.content.decode()
    assert response.status_code == 200 and "About the Department of Justice" in page
    # "Home" (menu, breadcrumb, the portal's name) leads to the portal's English home, not
    # to the Vietnamese one; the menu has no link to a section nobody translated.
    menu = re.search(r'<ul class="menu-list">(.*?)</ul>', page, re.S).group(1)
    assert re.findall(r'href="([^"]+)"', menu) == ["/en/", "/en/gioi-thieu/"]
    assert '<li><a href="/en/">Home</a></li>' in page and '<a class="brand" href="/en/">' in page
    # The English home lists the portal's English pages, in English chrome.
    home = client.get("/en/", HTTP_HOST=DEPARTMENT)
    assert home.status_code == 200
    home = home.content.decode()
    assert '<html lang="en">' in home and '<a href="/en/gioi-thieu/">About the Department of Justice</a>' in home
    assert "English pages" in home and 'hreflang="vi" lang="vi">Tiếng Việt</a>' in home
    # The Vietnamese home offers the English one; the sections nobody translated stay 404.
    assert 'href="/en/" hreflang="en" lang="en">English</a>' in client.get("/", HTTP_HOST=DEPARTMENT).content.decode()
    assert client.get("/en/tin-tuc/", HTTP_HOST=DEPARTMENT).status_code == 404


def test_provincial_english_site_has_its_pages_at_the_vietnamese_addresses(client, english_province):
    for path in ("/en/", "/en/gioi-thieu/", "/en/lien-he-can-bo/", "/en/hoi-dap/"):
        response = client.get(path, HTTP_HOST=PROVINCE)
        assert response.status_code == 200, path
        assert '<html lang="en">' in response.content.decode()
    # Sections nobody translated are not shown in Vietnamese under /en/.
    assert client.get("/en/tin-tuc/", HTTP_HOST=PROVINCE).status_code == 404


def test_english_question_ends_on_the_english_confirmation(client, english_province):
    form = client.get("/en/hoi-dap/", HTTP_HOST=PROVINCE)
    assert "Send a question" in form.content.decode()

    response = client.post("/en/hoi-dap/", ENGLISH_QUESTION, HTTP_HOST=PROVINCE)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/hoi-dap/?sent=1")
    petition = Petition.objects.get(subject=ENGLISH_QUESTION["subject"])
    assert petition.language == "en"
    shown = client.get(response["Location"], HTTP_HOST=PROVINCE).content.decode()
    assert '<html lang="en">' in shown
    assert "Your question has been received" in shown and petition.tracking_code in shown
    assert "Câu hỏi của bạn" not in shown
    # The Vietnamese name of the unit is marked as Vietnamese on the English page.
    assert '<span lang="vi">Ủy ban nhân dân tỉnh Bắc Ninh</span>' in shown
