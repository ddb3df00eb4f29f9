"""The survey API: the questionnaire, and responses under the portal page's rules."""

import datetime

import pytest
import yaml
from django.test import Client

from surveys.models import SurveyResponse
from surveys.rules import (
    MESSAGE_ALREADY_ANSWERED,
    MESSAGE_INVALID_CHOICE,
    MESSAGE_REQUIRED,
    MESSAGE_SCALE_RANGE,
    QuestionKind,
)
from tests.cms.factories import page_make_private
from tests.surveys.factories import SurveyPageFactory, questions_of

pytestmark = pytest.mark.django_db


def answers(page, **overrides):
    q = questions_of(page)
    items = {
        QuestionKind.SINGLE_CHOICE: {"question": q[QuestionKind.SINGLE_CHOICE].pk, "choice": "Máy tính"},
        QuestionKind.MULTIPLE_CHOICE: {"question": q[QuestionKind.MULTIPLE_CHOICE].pk, "choices": ["Đất đai"]},
        QuestionKind.SCALE: {"question": q[QuestionKind.SCALE].pk, "value": 5},
        QuestionKind.FREE_TEXT: {"question": q[QuestionKind.FREE_TEXT].pk, "text": "Tốt."},
    }
    items.update(overrides)
    return {"answers": [item for item in items.values() if item is not None]}


def post(client, page, payload):
    return client.post(f"/api/v2/surveys/{page.pk}/responses/", payload, content_type="application/json")


def test_questionnaire_lists_questions_in_order(client, survey):
    response = client.get(f"/api/v2/surveys/{survey.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["state"] == "open" and data["state_message"] == ""
    assert data["requesting_agency"] == "Sở Nội vụ tỉnh Bắc Ninh"
    assert [q["kind"] for q in data["questions"]] == [
        "single_choice", "multiple_choice", "scale", "free_text",
    ]
    assert data["questions"][0]["choices"] == ["Điện thoại", "Máy tính", "Máy tính bảng"]
    scale = data["questions"][2]
    assert (scale["scale_min"], scale["scale_max"], scale["scale_max_label"]) == (1, 5, "Rất hài lòng")


def test_drafts_and_private_surveys_are_not_found(client, survey_index, now):
    draft = SurveyPageFactory(parent=survey_index, live=False)
    private = page_make_private(SurveyPageFactory(parent=survey_index))
    for page in (draft, private):
        assert client.get(f"/api/v2/surveys/{page.pk}/").status_code == 404
        assert post(client, page, answers(page)).status_code == 404


def test_valid_response_is_stored_once_per_session(client, survey):
    created = post(client, survey, answers(survey))
    assert created.status_code == 201, created.content
    assert SurveyResponse.objects.filter(page=survey).count() == 1

    again = post(client, survey, answers(survey))
    assert again.status_code == 409
    assert again.json() == {"detail": str(MESSAGE_ALREADY_ANSWERED)}
    assert post(Client(), survey, answers(survey)).status_code == 201
    assert SurveyResponse.objects.filter(page=survey).count() == 2


def test_refused_answers_get_a_message_per_question(client, survey):
    q = questions_of(survey)
    response = post(client, survey, answers(
        survey,
        **{
            QuestionKind.SINGLE_CHOICE: {"question": q[QuestionKind.SINGLE_CHOICE].pk, "choice": "Máy fax"},
            QuestionKind.SCALE: {"question": q[QuestionKind.SCALE].pk, "value": 9},
            QuestionKind.MULTIPLE_CHOICE: None,
        },
    ))
    assert response.status_code == 400
    assert response.json()["answers"] == {
        str(q[QuestionKind.SINGLE_CHOICE].pk): [str(MESSAGE_INVALID_CHOICE)],
        str(q[QuestionKind.MULTIPLE_CHOICE].pk): [str(MESSAGE_REQUIRED)],
        str(q[QuestionKind.SCALE].pk): [str(MESSAGE_SCALE_RANGE % {"min": 1, "max": 5})],
    }
    assert not SurveyResponse.objects.exists()


def test_closed_and_not_yet_open_surveys_answer_409(client, survey, time_machine):
    time_machine.move_to(survey.closes_at, tick=False)
    closed = post(client, survey, answers(survey))
    assert closed.status_code == 409
    assert client.get(f"/api/v2/surveys/{survey.pk}/").json()["state_message"] == closed.json()["detail"]
    time_machine.move_to(survey.opens_at - datetime.timedelta(days=1), tick=False)
    assert post(client, survey, answers(survey)).status_code == 409
    assert not SurveyResponse.objects.exists()


def test_honeypot_gets_201_and_nothing_is_stored(client, survey):
    response = post(client, survey, {**answers(survey), "website": "spam"})
    assert response.status_code == 201
    assert not SurveyResponse.objects.exists()


def test_schema_documents_the_survey_endpoints(client):
    schema = yaml.safe_load(client.get("/api/v2/schema/").content)
    detail = schema["paths"]["/api/v2/surveys/{page_id}/"]["get"]
    assert detail["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/Survey")
    create = schema["paths"]["/api/v2/surveys/{page_id}/responses/"]["post"]
    assert {"201", "400", "404", "409", "429"} <= set(create["responses"])
    request = create["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert request.endswith("/SurveyResponseSubmit")
    components = schema["components"]["schemas"]
    assert {"question", "choice", "choices", "value", "text"} <= set(components["AnswerInput"]["properties"])


def test_pages_api_carries_the_survey_and_its_questions(client, survey):
    response = client.get(f"/api/v2/pages/{survey.pk}/", HTTP_HOST="bacninh.gov.vn")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["meta"]["type"] == "surveys.SurveyPage"
    assert data["state"] == "open"
    assert data["requesting_agency_label"] == "Sở Nội vụ tỉnh Bắc Ninh"
    assert [q["kind"] for q in data["questions"]] == ["single_choice", "multiple_choice", "scale", "free_text"]
    assert data["questions"][1]["choice_list"] == ["Hộ tịch", "Đất đai", "Đăng ký kinh doanh"]
