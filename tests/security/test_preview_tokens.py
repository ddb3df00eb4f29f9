"""Preview tokens and the signing key (issue #16 item 4).

A token opens one revision of one page on its own portal's host, until it expires or
a newer revision is saved; production refuses a published or short SECRET_KEY, both at
start-up and in ``check --deploy``."""

import pytest
from django.core import signing
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from cms.api.preview import PREVIEW_TOKEN_SALT, TOKEN_INVALID, TOKEN_OTHER_PORTAL, TOKEN_SUPERSEDED
from security.checks import secret_key_check
from security.secret_key import PUBLIC_SECRET_KEYS, SECRET_KEY_MIN_LENGTH, secret_key_problems
from tenants.models import BoardRole
from tests.cms.factories import NewsPageFactory
from tests.factories import board_member
from tests.production.test_check_deploy import OPERATOR_SECRET_KEY, example_environment, run_manage
from tests.security.conftest import OTHER_HOST, OWN_HOST

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, portals):
    client.force_login(board_member(portals.units["sotuphap"], BoardRole.MEMBER))
    return client


@pytest.fixture
def news(portals):
    page = NewsPageFactory(parent=portals.section("sotuphap", "tin-tuc"), title="Bản đã đăng")
    page.title = "Bản nháp thứ nhất"
    page.save_revision()
    return page


def issue(client, page) -> str:
    response = client.get(reverse("cms_preview_token", args=[page.pk]))
    assert response.status_code == 200, response.content
    return response.json()["token"]


def preview(client, token, host=OWN_HOST):
    return client.get("/api/v2/preview/", {"token": token}, HTTP_HOST=host)


def message(response) -> str:
    return response.json()["message"]


def test_the_token_opens_its_revision_on_its_portal(editor, news):
    token = issue(editor, news)
    editor.logout()

    response = preview(editor, token)

    assert response.status_code == 200
    assert response.json()["title"] == "Bản nháp thứ nhất"


def test_the_token_is_refused_on_another_portals_host(editor, news):
    token = issue(editor, news)
    editor.logout()

    response = preview(editor, token, host=OTHER_HOST)

    assert response.status_code == 403
    assert message(response) == str(TOKEN_OTHER_PORTAL)
    assert "Bản nháp" not in response.content.decode()


def test_the_token_is_refused_once_a_newer_revision_is_saved(editor, news):
    token = issue(editor, news)
    news.title = "Bản nháp thứ hai"
    news.save_revision()

    response = preview(editor, token)

    assert response.status_code == 403
    assert message(response) == str(TOKEN_SUPERSEDED)
    assert preview(editor, issue(editor, news)).json()["title"] == "Bản nháp thứ hai"  # a new token works


def test_the_token_is_refused_once_the_page_is_published_again(editor, news):
    token = issue(editor, news)
    news.save_revision().publish()

    assert preview(editor, token).status_code == 403


def test_a_bare_signature_over_the_page_id_is_not_a_token(editor, news):
    """Today's format (a TimestampSigner over the id) and other salts give nothing."""
    for forged in (
        signing.TimestampSigner(salt="cms.api.preview").sign(str(news.pk)),
        signing.TimestampSigner(salt=PREVIEW_TOKEN_SALT).sign(str(news.pk)),
        signing.dumps({"page": news.pk, "revision": news.latest_revision_id, "host": OWN_HOST}),
    ):
        response = preview(editor, forged)
        assert response.status_code == 403
        assert message(response) == str(TOKEN_INVALID)


def test_the_messages_are_vietnamese(editor, news):
    token = issue(editor, news)
    response = preview(editor, token, host=OTHER_HOST)
    with translation.override("vi"):
        assert message(response) == str(TOKEN_OTHER_PORTAL)
    assert message(response) != "This preview token belongs to another portal."


# --- SECRET_KEY -------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(PUBLIC_SECRET_KEYS) + ["x" * (SECRET_KEY_MIN_LENGTH - 1), ""])
def test_public_or_short_keys_have_problems(key):
    assert secret_key_problems(key)


def test_a_long_random_key_has_none():
    assert secret_key_problems(OPERATOR_SECRET_KEY) == []


def test_the_examples_key_is_known_as_public():
    published = example_environment(as_published=True)["SECRET_KEY"]
    assert published in PUBLIC_SECRET_KEYS


@override_settings(SECRET_KEY="example-only-replace-me-9f3Kq2LwZ7xVbN4mT8rYcH1sJ6dP0aGeUiOkXzQvBnMlWtRy")
def test_the_deploy_check_reports_the_example_key():
    errors = secret_key_check(None)
    assert errors and all(error.id == "portal.security.E001" for error in errors)


def test_production_refuses_to_start_with_the_examples_key():
    result = run_manage("check", "--deploy", env=example_environment(as_published=True))
    assert result.returncode != 0
    assert "SECRET_KEY is a published example key" in result.stderr


def test_production_refuses_to_start_with_a_short_key():
    env = dict(example_environment(), SECRET_KEY="k" * (SECRET_KEY_MIN_LENGTH - 1))
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert f"at least {SECRET_KEY_MIN_LENGTH} characters" in result.stderr


def test_check_deploy_with_development_settings_reports_the_development_key():
    env = {"DJANGO_SETTINGS_MODULE": "settings.dev"}  # its default key is the development one
    result = run_manage("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "portal.security.E001" in result.stdout + result.stderr
