"""Text typed into the admin is stored as NFC, and TCVN3 paste is converted (Điều 4)."""

import unicodedata

import pytest
from django.urls import reverse

from tenants.models import BoardRole, Unit
from tests.factories import board_member, province_rows, provision

pytestmark = pytest.mark.django_db


@pytest.fixture
def head(client):
    provision(province_rows())
    unit = Unit.objects.get(slug="xa-a")
    client.force_login(board_member(unit, BoardRole.HEAD))
    return unit


def edit_home(client, unit, **fields):
    home = unit.site.root_page
    data = {"title": home.title, "slug": home.slug, "introduction": "", "action-publish": "publish"}
    data.update(fields)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[home.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    home.refresh_from_db()
    return home.specific


def test_decomposed_unicode_from_the_admin_is_stored_composed(client, head):
    nfd = unicodedata.normalize("NFD", "Thông báo của Ủy ban nhân dân xã")
    assert nfd != unicodedata.normalize("NFC", nfd)

    home = edit_home(client, head, introduction=nfd)

    assert home.introduction == unicodedata.normalize("NFC", nfd)
    assert unicodedata.is_normalized("NFC", home.introduction)


def test_tcvn3_paste_in_the_admin_is_converted(client, head):
    home = edit_home(client, head, introduction="Céng hoµ x· héi chñ nghÜa ViÖt Nam")
    assert home.introduction == "Cộng hoà xã hội chủ nghĩa Việt Nam"


def test_model_save_outside_forms_stores_nfc(head):
    head.short_name = unicodedata.normalize("NFD", "Liên Bão")
    head.save()
    head.refresh_from_db()
    assert head.short_name == unicodedata.normalize("NFC", "Liên Bão")


def test_unconvertible_legacy_text_is_refused_on_its_field(client, head):
    from vietnamese.text import MESSAGE_LEGACY_ENCODING

    home = head.site.root_page
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[home.pk]),
        {"title": home.title, "slug": home.slug, "introduction": "Th«ng", "action-publish": "publish"},
    )
    assert response.status_code == 200  # the form comes back with the error
    form = response.context["form"]
    assert str(MESSAGE_LEGACY_ENCODING) in form.errors["introduction"]
    home.refresh_from_db()
    assert home.specific.introduction == ""
