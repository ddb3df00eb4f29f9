"""The public survey page: one response per session, refusals next to their questions."""

import datetime

import pytest
from django.test import Client, override_settings

from surveys.models import SurveyAnswer, SurveyResponse
from surveys.rules import (
    MESSAGE_ALREADY_ANSWERED,
    MESSAGE_INVALID_CHOICE,
    MESSAGE_RATE_LIMITED,
    MESSAGE_REQUIRED,
    MESSAGE_SCALE_RANGE,
    MESSAGE_THANKS,
    QuestionKind,
)
from surveys.services import respondent_hash, survey_salt
from tests.surveys.conftest import PROVINCE_HOST
from tests.surveys.factories import questions_of

pytestmark = pytest.mark.django_db


def url(page):
    return page.get_url_parts()[2]


def valid_answers(page) -> dict:
    q = questions_of(page)
    return {
        f"q_{q[QuestionKind.SINGLE_CHOICE].pk}": "Điện thoại",
        f"q_{q[QuestionKind.MULTIPLE_CHOICE].pk}": ["Hộ tịch", "Đất đai"],
        f"q_{q[QuestionKind.SCALE].pk}": "4",
        f"q_{q[QuestionKind.FREE_TEXT].pk}": "Cần thêm hướng dẫn.",
        "website": "",
    }


def submit(client, page, data):
    return client.post(url(page), data, HTTP_HOST=PROVINCE_HOST)


def test_page_shows_every_question(client, survey):
    response = client.get(url(survey), HTTP_HOST=PROVINCE_HOST)
    assert response.status_code == 200
    html = response.content.decode()
    for question in survey.questions.all():
        assert question.text in html
    assert "Rất hài lòng" in html and 'name="website"' in html
    assert "no-store" in response["Cache-Control"]  # personal (session) and time-dependent


def test_valid_response_is_stored_with_hashes_not_identities(client, survey):
    response = submit(client, survey, valid_answers(survey))

    assert response.status_code == 302
    stored = SurveyResponse.objects.get()
    assert stored.page_id == survey.pk
    session_key = client.session.session_key
    assert stored.session_key_hash == respondent_hash(salt=survey_salt(survey), value=session_key) != session_key
    assert stored.ip_hash == respondent_hash(salt=survey_salt(survey), value="127.0.0.1")
    q = questions_of(survey)
    answers = {answer.question_id: answer for answer in SurveyAnswer.objects.filter(response=stored)}
    assert answers[q[QuestionKind.SINGLE_CHOICE].pk].choices == ["Điện thoại"]
    assert answers[q[QuestionKind.MULTIPLE_CHOICE].pk].choices == ["Hộ tịch", "Đất đai"]
    assert answers[q[QuestionKind.SCALE].pk].value == 4
    assert answers[q[QuestionKind.FREE_TEXT].pk].text == "Cần thêm hướng dẫn."
    shown = client.get(response["Location"], HTTP_HOST=PROVINCE_HOST).content.decode()
    assert str(MESSAGE_THANKS) in shown
    assert 'name="website"' not in shown  # no second form for this session


def test_second_response_from_the_same_session_is_refused(client, survey):
    assert submit(client, survey, valid_answers(survey)).status_code == 302
    again = submit(client, survey, valid_answers(survey))
    assert again.status_code == 409
    assert str(MESSAGE_ALREADY_ANSWERED) in again.content.decode()
    assert SurveyResponse.objects.count() == 1
    # Another browser (another session) may answer.
    assert submit(Client(), survey, valid_answers(survey)).status_code == 302
    assert SurveyResponse.objects.count() == 2


def test_session_that_lost_its_list_is_still_recognised_by_its_hash(client, survey):
    submit(client, survey, valid_answers(survey))
    session = client.session
    session["surveys_answered"] = []
    session.save()
    assert submit(client, survey, valid_answers(survey)).status_code == 409
    assert SurveyResponse.objects.count() == 1


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        (QuestionKind.SINGLE_CHOICE, "", MESSAGE_REQUIRED),
        (QuestionKind.SINGLE_CHOICE, "Máy fax", MESSAGE_INVALID_CHOICE),
        (QuestionKind.MULTIPLE_CHOICE, ["Hộ tịch", "Xây dựng"], MESSAGE_INVALID_CHOICE),
        (QuestionKind.SCALE, "7", MESSAGE_SCALE_RANGE % {"min": 1, "max": 5}),
        (QuestionKind.SCALE, "", MESSAGE_REQUIRED),
    ],
)
def test_refusals_are_shown_next_to_their_question(client, survey, kind, value, message):
    data = valid_answers(survey)
    field = f"q_{questions_of(survey)[kind].pk}"
    data[field] = value

    response = submit(client, survey, data)

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [str(message)]
    assert str(message) in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_not_yet_open_survey_shows_why_and_refuses_answers(client, survey, time_machine):
    time_machine.move_to(survey.opens_at - datetime.timedelta(hours=2), tick=False)
    page = client.get(url(survey), HTTP_HOST=PROVINCE_HOST)
    assert 'name="website"' not in page.content.decode()
    assert page.context["state"] == "not_open"
    assert page.context["state_message"] in page.content.decode()

    response = submit(client, survey, valid_answers(survey))
    assert response.status_code == 409
    assert not SurveyResponse.objects.exists()


def test_closed_survey_refuses_answers(client, survey, time_machine):
    time_machine.move_to(survey.closes_at + datetime.timedelta(minutes=1), tick=False)
    response = submit(client, survey, valid_answers(survey))
    assert response.status_code == 409
    assert response.context["state"] == "closed"
    assert response.context["refusal"] == response.context["state_message"]
    assert not SurveyResponse.objects.exists()


def test_honeypot_looks_like_success_and_stores_nothing(client, survey):
    response = submit(client, survey, {**valid_answers(survey), "website": "http://spam.example"})
    assert response.status_code == 302
    assert not SurveyResponse.objects.exists()


@override_settings(SURVEY_RESPONSES_PER_IP=2)
def test_one_address_is_limited_whatever_its_sessions(survey):
    assert submit(Client(), survey, valid_answers(survey)).status_code == 302
    assert submit(Client(), survey, valid_answers(survey)).status_code == 302
    refused = submit(Client(), survey, valid_answers(survey))
    assert refused.status_code == 429
    assert str(MESSAGE_RATE_LIMITED) in refused.content.decode()
    assert SurveyResponse.objects.count() == 2


def test_section_lists_surveys_with_their_state(client, survey, survey_index, time_machine):
    html = client.get(url(survey_index), HTTP_HOST=PROVINCE_HOST).content.decode()
    assert survey.title in html and survey.state_label in html and "Sở Nội vụ tỉnh Bắc Ninh" in html
    time_machine.move_to(survey.closes_at, tick=False)
    assert survey.state_label in client.get(url(survey_index), HTTP_HOST=PROVINCE_HOST).content.decode()


def test_unsaved_survey_renders_every_question_for_the_admin_preview(rf, now):
    from django.contrib.sessions.backends.db import SessionStore

    from surveys.forms import SurveyForm
    from surveys.models import SurveyPage, SurveyQuestion
    from surveys.public import session_has_answered

    questions = [SurveyQuestion(text="Câu một", kind=QuestionKind.FREE_TEXT),
                 SurveyQuestion(text="Câu hai", kind=QuestionKind.SCALE)]
    form = SurveyForm(questions=questions)
    assert [field.label for field in form.question_fields()] == ["Câu một", "Câu hai"]
    request = rf.get("/")
    request.session = SessionStore()
    request.session.save()
    assert session_has_answered(request, SurveyPage(title="Mới")) is False
