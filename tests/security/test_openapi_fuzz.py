"""Issue #9 item 3: Schemathesis drives every operation of /api/v2/schema/ against the
Django WSGI app, on a portal's host, and checks that nothing answers 5xx.

The schema is read from the running app (so the fuzzing follows the code), and each
case goes through the whole middleware stack as a real request would.
"""

from contextlib import contextmanager

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, assume, settings
from schemathesis.checks import not_a_server_error

from tests.security.conftest import OWN_HOST

pytestmark = pytest.mark.django_db


@contextmanager
def connections_kept():
    """As Django's test client does: a request must not close the test's connection
    (and with it the transaction holding the test data)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def wsgi_connections_kept(settings):
    settings.QA_SUBMISSIONS_PER_IP = 100_000  # the fuzzer posts far more than a citizen
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database.SearchBackend"}}
    with connections_kept():
        yield


@pytest.fixture
def api_schema(victim, wsgi_connections_kept):
    return schemathesis.openapi.from_wsgi("/api/v2/schema/?format=json", WSGIHandler(), headers={"Host": OWN_HOST})


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much, HealthCheck.data_too_large])
def test_no_operation_answers_a_server_error(case):
    # A JSON body that is not an object is a 500 in qa.api (request.data.get on a list);
    # reported to the qa owner, pinned by test_bad_input.test_qa_api_refuses_a_json_array.
    assume(not (case.method == "POST" and case.path == "/api/v2/qa/questions/" and not isinstance(case.body, dict)))
    response = case.call(headers={"Host": OWN_HOST})
    case.validate_response(response, checks=[not_a_server_error])
