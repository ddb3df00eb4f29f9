"""Media on a real S3 server (S3Proxy under ./scripts/test): upload, read, signed and
expiring URLs, delete; Wagtail images, renditions and documents stored in the bucket.

Skipped on a laptop without S3_ENDPOINT_URL; with CI=true a missing server fails.
"""

import io
import os
import time
import urllib.error
import urllib.request
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.test import override_settings
from PIL import Image as PILImage

from settings.storages import s3_options

pytestmark = pytest.mark.services

if not os.environ.get("S3_ENDPOINT_URL"):
    if os.environ.get("CI") in ("true", "1"):
        pytest.fail("CI=true: S3_ENDPOINT_URL is not set (S3Proxy did not start)", pytrace=False)
    pytest.skip("S3_ENDPOINT_URL not set: no S3 server to test against", allow_module_level=True)


@pytest.fixture(scope="module")
def s3_settings():
    """STORAGES on the test server, in a bucket of this run's own."""
    options = s3_options(
        endpoint_url=os.environ["S3_ENDPOINT_URL"],
        bucket=f"{os.environ.get('S3_BUCKET', 'portal-test')}-{uuid.uuid4().hex[:8]}",
        access_key=os.environ["S3_ACCESS_KEY_ID"],
        secret_key=os.environ["S3_SECRET_ACCESS_KEY"],
        region=os.environ.get("S3_REGION", "us-east-1"),
    )
    return {
        "default": {"BACKEND": "uploads.storage.MediaStorage", "OPTIONS": options},
        "private": {"BACKEND": "uploads.storage.PrivateMediaStorage", "OPTIONS": options},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def s3(s3_settings):
    with override_settings(STORAGES=s3_settings):
        client = storages["default"].connection.meta.client
        bucket = s3_settings["default"]["OPTIONS"]["bucket_name"]
        if bucket not in {b["Name"] for b in client.list_buckets()["Buckets"]}:
            client.create_bucket(Bucket=bucket)
        yield client, bucket


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def keys(client, bucket: str, prefix: str = "") -> set[str]:
    listing = client.list_objects_v2(Bucket=bucket, Prefix=prefix)
    return {item["Key"] for item in listing.get("Contents", [])}


def test_upload_read_sign_and_delete(s3):
    client, bucket = s3
    storage = storages["private"]
    name = storage.save("qa/thu-gui.pdf", ContentFile(b"%PDF-1.7 noi dung"))
    assert name.startswith("qa/thu-gui")
    assert f"private/{name}" in keys(client, bucket, "private/")
    with storage.open(name, "rb") as stored:
        assert stored.read() == b"%PDF-1.7 noi dung"

    url = storage.url(name)
    assert "X-Amz-Signature=" in url
    assert fetch(url) == b"%PDF-1.7 noi dung"

    storage.delete(name)
    assert not storage.exists(name)
    with pytest.raises(urllib.error.HTTPError) as error:
        fetch(storage.url(name))
    assert error.value.code in (403, 404)


def test_signed_url_expires(s3):
    storage = storages["private"]
    name = storage.save("qa/het-han.txt", ContentFile(b"private"))
    url = storage.url(name, expire=1)
    time.sleep(2)
    with pytest.raises(urllib.error.HTTPError) as error:
        fetch(url)
    assert error.value.code == 403


def test_unsigned_url_of_a_private_object_is_refused(s3):
    storage = storages["private"]
    name = storage.save("qa/khong-ky.txt", ContentFile(b"private"))
    unsigned = storage.url(name).split("?", 1)[0]
    with pytest.raises(urllib.error.HTTPError) as error:
        fetch(unsigned)
    assert error.value.code == 403


def test_media_storage_signs_documents_only(s3):
    storage = default_storage
    document = storage.save("documents/quyet-dinh.pdf", ContentFile(b"%PDF-1.4"))
    image = storage.save("original_images/anh.png", ContentFile(b"png"))
    assert "X-Amz-Signature=" in storage.url(document)
    assert fetch(storage.url(document)) == b"%PDF-1.4"
    assert "X-Amz-Signature=" not in storage.url(image)


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_wagtail_image_and_rendition_are_stored_in_the_bucket(s3):
    from wagtail.images import get_image_model

    client, bucket = s3
    image = get_image_model().objects.create(
        title="Ảnh trụ sở", file=ContentFile(png_bytes(), name="tru-so.png")
    )
    assert image.file.name in keys(client, bucket, "original_images/")
    rendition = image.get_rendition("fill-32x24")
    assert rendition.file.name.startswith("images/")
    assert rendition.file.name in keys(client, bucket, "images/")
    assert (rendition.width, rendition.height) == (32, 24)
    assert fetch(client.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": rendition.file.name}))[
        :8
    ] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.django_db
def test_wagtail_document_upload_goes_through_the_storage(s3, client):
    from django.contrib.auth import get_user_model
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    s3_client, bucket = s3
    user = get_user_model().objects.create_superuser("admin-s3", "a@bacninh.gov.vn", "pw")
    client.force_login(user)
    pdf = ContentFile(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n", name="Quyết định số 96.pdf")
    response = client.post(
        "/admin/documents/add/",
        {"title": "", "file": pdf, "collection": Collection.get_first_root_node().pk},
    )
    assert response.status_code == 302, response.content[:2000]
    document = get_document_model().objects.get()
    assert document.title == "Quyết định số 96"
    assert document.file.name == "documents/quyet-dinh-so-96.pdf"
    assert document.file.name in keys(s3_client, bucket, "documents/")

    # Wagtail's view redirects to a signed URL that serves the bytes.
    with override_settings(WAGTAILDOCS_SERVE_METHOD="redirect"):
        served = client.get(document.url)
    assert served.status_code == 302
    assert "X-Amz-Signature=" in served["Location"]
    assert fetch(served["Location"]).startswith(b"%PDF-1.7")
