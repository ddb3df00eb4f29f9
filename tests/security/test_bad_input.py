"""Issue #9 item 3: hostile input to every public endpoint and form never causes a
server error; a validated body is refused with 4xx and messages per field.

Endpoints: the API (pages, images, documents, find, preview) with each query
parameter, the search API and autocomplete, the search pages, the Q&A API and the
portal's Q&A form, tracking codes, feeds and sitemap.xml, and page routing itself.
Inputs: see ``tests.security.strategies``.
"""

import json
from urllib.parse import quote

import pytest
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from cms.api.schema import COMMON_PARAMETERS, LISTING_PARAMETERS, PAGE_LISTING_PARAMETERS
from cms.api.filters import PAGE_FILTER_PARAMETERS
from search.api import SearchQuerySerializer
from tests.qa.factories import VALID_QUESTION, qa_page_for
from tests.security.conftest import OTHER_HOST, OWN, OWN_HOST
from tests.security.strategies import FUZZ, INJECTIONS, json_value, nasty_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("victim")]

PAGE_PARAMS = sorted(
    {p.name for p in COMMON_PARAMETERS + LISTING_PARAMETERS + PAGE_LISTING_PARAMETERS} | PAGE_FILTER_PARAMETERS
    | {"id", "html_path", "title", "slug", "show_in_menus", "unknown_param"}
)
TYPES = ["", "cms.LegalDocumentPage", "cms.NewsPage", "cms.ProjectPage", "wagtailcore.Page", "cms.nope", "x.y.z"]
HOSTS = st.sampled_from([OWN_HOST, OTHER_HOST, "sotuphap.localhost", "unknown.bacninh.gov.vn"])
SEARCH_PARAMS = ["q", "portal", "kind", "section", "type", "locale", "from", "to", "page"]
QA_FIELDS = ["sender_name", "sender_address", "sender_phone", "sender_email", "subject", "content", "field",
             "agency", "anonymous", "website"]


def assert_no_server_error(response, what):
    assert response.status_code < 500, (what, response.status_code, response.content[:300])


def assert_api_refusal(response, what):
    """A 4xx from the Wagtail API carries {"message": ...}."""
    assert_no_server_error(response, what)
    if 400 <= response.status_code < 500 and response.status_code != 404:
        assert "message" in response.json(), (what, response.content[:300])


@pytest.fixture(autouse=True)
def database_search(settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database.SearchBackend"}}


# --- the Wagtail API ---------------------------------------------------------------------


@FUZZ
@given(params=st.dictionaries(st.sampled_from(PAGE_PARAMS), nasty_text, min_size=1, max_size=4),
       page_type=st.sampled_from(TYPES), host=HOSTS)
def test_pages_api_survives_any_query(client, params, page_type, host):
    if page_type:
        params = {"type": page_type, **params}
    for path in ("/api/v2/pages/", "/api/v2/pages/find/"):
        response = client.get(path, params, HTTP_HOST=host)
        assert_api_refusal(response, (path, params))


@FUZZ
@given(params=st.dictionaries(st.sampled_from(sorted({p.name for p in COMMON_PARAMETERS + LISTING_PARAMETERS}
                                                     | {"id", "title", "collection", "tags"})),
                              nasty_text, min_size=1, max_size=3),
       endpoint=st.sampled_from(["images", "documents"]), host=HOSTS)
def test_media_api_survives_any_query(client, params, endpoint, host):
    response = client.get(f"/api/v2/{endpoint}/", params, HTTP_HOST=host)
    assert_api_refusal(response, (endpoint, params))


@FUZZ
@given(segment=nasty_text, endpoint=st.sampled_from(["pages", "images", "documents"]))
def test_api_detail_survives_any_id(client, segment, endpoint):
    response = client.get(f"/api/v2/{endpoint}/{quote(segment, safe='')}/", HTTP_HOST=OWN_HOST)
    assert_no_server_error(response, segment)
    assert response.status_code in (400, 404)


@FUZZ
@given(token=nasty_text, extra=st.dictionaries(st.sampled_from(["fields", "type", "site"]), nasty_text, max_size=2))
def test_preview_survives_any_token(client, token, extra):
    response = client.get("/api/v2/preview/", {"token": token, **extra}, HTTP_HOST=OWN_HOST)
    assert_api_refusal(response, token)
    assert response.status_code in (400, 403)


# --- search ----------------------------------------------------------------------------------


@FUZZ
@given(params=st.dictionaries(st.sampled_from(SEARCH_PARAMS), nasty_text, min_size=1, max_size=5), host=HOSTS)
def test_search_api_answers_200_or_field_level_400(client, params, host):
    response = client.get("/api/v2/search/", params, HTTP_HOST=host)
    assert_no_server_error(response, params)
    assert response.status_code in (200, 400), (params, response.status_code)
    if response.status_code == 400:
        errors = response.json()
        assert isinstance(errors, dict) and errors
        # "message": a NUL character refused before the view (security.middleware).
        assert set(errors) <= set(SearchQuerySerializer().fields) | {"non_field_errors", "message"}, errors
        assert all(isinstance(m, list) and m and all(isinstance(x, str) for x in m)
                   for name, m in errors.items() if name != "message")


@FUZZ
@given(q=nasty_text)
def test_search_with_only_a_hostile_query(client, q):
    for path in ("/api/v2/search/", "/api/v2/search/autocomplete/"):
        response = client.get(path, {"q": q}, HTTP_HOST=OWN_HOST)
        assert_no_server_error(response, (path, q))
        assert response.status_code in (200, 400)
        if response.status_code == 400:
            assert "q" in response.json()  # field-level, also for a NUL character


@FUZZ
@given(params=st.dictionaries(
    st.sampled_from(["q", "scope", "portal", "kind", "section", "type", "year", "date_from", "date_to", "page",
                     "number", "document_type", "authority"]), nasty_text, min_size=1, max_size=5),
    path=st.sampled_from(["/tim-kiem/", "/tim-kiem/van-ban/", "/en/tim-kiem/"]), host=HOSTS)
def test_search_pages_survive_any_query(client, params, path, host):
    response = client.get(path, params, HTTP_HOST=host)
    assert_no_server_error(response, (path, params))
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("q", INJECTIONS)
def test_each_injection_in_the_search_query(client, q):
    """Every fragment once, deterministically (Hypothesis only samples them)."""
    for path in ("/api/v2/search/", "/api/v2/search/autocomplete/", "/tim-kiem/", "/tim-kiem/van-ban/"):
        response = client.get(path, {"q": q, "number": q}, HTTP_HOST=OWN_HOST)
        assert_no_server_error(response, (path, q))
    response = client.get("/api/v2/pages/", {"search": q}, HTTP_HOST=OWN_HOST)
    assert_api_refusal(response, q)
    for name in sorted(PAGE_FILTER_PARAMETERS):
        response = client.get("/api/v2/pages/", {"type": "cms.LegalDocumentPage", name: q}, HTTP_HOST=OWN_HOST)
        assert_api_refusal(response, (name, q))


def test_sql_in_a_filter_matches_nothing_and_leaves_the_tables(client, portals):
    before = client.get("/api/v2/pages/", HTTP_HOST=OWN_HOST).json()["meta"]["total_count"]
    for q in ("' OR 1=1 --", "'; DROP TABLE wagtailcore_page; --", "%", "_", "*"):
        response = client.get("/api/v2/pages/", {"type": "cms.LegalDocumentPage", "issuing_authority": q,
                                                 "number": q, "field": q}, HTTP_HOST=OWN_HOST)
        assert response.status_code in (200, 400)
        if response.status_code == 200:
            assert response.json()["meta"]["total_count"] == 0, q
    assert client.get("/api/v2/pages/", HTTP_HOST=OWN_HOST).json()["meta"]["total_count"] == before


# --- NUL bytes: PostgreSQL refuses them in any string; the platform refuses them first -----


@pytest.mark.parametrize("url", [
    "/api/v2/pages/?search=a%00b", "/api/v2/pages/?type=cms.LegalDocumentPage&issuing_authority=%00",
    "/api/v2/pages/?type=cms.LegalDocumentPage&number=1%00", "/api/v2/pages/?title=%00",
    "/api/v2/pages/find/?html_path=/tin-tuc/%00/", "/api/v2/images/?search=%00", "/api/v2/documents/?title=%00",
    "/api/v2/search/?q=%00", "/api/v2/qa/questions/AB%00CD/", "/api/v2/preview/?token=%00",
    "/tin-tuc/%00/", "/%00", "/tim-kiem/?q=%00", "/sitemap.xml?p=%00", "/documents/1/a%00.pdf",
])
def test_a_nul_character_in_the_url_is_a_400(client, url):
    response = client.get(url, HTTP_HOST=OWN_HOST)
    assert response.status_code == 400, (url, response.status_code)


# --- Q&A ----------------------------------------------------------------------------------------


@override_settings(QA_SUBMISSIONS_PER_IP=10_000)
@FUZZ
@given(body=st.dictionaries(st.sampled_from(QA_FIELDS + ["attachments", "extra"]), json_value, max_size=8),
       base=st.booleans())
def test_qa_api_refuses_bad_bodies_field_by_field(client, body, base):
    if base:
        body = {**VALID_QUESTION, **body}
    response = client.post("/api/v2/qa/questions/", body, content_type="application/json", HTTP_HOST=OWN_HOST)
    assert_no_server_error(response, body)
    assert response.status_code in (201, 400), (body, response.status_code)
    if response.status_code == 400:
        errors = response.json()
        assert isinstance(errors, dict) and errors, errors
        assert set(errors) <= set(QA_FIELDS) | {"attachments", "non_field_errors"}, errors
        assert all(isinstance(m, list) and m for m in errors.values()), errors


@override_settings(QA_SUBMISSIONS_PER_IP=10_000)
@FUZZ
@given(raw=st.one_of(st.binary(max_size=300), nasty_text.map(lambda t: t.encode("utf-8", "surrogatepass"))),
       content_type=st.sampled_from(["application/json", "multipart/form-data; boundary=x", "text/plain",
                                     "application/x-www-form-urlencoded", "application/json; charset=latin-1"]))
def test_qa_api_survives_malformed_bodies(client, raw, content_type):
    response = client.generic("POST", "/api/v2/qa/questions/", raw, content_type=content_type, HTTP_HOST=OWN_HOST)
    assert_no_server_error(response, (raw, content_type))
    assert 400 <= response.status_code < 500


@pytest.mark.parametrize("body", ["[null, null]", "[]", '"text"', "1", "null"])
def test_qa_api_refuses_a_json_body_that_is_not_an_object(client, settings, body):
    settings.QA_SUBMISSIONS_PER_IP = 100_000
    response = client.generic("POST", "/api/v2/qa/questions/", body, content_type="application/json",
                              HTTP_HOST=OWN_HOST)
    assert response.status_code == 400
    assert response.json()["non_field_errors"]


@pytest.mark.parametrize("path", ["/api/v2/pages/find/", "/api/v2/images/find/", "/api/v2/documents/find/"])
@pytest.mark.parametrize("value", ["null", "-1", "1.5", "abc", "99999999999999999999999", "١٢", "²"])
def test_find_refuses_an_id_that_is_not_a_number(client, path, value):
    response = client.get(path, {"id": value}, HTTP_HOST=OWN_HOST)
    assert response.status_code == 400, response.status_code
    assert "message" in response.json()


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_an_unknown_search_operator_is_a_400(client, endpoint):
    response = client.get(f"/api/v2/{endpoint}/", {"search": "a", "search_operator": "xor"}, HTTP_HOST=OWN_HOST)
    assert response.status_code == 400
    assert "search_operator" in response.json()["message"]


@FUZZ
@given(code=nasty_text)
def test_qa_tracking_survives_any_code(client, code):
    response = client.get(f"/api/v2/qa/questions/{quote(code, safe='')}/", HTTP_HOST=OWN_HOST)
    assert_no_server_error(response, code)
    assert response.status_code in (400, 404)


@override_settings(QA_SUBMISSIONS_PER_IP=10_000)
@FUZZ
@given(data=st.dictionaries(st.sampled_from(QA_FIELDS), nasty_text, max_size=8), base=st.booleans(),
       lookup=st.one_of(st.none(), nasty_text))
def test_public_qa_form_survives_any_post(client, portals, data, base, lookup):
    page = qa_page_for(portals.units[OWN])
    if base:
        data = {**{k: str(v) for k, v in VALID_QUESTION.items() if k != "anonymous"}, **data}
    response = client.post(page.url, data, HTTP_HOST=OWN_HOST)
    assert_no_server_error(response, data)
    assert response.status_code in (200, 302, 400), response.status_code
    if response.status_code == 200:
        assert response.context["form"].errors  # refused with messages on the fields
    if lookup is not None:
        response = client.get(page.url, {"code": lookup, "p": lookup}, HTTP_HOST=OWN_HOST)
        assert_no_server_error(response, lookup)


# --- feeds, sitemap, routing -------------------------------------------------------------------


@FUZZ
@given(params=st.dictionaries(st.sampled_from(["p", "page", "format", "lang", "q"]), nasty_text, max_size=3),
       host=HOSTS)
def test_feeds_and_sitemap_survive_any_query(client, portals, params, host):
    for path in ("/sitemap.xml", portals.section(OWN, "tin-tuc").url + "feed/",
                 portals.section(OWN, "van-ban").url + "feed/"):
        response = client.get(path, params, HTTP_HOST=host)
        assert_no_server_error(response, (path, params))


@FUZZ
@given(segments=st.lists(nasty_text, min_size=1, max_size=3), host=HOSTS)
def test_page_routing_survives_any_path(client, segments, host):
    path = "/" + "/".join(quote(s, safe="") for s in segments) + "/"
    for prefix in ("", "/en", "/tin-tuc", "/documents/1"):
        response = client.get(prefix + path, HTTP_HOST=host)
        assert_no_server_error(response, prefix + path)


@pytest.mark.parametrize("url", ["/api/v2/pages/{id}/", "/api/v2/images/{id}/", "/api/v2/documents/{id}/",
                                 "/api/v2/consultations/{id}/comments/", "/api/v2/surveys/{id}/",
                                 "/api/v2/qa/questions/{id}/"])
@pytest.mark.parametrize("value", ["0", "9223372036854775808", "10822165169342188261843245314605056"])
def test_an_id_beyond_any_integer_column_is_not_found(client, url, value):
    """Schemathesis found a 64-bit-overflowing id once; each path with an id takes it."""
    response = client.get(url.format(id=value), HTTP_HOST=OWN_HOST)
    assert response.status_code in (400, 404), response.status_code
