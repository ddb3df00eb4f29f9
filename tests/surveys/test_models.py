"""Survey page types: where they may sit, what they require, the provincial skeleton."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cms.models import PortalHomePage
from surveys.models import SurveyIndexPage, SurveyPage, SurveyQuestion
from surveys.rules import (
    MESSAGE_AGENCY_MISSING,
    MESSAGE_CHOICES_TOO_FEW,
    MESSAGE_CLOSES_BEFORE_OPENING,
    QuestionKind,
    SurveyState,
)
from tenants.models import UnitKind
from tenants.sections import sections_for
from tests.surveys.factories import STANDARD_QUESTIONS, SurveyPageFactory

pytestmark = pytest.mark.django_db


def test_survey_is_created_under_the_provincial_section_with_its_questions(survey, units):
    assert survey.live
    assert survey.unit == units["bacninh"]
    assert [q.text for q in survey.questions.all()] == [q["text"] for q in STANDARD_QUESTIONS]
    assert survey.state == SurveyState.OPEN
    assert survey.requesting_agency_label == "Sở Nội vụ tỉnh Bắc Ninh"
    assert SurveyPage.mandate_item == SurveyIndexPage.mandate_item == "8.2.đ"


def test_surveys_section_only_on_the_provincial_portal(units, survey_index):
    province_home = units["bacninh"].site.root_page.specific
    department_home = units["sotuphap"].site.root_page.specific
    commune_home = units["xa-a"].site.root_page.specific
    assert SurveyIndexPage in PortalHomePage.allowed_subpage_models()
    assert not SurveyIndexPage.can_create_at(department_home)
    assert not SurveyIndexPage.can_create_at(commune_home)
    assert not SurveyIndexPage.can_create_at(province_home)  # one per portal, already there
    assert SurveyPage.allowed_parent_page_models() == [SurveyIndexPage]
    assert not SurveyPage.can_create_at(department_home)
    assert SurveyPage.can_create_at(survey_index)


def test_surveys_section_is_in_the_provincial_skeleton_only():
    province = {s.slug: s for s in sections_for(UnitKind.PROVINCE)}
    assert province["khao-sat"].model == "surveys.SurveyIndexPage"
    assert province["khao-sat"].item == "8.2.đ"
    for kind in (UnitKind.DEPARTMENT, UnitKind.DISTRICT, UnitKind.COMMUNE):
        assert "khao-sat" not in {s.slug for s in sections_for(kind)}


def test_survey_must_close_after_it_opens_and_name_its_agency(survey):
    survey.closes_at = survey.opens_at
    survey.requesting_agency_name = ""
    with pytest.raises(ValidationError) as refused:
        survey.full_clean()
    assert refused.value.message_dict["closes_at"] == [str(MESSAGE_CLOSES_BEFORE_OPENING)]
    assert refused.value.message_dict["requesting_agency"] == [str(MESSAGE_AGENCY_MISSING)]
    # The database keeps the first rule too, whatever code writes the row.
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyPage.objects.filter(pk=survey.pk).update(closes_at=survey.opens_at - datetime.timedelta(hours=1))


def test_requesting_agency_may_be_a_unit(survey_index, units, now):
    page = SurveyPageFactory(parent=survey_index, requesting_agency=units["sotuphap"], requesting_agency_name="")
    page.full_clean()
    assert page.requesting_agency_label == units["sotuphap"].name


def test_choice_question_needs_two_options(survey):
    question = SurveyQuestion(page=survey, text="Có đồng ý không?", kind=QuestionKind.SINGLE_CHOICE, choices="Có\n\n")
    with pytest.raises(ValidationError) as refused:
        question.clean()
    assert refused.value.message_dict["choices"] == [str(MESSAGE_CHOICES_TOO_FEW % {"count": 2})]
    question.choices = " Có \nKhông\nCó"
    question.clean()
    assert question.choice_list == ["Có", "Không"]


def test_state_follows_the_clock(survey, time_machine):
    time_machine.move_to(survey.opens_at - datetime.timedelta(seconds=1), tick=False)
    assert survey.state == SurveyState.NOT_OPEN
    time_machine.move_to(survey.opens_at, tick=False)
    assert survey.state == SurveyState.OPEN
    time_machine.move_to(survey.closes_at, tick=False)
    assert survey.state == SurveyState.CLOSED


def test_board_creates_a_survey_in_the_admin_but_not_under_a_department(client, survey_index, units, now):
    from django.urls import reverse
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    from tests.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    department_home = units["sotuphap"].site.root_page
    refused = client.get(reverse("wagtailadmin_pages:add", args=["surveys", "surveyindexpage", department_home.pk]))
    assert refused.status_code in (302, 403)

    data = nested_form_data({
        "title": "Khảo sát về chuyển đổi số",
        "slug": "khao-sat-chuyen-doi-so",
        "requesting_agency": units["sotuphap"].pk,
        "requesting_agency_name": "",
        "intro": "Xin ý kiến người dân.",
        "opens_at": "2026-03-02 08:00",
        "closes_at": "2026-03-20 17:00",
        "information_date": "2026-03-02",
        "questions": inline_formset([
            {"text": "Bạn có dùng dịch vụ công trực tuyến?", "kind": QuestionKind.SINGLE_CHOICE,
             "choices": "Có\nKhông", "required": "on", "help_text": "", "scale_min_label": "", "scale_max_label": ""},
            {"text": "Mức độ hài lòng", "kind": QuestionKind.SCALE, "choices": "", "required": "on",
             "help_text": "", "scale_min_label": "Thấp", "scale_max_label": "Cao"},
        ]),
    })
    data["action-publish"] = "publish"
    response = client.post(reverse("wagtailadmin_pages:add", args=["surveys", "surveypage", survey_index.pk]), data)

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = SurveyPage.objects.get(slug="khao-sat-chuyen-doi-so")
    assert page.live and page.requesting_agency == units["sotuphap"]
    assert [(q.kind, q.choice_list) for q in page.questions.all()] == [
        (QuestionKind.SINGLE_CHOICE, ["Có", "Không"]), (QuestionKind.SCALE, []),
    ]
