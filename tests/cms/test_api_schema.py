"""The OpenAPI schema at /api/v2/schema/ describes the pages, images, documents and
preview endpoints with their query parameters, and is valid OpenAPI 3."""

import pytest
import yaml
from drf_spectacular.validation import validate_schema

from cms.api.filters import PAGE_FILTER_PARAMETERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    response = client.get("/api/v2/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def parameters(schema, path):
    return {parameter["name"] for parameter in schema["paths"][path]["get"].get("parameters", [])}


def test_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)  # raises on any violation of the OpenAPI 3 JSON schema


def test_endpoints_and_their_query_parameters(schema):
    for path in ("/api/v2/pages/", "/api/v2/pages/{id}/", "/api/v2/images/", "/api/v2/images/{id}/",
                 "/api/v2/documents/", "/api/v2/documents/{id}/", "/api/v2/preview/"):
        assert path in schema["paths"], path

    assert parameters(schema, "/api/v2/pages/") >= PAGE_FILTER_PARAMETERS | {
        "type", "limit", "offset", "fields", "order", "search", "child_of", "descendant_of", "locale",
    }
    assert parameters(schema, "/api/v2/images/") >= {"limit", "offset", "fields", "search"}
    assert "token" in parameters(schema, "/api/v2/preview/")
    listing = schema["paths"]["/api/v2/pages/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert set(listing["properties"]) == {"meta", "items"}


def test_page_type_fields_are_documented(schema):
    description = schema["paths"]["/api/v2/pages/{id}/"]["get"]["description"]

    assert "`cms.LegalDocumentPage`:" in description
    assert "document_number" in description and "issuing_authority" in description


def test_admin_internal_api_is_not_described(schema):
    assert all(path.startswith("/api/") for path in schema["paths"])
