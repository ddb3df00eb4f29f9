"""The Q&A endpoints are documented in the OpenAPI schema at /api/v2/schema/."""

import pytest
import yaml

pytestmark = pytest.mark.django_db


def test_schema_documents_the_qa_endpoints(client):
    response = client.get("/api/v2/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)

    create = schema["paths"]["/api/v2/qa/questions/"]["post"]
    assert create["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/PetitionSubmit")
    assert {"201", "400", "429"} <= set(create["responses"])
    track = schema["paths"]["/api/v2/qa/questions/{code}/"]["get"]
    assert track["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/PetitionTracking")

    components = schema["components"]["schemas"]
    assert {
        "sender_name",
        "sender_address",
        "sender_phone",
        "sender_email",
        "subject",
        "content",
        "field",
        "agency",
        "anonymous",
        "website",
    } <= set(components["PetitionSubmit"]["properties"])
    assert "tracking_code" in components["PetitionReceipt"]["properties"]
    assert not {"sender_name", "sender_email", "sender_phone", "sender_address"} & set(
        components["PetitionTracking"]["properties"]
    )
