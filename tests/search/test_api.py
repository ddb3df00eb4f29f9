"""``/api/v2/search/`` and the search page, on the database backend (issue #4)."""

import pytest
from django.utils import translation

from tests.cms.factories import LegalDocumentPageFactory, NewsPageFactory, rich_body

pytestmark = pytest.mark.usefixtures("database_search")


def news(portals, unit, title, **kwargs):
    return NewsPageFactory(parent=portals.section(unit, "tin-tuc"), title=title, body=rich_body("Nội dung."), **kwargs)


def test_search_api_returns_hits_facets_and_pages(client, portals):
    news(portals, "bacninh", "Thông báo tuyển dụng")
    news(portals, "xa-a", "Thông báo của xã")
    response = client.get("/api/v2/search/", {"q": "thong bao"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2 and body["page"] == 1 and body["num_pages"] == 1 and body["notice"] is None
    hit = next(h for h in body["results"] if h["portal"]["slug"] == "xa-a")
    assert hit["title"] == "Thông báo của xã" and hit["section"] == "8.1.b" and hit["page_type"] == "cms.newspage"
    assert "<mark>Thông</mark> <mark>báo</mark>" in hit["snippet"]
    assert {f["value"] for f in body["facets"]["portal"]} == {"bacninh", "xa-a"}
    assert set(body["facets"]) == {"portal", "kind", "section", "type", "year"}


def test_search_api_filters(client, portals):
    news(portals, "bacninh", "Thông báo tuyển dụng")
    news(portals, "xa-a", "Thông báo của xã")
    assert client.get("/api/v2/search/", {"q": "thông báo", "portal": "xa-a"}).json()["count"] == 1
    assert client.get("/api/v2/search/", {"q": "thông báo", "kind": "province"}).json()["count"] == 1
    assert client.get("/api/v2/search/", {"q": "thông báo", "section": "8.1.e"}).json()["count"] == 0
    assert client.get("/api/v2/search/", {"q": "thông báo", "type": "cms.newspage", "locale": "vi"}).json()["count"] == 2


def test_search_api_rejects_bad_parameters_in_vietnamese(client, portals):
    response = client.get("/api/v2/search/", {"q": "", "portal": "khong-co", "kind": "galaxy", "from": "2025-02-01",
                                              "to": "hôm qua", "page": "0"})
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) >= {"q", "portal", "kind", "to", "page"}
    with translation.override("vi"):
        assert "không" in " ".join(errors["q"]).lower() or "trống" in " ".join(errors["q"]).lower()
    reversed_dates = client.get("/api/v2/search/", {"q": "x", "from": "2025-02-01", "to": "2025-01-01"})
    assert reversed_dates.status_code == 400 and "to" in reversed_dates.json()


def test_autocomplete(client, portals):
    news(portals, "bacninh", "Hội nghị xúc tiến đầu tư")
    body = client.get("/api/v2/search/autocomplete/", {"q": "Hội ngh"}).json()
    assert [r["title"] for r in body["results"]] == ["Hội nghị xúc tiến đầu tư"]


def test_search_is_in_the_openapi_schema(client, db):
    schema = client.get("/api/v2/schema/", {"format": "json"}).json()
    assert "/api/v2/search/" in schema["paths"] and "/api/v2/search/autocomplete/" in schema["paths"]
    names = {p["name"] for p in schema["paths"]["/api/v2/search/"]["get"]["parameters"]}
    assert {"q", "portal", "kind", "section", "type", "locale", "from", "to", "page"} <= names


def test_search_page_all_portals_and_this_portal_only(client, portals):
    news(portals, "bacninh", "Thông báo tuyển dụng")
    news(portals, "xa-a", "Thông báo của xã")
    page = client.get("/tim-kiem/", {"q": "thong bao"}, HTTP_HOST="xa-a.bacninh.gov.vn").content.decode()
    assert "Thông báo tuyển dụng" in page and "Thông báo của xã" in page and "<mark>" in page
    own = client.get("/tim-kiem/", {"q": "thong bao", "scope": "portal"}, HTTP_HOST="xa-a.bacninh.gov.vn")
    assert "Thông báo của xã" in own.content.decode() and "Thông báo tuyển dụng" not in own.content.decode()


def test_legal_document_search_page(client, portals):
    LegalDocumentPageFactory(parent=portals.section("bacninh", "van-ban"), document_number="96/QĐ-UBND",
                             title="Quy chế phối hợp cung cấp thông tin")
    page = client.get("/tim-kiem/van-ban/", {"number": "96/qd-ubnd"}).content.decode()
    assert "Quy chế phối hợp cung cấp thông tin" in page


def test_searches_are_counted_per_portal_and_week_without_personal_data(client, portals):
    """Issue 18 item 5: the week's most frequent and zero-result queries."""
    from django.core.management import call_command
    from django.utils import timezone

    from search.models import SearchQueryStat
    from search.services import weekly_query_report

    news(portals, "bacninh", "Thông báo tuyển dụng")
    for query in ("Thông báo", "thông   báo", "tàu vũ trụ"):
        client.get("/api/v2/search/", {"q": query})
    client.get("/api/v2/search/", {"q": "thông báo", "portal": "xa-a"})
    client.get("/api/v2/search/", {"q": "thông báo", "page": 2})  # a next page is not a new search
    fields = {f.name for f in SearchQueryStat._meta.get_fields()}
    assert fields == {"id", "portal", "week", "query", "count", "zero_results"}  # nothing about visitors
    (everywhere, commune) = weekly_query_report(week=timezone.localdate())
    assert everywhere.portal == "" and everywhere.frequent == [("thông báo", 2), ("tàu vũ trụ", 1)]
    assert everywhere.zero_results == [("tàu vũ trụ", 1)]
    assert commune.portal == "xa-a" and commune.frequent == [("thông báo", 1)] and commune.zero_results == [("thông báo", 1)]
    from io import StringIO

    out = StringIO()
    call_command("search_query_report", week=timezone.localdate(), stdout=out)
    assert "tàu vũ trụ" in out.getvalue() and "(all portals)" in out.getvalue()


def test_hit_and_suggestion_links_stay_on_the_host_the_api_was_asked_on(client, portals):
    """Issue #17: a client of the alias route or of 127.0.0.1 cannot follow a link to
    http://xa-a.bacninh.gov.vn/…; on a real hostname the real hostnames stay."""
    from tenants.hosts import site_unit_slugs_forget

    site_unit_slugs_forget()  # the slug cache may hold another module's portals
    news(portals, "bacninh", "Thông báo tuyển dụng")
    news(portals, "xa-a", "Thông báo của xã")
    roots_by_host = {
        "xa-a.localhost:8000": {"bacninh": "http://bacninh.localhost:8000/", "xa-a": "http://xa-a.localhost:8000/"},
        "127.0.0.1:8000": {"bacninh": "http://127.0.0.1:8000/", "xa-a": "http://xa-a.localhost:8000/"},
        "bacninh.gov.vn": {"bacninh": "http://bacninh.gov.vn/", "xa-a": "http://xa-a.bacninh.gov.vn/"},
    }
    for host, roots in roots_by_host.items():
        hits = client.get("/api/v2/search/", {"q": "thông báo"}, HTTP_HOST=host).json()["results"]
        assert {h["portal"]["slug"]: h["url"].split("tin-tuc/")[0] for h in hits} == roots, host
        suggestions = client.get("/api/v2/search/autocomplete/", {"q": "Thông báo"}, HTTP_HOST=host).json()["results"]
        assert sorted(s["url"].split("tin-tuc/")[0] for s in suggestions) == sorted(roots.values()), host


def test_the_response_is_what_the_serializer_documents(portals):
    """The API builds its answer without the serializer (latency, issue 18): the same JSON."""
    from rest_framework.renderers import JSONRenderer

    from search import services
    from search.api import SearchResponseSerializer, search_response_data

    news(portals, "bacninh", "Thông báo tuyển dụng")
    news(portals, "xa-a", "Thông báo của xã")
    outcome = services.pages_search(query="thong bao")
    assert len(outcome.hits) == 2 and outcome.facets["portal"]
    render = JSONRenderer().render
    assert render(search_response_data(outcome)) == render(SearchResponseSerializer(outcome).data)


def test_the_answer_is_written_as_drf_writes_it(client, portals):
    """The search API writes its JSON with orjson (latency, issue 18): the same bytes as
    DRF's renderer, Vietnamese text, marks, nulls and the line separators JavaScript
    refuses included; the browsable API and an indented answer stay DRF's."""
    from rest_framework.renderers import JSONRenderer

    from search.api import SearchJSONRenderer

    news(portals, "bacninh", "Thông báo tuyển dụng \u2028 \"đặc biệt\" \\ <b>&</b>\u2029")
    response = client.get("/api/v2/search/", {"q": "thong bao"})
    assert response.status_code == 200 and response.json()["results"]
    assert response.content == JSONRenderer().render(response.json())
    assert b"\\u2028" in response.content and "\u2028".encode() not in response.content
    samples = [response.json(), {"a": None, "b": [1, "x\n\t\x01"], "c": "\u2029"}, []]
    for data in samples:
        assert SearchJSONRenderer().render(data) == JSONRenderer().render(data)
    indented = SearchJSONRenderer().render({"a": 1}, "application/json; indent=2")
    assert indented == JSONRenderer().render({"a": 1}, "application/json; indent=2")
    assert client.get("/api/v2/search/", {"q": "thong bao"}, HTTP_ACCEPT="text/html").status_code == 200
