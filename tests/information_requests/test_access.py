"""The board's work on a request (classification, extension, answer, refusal on the
grounds of Điều 28.1) and who may read the answer: its requester, by code and secret,
and the board concerned – not another portal's board nor another portal's page."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from information_requests.models import InformationRequest, RequestStatus
from information_requests.rules import Availability, RefusalGround
from information_requests.services import (
    MESSAGE_EXTENSION_TOO_LATE,
    information_request_answer,
    information_request_refuse,
)
from tenants.models import BoardRole
from tests.information_requests.conftest import vn_time
from tests.information_requests.factories import request_page_for, request_submit

pytestmark = pytest.mark.django_db

SECRET_WORD = "Bímật-quyhoạch"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HOST = {"sotuphap": "sotuphap.bacninh.gov.vn", "tiendu": "tiendu.bacninh.gov.vn"}


def vi(message) -> str:
    with translation.override("vi"):
        return str(message)


def admin_url(name, *args):
    return reverse(f"information_requests_admin:{name}", args=args)


def test_board_classifies_extends_and_answers_through_the_admin(
    client, units, boards, time_machine, mailoutbox, django_capture_on_commit_callbacks
):
    time_machine.move_to(vn_time(2026, 2, 13), tick=False)  # Friday before Tết
    receipt = request_submit(units["sotuphap"], delivery_form="post")
    item = receipt.information_request
    assert item.due_date == datetime.date(2026, 2, 27)  # Điều 31.1: 5 working days, Tết not counted
    client.force_login(boards[("sotuphap", BoardRole.MEMBER)])
    detail = admin_url("detail", item.pk)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(detail, {"action": "classify", "classify-availability": Availability.NEEDS_COLLECTION})
    assert response.status_code == 302
    item.refresh_from_db()
    # Điều 31.2: 15 working days; the requester told of it within 3 (the mail is that notice).
    assert (item.due_date, item.notice_due_date) == (datetime.date(2026, 3, 13), datetime.date(2026, 2, 25))
    assert mailoutbox[-1].to == ["binh@example.vn"] and "13/03/2026" in mailoutbox[-1].body

    with django_capture_on_commit_callbacks(execute=True):
        client.post(detail, {"action": "extend", "extend-reason": "Cần ý kiến của Sở Tài nguyên và Môi trường"})
    item.refresh_from_db()
    assert item.status == RequestStatus.EXTENDED
    assert item.due_date == datetime.date(2026, 3, 30)  # 15 days on lands on Saturday 28 March: Monday 30
    assert "Sở Tài nguyên" in mailoutbox[-1].body

    time_machine.move_to(vn_time(2026, 3, 20), tick=False)
    client.force_login(boards[("sotuphap", BoardRole.MEMBER)])  # the session of February has expired
    upload = SimpleUploadedFile("quyet-dinh.pdf", PDF, content_type="application/pdf")
    response = client.post(detail, {"action": "answer", "answer-answer": "Gửi kèm quyết định.", "answer-files": upload})
    assert response.status_code == 302 and response["Location"] == detail
    item.refresh_from_db()
    assert item.status == RequestStatus.ANSWERED and item.files.count() == 1
    index = client.get(admin_url("index")).content.decode()
    assert item.tracking_code in index


def test_extension_must_be_announced_before_the_deadline(client, units, boards, time_machine):
    time_machine.move_to(vn_time(2026, 3, 6), tick=False)
    item = request_submit(units["sotuphap"]).information_request  # due Wednesday 11 March
    time_machine.move_to(vn_time(2026, 3, 12), tick=False)
    client.force_login(boards[("sotuphap", BoardRole.HEAD)])
    response = client.post(admin_url("detail", item.pk), {"action": "extend", "extend-reason": "Cần thêm thời gian"})
    assert response.status_code == 200
    assert vi(MESSAGE_EXTENSION_TOO_LATE) in response.content.decode()
    item.refresh_from_db()
    assert item.status == RequestStatus.RECEIVED and item.due_date == datetime.date(2026, 3, 11)
    # The board sees it among the overdue ones.
    overdue = client.get(admin_url("index") + "?show=overdue").content.decode()
    assert item.tracking_code in overdue and "ir-overdue" in overdue
    assert item.tracking_code not in client.get(admin_url("index") + "?show=due").content.decode()
    # The list is Wagtail's generic index (as Q&A's): its CSV is the board's own rows, in
    # Vietnamese, without the requester's personal data; another agency's board sees none.
    other = request_submit(units["tiendu"]).information_request
    response = client.get(admin_url("index"), {"show": "overdue", "export": "csv"})
    csv_text = b"".join(response.streaming_content).decode()
    assert item.tracking_code in csv_text and other.tracking_code not in csv_text
    assert csv_text.startswith("Mã tra cứu,Cơ quan,Trạng thái,Hình thức nhận thông tin,") and ",Có" in csv_text
    assert item.requester_name not in csv_text and item.requester_email not in csv_text
    client.force_login(boards[("tiendu", BoardRole.HEAD)])
    shown = [row.pk for row in client.get(admin_url("index")).context["page_obj"]]
    assert shown == [other.pk]


@pytest.mark.parametrize("ground", RefusalGround.values)
def test_each_refusal_ground_reaches_the_requester_with_its_article(client, units, boards, ground):
    receipt = request_submit(units["sotuphap"])
    information_request_refuse(request_id=receipt.information_request.pk, ground=ground,
                               reason="Lý do cụ thể của cơ quan", by=boards[("sotuphap", BoardRole.MEMBER)])
    response = client.post("/api/v2/information-requests/lookup/", {
        "tracking_code": receipt.information_request.tracking_code, "secret": receipt.secret,
    }, content_type="application/json", HTTP_HOST=HOST["sotuphap"])
    body = response.json()
    assert body["status"] == RequestStatus.REFUSED and body["refusal_ground"] == ground
    label = vi(RefusalGround(ground).label)
    assert body["refusal_ground_label"] == label and "Điều 28.1." in label
    assert body["refusal_reason"] == "Lý do cụ thể của cơ quan" and body["answer"] is None


@pytest.fixture
def answered(units, boards):
    receipt = request_submit(units["sotuphap"])
    information_request_answer(
        request_id=receipt.information_request.pk, answer=f"Nội dung trả lời {SECRET_WORD}",
        files=[SimpleUploadedFile("bang-ke.pdf", PDF, content_type="application/pdf")],
        by=boards[("sotuphap", BoardRole.MEMBER)],
    )
    return receipt


def test_answer_reaches_its_requester_only(client, units, answered):
    item, secret = answered.information_request, answered.secret
    api = "/api/v2/information-requests/lookup/"

    ok = client.post(api, {"tracking_code": item.tracking_code.lower(), "secret": secret},
                     content_type="application/json", HTTP_HOST=HOST["sotuphap"])
    assert ok.status_code == 200 and SECRET_WORD in ok.json()["answer"] and ok.json()["files"] == ["bang-ke.pdf"]
    for wrong in ({"tracking_code": item.tracking_code, "secret": secret[:-1] + "x"},
                  {"tracking_code": item.tracking_code, "secret": ""}):
        response = client.post(api, wrong, content_type="application/json", HTTP_HOST=HOST["sotuphap"])
        assert response.status_code in (400, 404) and SECRET_WORD not in response.content.decode()

    # The portal's page: the answer and its file with code and secret, on its own portal only.
    page = request_page_for(units["sotuphap"])
    data = {"action": "lookup", "code": item.tracking_code, "secret": secret}
    shown = client.post(page.get_url(), data, HTTP_HOST=HOST["sotuphap"])
    assert SECRET_WORD in shown.content.decode()
    download = client.post(page.get_url(), {**data, "action": "file", "file": item.files.get().pk},
                           HTTP_HOST=HOST["sotuphap"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    wrong_secret = client.post(page.get_url(), {**data, "secret": "sai"}, HTTP_HOST=HOST["sotuphap"])
    assert wrong_secret.status_code == 404 and SECRET_WORD not in wrong_secret.content.decode()
    other_page = request_page_for(units["tiendu"])
    elsewhere = client.post(other_page.get_url(), data, HTTP_HOST=HOST["tiendu"])
    assert elsewhere.status_code == 404 and SECRET_WORD not in elsewhere.content.decode()

    # The file lives in the private storage, never under MEDIA_URL.
    stored = item.files.get().file
    assert stored.storage is storages["private"] and stored.name.startswith("information_requests/")


@pytest.mark.parametrize(
    ("who", "sees"),
    [(("sotuphap", BoardRole.MEMBER), True), (("bacninh", BoardRole.HEAD), True),
     (("tiendu", BoardRole.HEAD), False), (("sotuphap", BoardRole.CONTRIBUTOR), False)],
)
def test_answer_reaches_the_board_concerned_only(client, boards, answered, who, sees):
    item = answered.information_request
    client.force_login(boards[who])
    detail = client.get(admin_url("detail", item.pk))
    file = client.get(admin_url("file", item.pk, item.files.get().pk))
    index = client.get(admin_url("index"))
    if sees:
        assert detail.status_code == 200 and SECRET_WORD in detail.content.decode()
        assert file.status_code == 200 and b"".join(file.streaming_content) == PDF
        assert item.tracking_code in index.content.decode()
    else:
        # Another portal's board: 404; a contributor: refused (Wagtail sends them back to
        # the dashboard); nothing of the request either way.
        assert detail.status_code in (302, 404) and file.status_code in (302, 404)
        assert SECRET_WORD not in detail.content.decode()
        assert item.tracking_code not in index.content.decode()
