"""Attachments are the sender's documents: private storage, the concerned boards only."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qa.models import Petition
from qa.services import petition_forward
from tests.qa.factories import VALID_QUESTION

pytestmark = pytest.mark.django_db

SCAN = b"%PDF-1.4 scan of a birth certificate"


@pytest.fixture
def attachment(client, units, now):
    scan = SimpleUploadedFile("giay-khai-sinh.pdf", SCAN, content_type="application/pdf")
    response = client.post(
        "/api/v2/qa/questions/", {**VALID_QUESTION, "attachments": [scan]}, HTTP_HOST="xa-a.bacninh.gov.vn"
    )
    assert response.status_code == 201
    return Petition.objects.get().attachments.get()


def link(attachment) -> str:
    return reverse("qa_admin:attachment", args=[attachment.petition_id, attachment.pk])


def test_file_is_kept_in_the_private_storage_outside_public_media(attachment):
    # The same storage as STORAGES["private"] (compared by place: a test that overrides
    # STORAGES makes Django build new storage objects, so identity depends on test order).
    private = storages["private"]
    assert type(attachment.file.storage) is type(private)
    assert Path(attachment.file.storage.location).resolve() == Path(private.location).resolve()
    path = Path(attachment.file.path).resolve()
    assert path.read_bytes() == SCAN
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert not (Path(settings.MEDIA_ROOT) / attachment.file.name).exists()


def test_only_the_boards_concerned_download_it(client, attachment, boards):
    client.force_login(boards[("xa-a", "member")])
    response = client.get(link(attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SCAN
    assert "attachment" in response["Content-Disposition"]

    client.force_login(boards[("bacninh", "head")])  # the province follows every agency
    assert client.get(link(attachment)).status_code == 200

    for other in (("xa-b", "head"), ("sotuphap", "member")):  # another portal's board
        client.force_login(boards[other])
        assert client.get(link(attachment)).status_code in (403, 404)

    client.force_login(boards[("xa-a", "contributor")])  # pages only, not petitions
    assert client.get(link(attachment)).status_code in (302, 403, 404)

    client.logout()
    assert client.get(link(attachment)).status_code == 302  # to the admin login


def test_forwarded_petition_attachment_follows_it(client, attachment, boards, units):
    petition_forward(petition_id=attachment.petition_id, to_agency=units["xa-b"], by=boards[("xa-a", "head")])
    client.force_login(boards[("xa-b", "member")])
    assert client.get(link(attachment)).status_code == 200
