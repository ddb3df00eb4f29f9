"""The S3 server is unavailable during an upload (issue #9 item 4).

The storages talk to the real S3 server (S3Proxy under ./scripts/test) through a
FaultProxy, with botocore's timeouts and retries kept short. While the proxy is cut, a
citizen's Q&A attachment and an editor's document upload are refused with a plain
message (503), and no row points at a file that is not in the bucket; once S3 is back
the same uploads succeed, and rows and objects are counted against each other.
"""

import os
import uuid
from urllib.parse import urlsplit

import pytest
from botocore.config import Config
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation

from qa.models import Petition, PetitionAttachment
from qa.services import MESSAGE_ATTACHMENTS_NOT_STORED
from security.unavailable import MESSAGE_STORAGE_UNAVAILABLE
from settings.storages import s3_options
from tests.factories import province_rows, provision
from tests.faults.conftest import DATABASE_SEARCH, require_service
from tests.qa.factories import VALID_QUESTION

pytestmark = [pytest.mark.services, pytest.mark.django_db]

HOST = "xa-a.bacninh.gov.vn"
SCAN = b"%PDF-1.4 scan of a land-use certificate"
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
# A dead S3 must not hold the request for long: one retry, short timeouts.
CLIENT_CONFIG = Config(
    s3={"addressing_style": "path"},
    signature_version="s3v4",
    connect_timeout=2,
    read_timeout=5,
    retries={"total_max_attempts": 2, "mode": "standard"},
)


@pytest.fixture
def s3_behind_proxy(fault_proxy, monkeypatch, settings):
    """STORAGES on the real S3 server through a proxy, in a bucket of this test's own."""
    require_service("S3_ENDPOINT_URL")
    settings.QA_SUBMISSIONS_PER_IP = 0
    settings.WAGTAILSEARCH_BACKENDS = DATABASE_SEARCH  # this test's pages stay out of the shared engine
    endpoint = urlsplit(os.environ["S3_ENDPOINT_URL"])
    proxy = fault_proxy(endpoint.hostname, endpoint.port)
    options = s3_options(
        endpoint_url=proxy.url,
        bucket=f"{os.environ.get('S3_BUCKET', 'portal-test')}-faults-{uuid.uuid4().hex[:8]}",
        access_key=os.environ["S3_ACCESS_KEY_ID"],
        secret_key=os.environ["S3_SECRET_ACCESS_KEY"],
        region=os.environ.get("S3_REGION", "us-east-1"),
    )
    options["client_config"] = CLIENT_CONFIG
    stores = {
        "default": {"BACKEND": "uploads.storage.MediaStorage", "OPTIONS": options},
        "private": {"BACKEND": "uploads.storage.PrivateMediaStorage", "OPTIONS": options},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=stores):
        # The attachment field resolved its storage when the model was loaded.
        monkeypatch.setattr(PetitionAttachment._meta.get_field("file"), "storage", storages["private"])
        client = storages["default"].connection.meta.client
        client.create_bucket(Bucket=options["bucket_name"])
        yield proxy, client, options["bucket_name"]
        proxy.restore()


def objects(client, bucket: str, prefix: str) -> set[str]:
    listing = client.list_objects_v2(Bucket=bucket, Prefix=prefix)
    # S3Proxy's filesystem backend also lists its folders ("private/qa/"): not files.
    return {item["Key"] for item in listing.get("Contents", []) if not item["Key"].endswith("/")}


def vi(message) -> str:
    with translation.override("vi"):
        return str(message)


def test_qa_attachment_while_s3_is_down_is_refused_then_accepted(s3_behind_proxy, client):
    proxy, s3, bucket = s3_behind_proxy
    provision(province_rows())

    def submit(subject):
        scan = SimpleUploadedFile("so-do.pdf", SCAN, content_type="application/pdf")
        data = {**VALID_QUESTION, "subject": subject, "attachments": [scan]}
        return client.post("/api/v2/qa/questions/", data, HTTP_HOST=HOST)

    proxy.cut()
    response = submit("Hỏi về sổ đỏ")
    assert response.status_code == 503
    assert response.json() == {"detail": vi(MESSAGE_ATTACHMENTS_NOT_STORED)}
    assert not Petition.objects.exists() and not PetitionAttachment.objects.exists()

    proxy.restore()
    assert objects(s3, bucket, "private/") == set()  # nothing half-uploaded either
    response = submit("Hỏi về sổ đỏ")
    assert response.status_code == 201
    assert Petition.objects.get().tracking_code == response.json()["tracking_code"]

    # Counted: one row per object, each row's file in the bucket with its bytes.
    rows = {f"private/{name}" for name in PetitionAttachment.objects.values_list("file", flat=True)}
    assert len(rows) == 1 and rows == objects(s3, bucket, "private/")
    attachment = PetitionAttachment.objects.get()
    with attachment.file.open("rb") as stored:
        assert stored.read() == SCAN


def test_document_upload_while_s3_is_down_is_refused_then_accepted(s3_behind_proxy, client):
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    proxy, s3, bucket = s3_behind_proxy
    Document = get_document_model()
    get_user_model().objects.create_superuser("bientap", "bientap@bacninh.gov.vn", "mat-khau-bien-tap")
    assert client.login(username="bientap", password="mat-khau-bien-tap")

    def upload():
        pdf = ContentFile(PDF, name="Quyết định số 12.pdf")
        return client.post(
            "/admin/documents/add/", {"title": "", "file": pdf, "collection": Collection.get_first_root_node().pk}
        )

    proxy.cut()
    response = upload()
    assert response.status_code == 503
    html = response.content.decode()
    assert vi(MESSAGE_STORAGE_UNAVAILABLE) in html and "Traceback" not in html
    assert not Document.objects.exists()

    proxy.restore()
    assert objects(s3, bucket, "documents/") == set()
    response = upload()
    assert response.status_code == 302, response.content[:2000]

    rows = set(Document.objects.values_list("file", flat=True))
    assert len(rows) == 1 and rows == objects(s3, bucket, "documents/")
