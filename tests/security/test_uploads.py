"""Issue #9 item 3: hostile files through the real upload paths.

A board member uploads through the admin's document and image views (single and
multiple upload); a citizen attaches files to a question through the Q&A API and the
portal's form. A renamed program (Windows MZ or Linux ELF as .pdf), HTML or SVG with a
script, a PDF whose content is something else and an oversized file are each refused
with a message naming the reason, and nothing is stored.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import UploadedFile

from qa.models import Petition, PetitionAttachment
from qa.rules import MESSAGE_ATTACHMENT_SIZE, MESSAGE_ATTACHMENT_TYPE, ATTACHMENT_MAX_BYTES
from tenants.models import BoardRole
from tests.factories import board_member
from tests.qa.factories import VALID_QUESTION, qa_page_for
from tests.security.conftest import OTHER, OWN, OWN_HOST
from tests.uploads import samples
from uploads.validation import (
    MESSAGE_EXTENSION_MISMATCH,
    MESSAGE_PROGRAM,
    MESSAGE_TOO_LARGE,
    MESSAGE_TYPE_NOT_ALLOWED,
)

pytestmark = pytest.mark.django_db

# Wagtail's image field checks the file with Pillow before our form does; its messages
# are as clear, so either explains a refused image.
# Wagtail's and Pillow's own refusals, as our Vietnamese catalogs word them (#19) or in English.
WAGTAIL_NOT_AN_IMAGE = ("Not a valid", "Upload a valid image", "Hãy tải lên ảnh hợp lệ", "Không phải ảnh")
WAGTAIL_TOO_BIG = ("too big", "quá lớn")


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    settings.QA_SUBMISSIONS_PER_IP = 100_000

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64 + b"This program cannot be run in DOS mode"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
       b"<script>alert(1)</script></svg>")
NOT_A_PDF = "Đây là văn bản thường, không phải PDF.\n".encode()

# (name, content, the message that must explain the refusal; None: Wagtail's own
# extension check refuses it before ours)
HOSTILE_DOCUMENTS = {
    "exe-as-pdf": ("quyet-dinh.pdf", EXE, MESSAGE_PROGRAM),
    "elf-as-pdf": ("bao-cao.pdf", ELF, MESSAGE_PROGRAM),
    "elf-as-docx": ("bao-cao.docx", ELF, MESSAGE_PROGRAM),
    "html-as-pdf": ("trang.pdf", HTML, MESSAGE_TYPE_NOT_ALLOWED),
    "html-as-csv": ("bang.csv", HTML, MESSAGE_TYPE_NOT_ALLOWED),
    "svg-as-csv": ("bieu-do.csv", SVG, MESSAGE_TYPE_NOT_ALLOWED),
    "html": ("trang.html", HTML, None),
    "svg": ("bieu-do.svg", SVG, None),
    "exe": ("cai-dat.exe", EXE, None),
    "text-as-pdf": ("van-ban.pdf", NOT_A_PDF, MESSAGE_EXTENSION_MISMATCH),
    "zip-as-docx": ("van-ban.docx", samples.plain_zip(), MESSAGE_TYPE_NOT_ALLOWED),
}
HOSTILE_IMAGES = {
    "exe-as-png": ("anh.png", EXE, MESSAGE_PROGRAM),
    "elf-as-jpg": ("anh.jpg", ELF, MESSAGE_PROGRAM),
    "svg-as-png": ("anh.png", SVG, MESSAGE_TYPE_NOT_ALLOWED),
    "html-as-gif": ("anh.gif", HTML, MESSAGE_TYPE_NOT_ALLOWED),
    "pdf-as-jpg": ("anh.jpg", samples.pdf(), MESSAGE_TYPE_NOT_ALLOWED),
    "svg": ("anh.svg", SVG, None),
    "png-as-jpg": ("anh.jpg", samples.image("PNG"), MESSAGE_EXTENSION_MISMATCH),
}


@pytest.fixture
def member(client, portals):
    client.force_login(board_member(portals.units[OWN], BoardRole.MEMBER))
    return client


def vi(message) -> str:
    """The message's Vietnamese text, before any %-formatting (its fixed part)."""
    with translation.override("vi"):
        return str(message).split("%(")[0].strip()


def assert_explained(errors: str, message, *alternatives: str):
    assert errors.strip(), "refused without a message"
    if message is not None:
        assert vi(message) in errors or any(a in errors for a in alternatives), errors


@pytest.mark.parametrize("case", list(HOSTILE_DOCUMENTS))
def test_admin_document_upload_refuses_hostile_files(member, portals, case):
    name, data, message = HOSTILE_DOCUMENTS[case]
    collection = portals.units[OWN].collection_id
    before = Document.objects.count()

    response = member.post(reverse("wagtaildocs:add"), {
        "title": "Tải lên", "collection": collection, "file": SimpleUploadedFile(name, data)})
    assert response.status_code == 200  # the form again, with the reason
    assert_explained(" ".join(response.context["form"].errors["file"]), message)

    response = member.post(reverse("wagtaildocs:add_multiple"), {
        "collection": collection, "files[]": SimpleUploadedFile(name, data)})
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert_explained(response.json()["error_message"], message)

    assert Document.objects.count() == before
    assert not UploadedFile.objects.exists()


@pytest.mark.parametrize("case", list(HOSTILE_IMAGES))
def test_admin_image_upload_refuses_hostile_files(member, portals, case):
    name, data, message = HOSTILE_IMAGES[case]
    collection = portals.units[OWN].collection_id
    before = Image.objects.count()

    response = member.post(reverse("wagtailimages:add"), {
        "title": "Ảnh", "collection": collection, "file": SimpleUploadedFile(name, data)})
    assert response.status_code == 200
    assert_explained(" ".join(response.context["form"].errors["file"]), message, *WAGTAIL_NOT_AN_IMAGE)

    response = member.post(reverse("wagtailimages:add_multiple"), {
        "collection": collection, "files[]": SimpleUploadedFile(name, data)})
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert_explained(response.json()["error_message"], message, *WAGTAIL_NOT_AN_IMAGE)

    assert Image.objects.count() == before


def test_a_hostile_file_with_another_invalid_field_is_not_parked_as_an_upload(member, portals):
    """Wagtail's multiple upload parks a file whose *other* fields fail; ours must not."""
    response = member.post(reverse("wagtaildocs:add_multiple"), {
        "collection": portals.units[OTHER].collection_id, "files[]": SimpleUploadedFile("a.pdf", EXE)})
    assert response.status_code in (200, 403)
    assert not UploadedFile.objects.exists()
    assert not Document.objects.filter(title="a.pdf").exists()


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=2048, WAGTAILIMAGES_MAX_UPLOAD_SIZE=2048)
def test_admin_uploads_refuse_oversized_files(member, portals):
    collection = portals.units[OWN].collection_id
    big_pdf = samples.pdf() + b"%" + b"0" * 4096
    response = member.post(reverse("wagtaildocs:add"), {
        "title": "Lớn", "collection": collection, "file": SimpleUploadedFile("lon.pdf", big_pdf)})
    assert_explained(" ".join(response.context["form"].errors["file"]), MESSAGE_TOO_LARGE, *WAGTAIL_TOO_BIG)
    big_png = samples.image("PNG") + b"\x00" * 4096
    response = member.post(reverse("wagtailimages:add"), {
        "title": "Lớn", "collection": collection, "file": SimpleUploadedFile("lon.png", big_png)})
    assert response.context["form"].errors["file"]
    assert not Document.objects.filter(title="Lớn").exists() and not Image.objects.filter(title="Lớn").exists()


def test_a_valid_upload_still_goes_through(member, portals):
    """The control: the same path accepts a real PDF into the member's own collection."""
    response = member.post(reverse("wagtaildocs:add"), {
        "title": "Quyết định", "collection": portals.units[OWN].collection_id,
        "file": SimpleUploadedFile("quyet-dinh.pdf", samples.pdf())})
    assert response.status_code == 302
    document = Document.objects.get(title="Quyết định")
    assert document.collection_id == portals.units[OWN].collection_id
    document.file.delete(save=False)


# --- Q&A attachments ----------------------------------------------------------------------------

HOSTILE_ATTACHMENTS = {
    "exe-as-pdf": pytest.param("don.pdf", EXE),
    "elf-as-pdf": pytest.param("don.pdf", ELF),
    "html-as-pdf": pytest.param("don.pdf", HTML),
    "svg-as-png": pytest.param("anh.png", SVG),
    "text-as-pdf": pytest.param("don.pdf", NOT_A_PDF),
    "exe": pytest.param("cai-dat.exe", EXE),
    "html": pytest.param("trang.html", HTML),
    "svg": pytest.param("anh.svg", SVG),
}


def qa_post(client, files, **extra):
    data = {**VALID_QUESTION, "anonymous": "false", **extra, "attachments": files}
    return client.post("/api/v2/qa/questions/", data, HTTP_HOST=OWN_HOST)


@pytest.mark.parametrize(("name", "data"), list(HOSTILE_ATTACHMENTS.values()), ids=list(HOSTILE_ATTACHMENTS))
def test_qa_api_refuses_hostile_attachments(client, portals, name, data):
    response = qa_post(client, [SimpleUploadedFile(name, data)])
    assert response.status_code == 400, response.content
    assert response.json()["attachments"]
    assert not PetitionAttachment.objects.filter(name=name).exists()


@pytest.mark.parametrize(("name", "data"), list(HOSTILE_ATTACHMENTS.values()), ids=list(HOSTILE_ATTACHMENTS))
def test_public_qa_form_refuses_hostile_attachments(client, portals, name, data):
    page = qa_page_for(portals.units[OWN])
    fields = {k: str(v) for k, v in VALID_QUESTION.items() if k != "anonymous"}
    before = Petition.objects.count()
    response = client.post(page.url, {**fields, "attachments": [SimpleUploadedFile(name, data)]}, HTTP_HOST=OWN_HOST)
    assert response.status_code == 200, response.status_code
    assert response.context["form"].errors["attachments"]
    assert Petition.objects.count() == before


def test_qa_refuses_an_oversized_attachment_with_the_limit_in_the_message(client, portals):
    big = SimpleUploadedFile("don.pdf", samples.pdf() + b"0" * ATTACHMENT_MAX_BYTES)
    response = qa_post(client, [big], HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 400
    assert vi(MESSAGE_ATTACHMENT_SIZE) in " ".join(response.json()["attachments"])


def test_qa_refuses_a_disallowed_type_with_the_allowed_types_in_the_message(client, portals):
    response = qa_post(client, [SimpleUploadedFile("cai-dat.exe", EXE)], HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 400
    message = " ".join(response.json()["attachments"])
    assert vi(MESSAGE_ATTACHMENT_TYPE) in message and "pdf" in message


def test_qa_attachments_are_kept_in_the_private_storage(client, portals):
    """Attachments carry personal data: never in the public media storage (MEDIA_URL, public S3)."""
    from django.core.files.storage import storages

    response = qa_post(client, [SimpleUploadedFile("don.pdf", samples.pdf())])
    assert response.status_code == 201
    storage = PetitionAttachment.objects.get(name="don.pdf").file.storage
    private = storages["private"]
    assert type(storage) is type(private) and getattr(storage, "location", None) == getattr(private, "location", None)
    assert getattr(storage, "location", None) != getattr(storages["default"], "location", None)
