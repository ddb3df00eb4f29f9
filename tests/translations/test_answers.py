"""English answers to Q&A questions written in English (Điều 8.2.d, issue #5)."""

import datetime

import pytest
from django.core import mail

from qa.rules import Competence
from qa.services import petition_answer, petition_classify, petition_publish
from tenants.models import BoardRole
from tests.factories import board_member
from tests.qa.factories import VALID_QUESTION
from tests.translations.conftest import vn_time
from translations.models import AnswerTranslation

pytestmark = pytest.mark.django_db

PROVINCE = "bacninh.gov.vn"
ENGLISH_QUESTION = {
    **VALID_QUESTION,
    "sender_name": "John Smith",
    "subject": "Work permit for a foreign engineer",
    "content": "Which documents does a foreign engineer need to apply for a work permit in Bac Ninh province?",
}


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def board(portals):
    unit = portals.units["bacninh"]
    return {
        role: board_member(unit, role, username=f"answers.{role}", email=f"{role}@bacninh.gov.vn")
        for role in (BoardRole.HEAD, BoardRole.TRANSLATOR)
    } | {"other_translator": board_member(portals.units["sotuphap"], BoardRole.TRANSLATOR, username="stp.translator")}


def ask(client, question, language):
    response = client.post(
        "/api/v2/qa/questions/", question, content_type="application/json", HTTP_HOST=PROVINCE,
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 201, response.content
    return response.json()["tracking_code"]


def answered_and_published(code, head):
    from qa.models import Petition

    petition = Petition.objects.get(tracking_code=code)
    if petition.status == "received":
        petition_classify(petition_id=petition.pk, competence=Competence.WITHIN_COMPETENCE, by=head)
    petition_answer(petition_id=petition.pk, answer="Hồ sơ gồm đơn đề nghị, hộ chiếu và bằng cấp.",
                    answered_by_name="Giám đốc Sở Lao động", by=head)
    return petition_publish(petition_id=petition.pk, by=head)


def tracking(client, code, language):
    return client.get(f"/api/v2/qa/questions/{code}/", HTTP_HOST=PROVINCE, HTTP_ACCEPT_LANGUAGE=language).json()


def test_the_senders_language_is_remembered(client, portals):
    from qa.models import Petition

    english = ask(client, ENGLISH_QUESTION, "en")
    vietnamese = ask(client, VALID_QUESTION, "vi")

    assert Petition.objects.get(tracking_code=english).language == "en"
    assert Petition.objects.get(tracking_code=vietnamese).language == "vi"


def test_publishing_the_answer_opens_an_english_answer_due_two_working_days_later(
    client, portals, board, friday_13_feb, django_capture_on_commit_callbacks
):
    code = ask(client, ENGLISH_QUESTION, "en")
    with django_capture_on_commit_callbacks(execute=True):
        petition = answered_and_published(code, board[BoardRole.HEAD])

    task = AnswerTranslation.objects.get(petition=petition)
    # Friday 13 February 2026; Tết closes 16–20 February: Mon 23 (1), Tue 24 (2).
    assert task.due_date == datetime.date(2026, 2, 24)
    assert task.unit == portals.units["bacninh"] and task.completed_at is None
    [to_translator] = [m for m in mail.outbox if m.to == ["translator@bacninh.gov.vn"]]
    assert code in to_translator.subject and "24/02/2026" in to_translator.subject
    # Saving the published petition again (e.g. from the admin) keeps the one obligation.
    petition.save()
    assert AnswerTranslation.objects.filter(petition=petition).count() == 1


def test_a_question_in_vietnamese_needs_no_english_answer(client, portals, board):
    petition = answered_and_published(ask(client, VALID_QUESTION, "vi"), board[BoardRole.HEAD])

    assert not AnswerTranslation.objects.filter(petition=petition).exists()


SIGNATURE = "Nguyen Van Binh, Director of the Department of Planning and Investment"


def test_translator_publishes_the_english_answer_which_the_sender_then_reads(
    client, portals, board, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(vn_time(2026, 3, 5), tick=False)  # Thursday: due Monday 9 March
    code = ask(client, ENGLISH_QUESTION, "en")
    petition = answered_and_published(code, board[BoardRole.HEAD])
    task = petition.answer_translation
    # Before the translation the English tracking page shows no English answer yet.
    assert tracking(client, code, "en")["answer"] != "Documents: an application, a passport and diplomas."

    client.force_login(board[BoardRole.TRANSLATOR])
    mail.outbox.clear()
    listing = client.get("/admin/mirror/")
    assert code in listing.content.decode()
    refused = client.post(f"/admin/mirror/answers/{task.pk}/", {"subject": "", "answer": "  "})
    # The admin speaks Vietnamese: "Write the answer in English."
    assert refused.status_code == 200 and "Hãy viết câu trả lời bằng tiếng Anh." in refused.content.decode()
    # Issue #19 item 4: the English answer is signed in English.
    unsigned = client.post(f"/admin/mirror/answers/{task.pk}/", {"subject": "Work permit", "answer": "Documents."})
    assert unsigned.status_code == 200 and "Hãy ký câu trả lời tiếng Anh bằng tiếng Anh" in unsigned.content.decode()
    time_machine.move_to(vn_time(2026, 3, 10), tick=False)  # a day late
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(f"/admin/mirror/answers/{task.pk}/",
                           {"subject": "Work permit", "answer": "Documents: an application, a passport and diplomas.",
                            "signature": SIGNATURE})
    assert done.status_code == 302
    # The sender gets the English answer by e-mail, in English.
    [to_sender] = mail.outbox
    assert to_sender.to == [ENGLISH_QUESTION["sender_email"]] and "has been answered" in to_sender.subject
    assert to_sender.body == f"Documents: an application, a passport and diplomas.\n\n{SIGNATURE}"

    task.refresh_from_db()
    assert task.completed_at is not None and task.on_time is False
    client.logout()
    english = tracking(client, code, "en")
    assert english["answer"] == "Documents: an application, a passport and diplomas."
    assert english["subject"] == "Work permit"
    assert english["answered_by_name"] == SIGNATURE
    vietnamese = tracking(client, code, "vi")
    assert vietnamese["answer"] == "Hồ sơ gồm đơn đề nghị, hộ chiếu và bằng cấp."
    assert vietnamese["answered_by_name"] == petition.answered_by_name != SIGNATURE


def test_another_portals_translator_cannot_see_or_translate_it(client, portals, board):
    petition = answered_and_published(ask(client, ENGLISH_QUESTION, "en"), board[BoardRole.HEAD])
    task = petition.answer_translation

    client.force_login(board["other_translator"])
    assert petition.tracking_code not in client.get("/admin/mirror/").content.decode()
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard.
    refused = client.post(f"/admin/mirror/answers/{task.pk}/", {"answer": "Hijacked"})
    assert refused.status_code == 302 and refused.url == "/admin/"
    assert client.get("/api/v2/translations/answers/").json()["count"] == 0
    task.refresh_from_db()
    assert task.answer == ""


def test_api_lists_due_overdue_and_done_answers(client, portals, board, time_machine):
    time_machine.move_to(vn_time(2026, 3, 5), tick=False)
    petition = answered_and_published(ask(client, ENGLISH_QUESTION, "en"), board[BoardRole.HEAD])
    client.force_login(board[BoardRole.TRANSLATOR])

    [row] = client.get("/api/v2/translations/answers/?status=due").json()["results"]
    assert row["tracking_code"] == petition.tracking_code and row["due_date"] == "2026-03-09"
    time_machine.move_to(vn_time(2026, 3, 10), tick=False)
    assert client.get("/api/v2/translations/answers/?status=due").json()["count"] == 0
    assert client.get("/api/v2/translations/answers/?status=overdue").json()["count"] == 1
    assert client.get("/api/v2/translations/answers/?status=nonsense").status_code == 400
