"""An outage raised outside any view (a middleware's query) is a 503 with the plain
message, like one inside a view; other errors stay a 500 (issue #9 item 4)."""

import pytest
from django.db import OperationalError
from django.test import Client

from security.unavailable import MESSAGE_DATABASE_UNAVAILABLE


class BrokenMiddleware:
    error = OperationalError("server closed the connection unexpectedly")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise self.error


@pytest.fixture
def broken(settings):
    settings.MIDDLEWARE = ["tests.security.test_unavailable.BrokenMiddleware", *settings.MIDDLEWARE]
    yield BrokenMiddleware
    BrokenMiddleware.error = OperationalError("server closed the connection unexpectedly")


@pytest.mark.django_db
def test_a_database_outage_in_a_middleware_is_a_503_with_the_message(broken):
    client = Client(raise_request_exception=False)
    page = client.get("/")
    assert page.status_code == 503 and page["Retry-After"]
    assert str(MESSAGE_DATABASE_UNAVAILABLE) in page.content.decode()
    api = client.get("/api/v2/pages/")
    assert api.status_code == 503 and api.json()["detail"] == str(MESSAGE_DATABASE_UNAVAILABLE)


@pytest.mark.django_db
def test_any_other_error_in_a_middleware_stays_a_500(broken):
    broken.error = ValueError("a bug")
    assert Client(raise_request_exception=False).get("/").status_code == 500
