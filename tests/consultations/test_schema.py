"""The comment endpoints are documented in the OpenAPI schema at /api/v2/schema/."""

import pytest
import yaml

pytestmark = pytest.mark.django_db

PATH = "/api/v2/consultations/{page_id}/comments/"


def test_schema_documents_the_comment_endpoints(client):
    schema = yaml.safe_load(client.get("/api/v2/schema/").content)

    listing = schema["paths"][PATH]["get"]
    assert listing["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/CommentList")
    create = schema["paths"][PATH]["post"]
    assert create["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/CommentSubmit")
    assert {"201", "400", "404", "409", "429"} <= set(create["responses"])

    components = schema["components"]["schemas"]
    assert {"commenter_name", "commenter_email", "commenter_phone", "organisation", "content", "website"} <= set(
        components["CommentSubmit"]["properties"]
    )
    assert not {"commenter_email", "commenter_phone"} & set(components["PublishedComment"]["properties"])
