"""A survey's one-response-per-session rule holds after export_portal / import_portal,
which gives the survey page a new id (its hashes are salted with the translation key,
which a restore keeps: ``surveys.services.survey_salt``)."""

import pytest
from django.core.management import call_command

from surveys.models import SurveyPage, SurveyResponse
from surveys.rules import QuestionKind
from surveys.services import SurveyAlreadyAnswered, survey_already_answered, survey_response_submit
from tests.surveys.factories import SurveyPageFactory, questions_of
from transfer.services import _portal_remove

TITLE = "Khảo sát mức độ hài lòng"


def _answers(page) -> dict:
    q = questions_of(page)
    return {q[QuestionKind.SINGLE_CHOICE].pk: "Điện thoại", q[QuestionKind.MULTIPLE_CHOICE].pk: ["Đất đai"],
            q[QuestionKind.SCALE].pk: "3", q[QuestionKind.FREE_TEXT].pk: ""}


def _submit(page, session_key):
    return survey_response_submit(page=page, answers=_answers(page), session_key=session_key, client_ip="10.0.0.9")


@pytest.mark.parametrize("replace", [False, True], ids=["delete-then-restore", "replace"])
def test_who_answered_before_the_restore_is_still_refused(portals, tmp_path, replace):
    unit = portals.units["bacninh"]
    survey = SurveyPageFactory(parent=portals.section("bacninh", "khao-sat"), title=TITLE)
    _submit(survey, "phien-truoc")
    old_id, key = survey.pk, survey.translation_key
    archive = tmp_path / "bacninh.zip"
    call_command("export_portal", "bacninh", output=archive, verbosity=0)
    if not replace:
        _portal_remove(unit)
        assert not SurveyResponse.objects.exists()

    call_command("import_portal", archive, replace=replace, verbosity=0)
    restored = SurveyPage.objects.get(title=TITLE)
    assert restored.pk != old_id and restored.translation_key == key
    assert SurveyResponse.objects.filter(page=restored).count() == 1
    assert survey_already_answered(page=restored, session_key="phien-truoc")
    with pytest.raises(SurveyAlreadyAnswered):
        _submit(restored, "phien-truoc")
    _submit(restored, "phien-moi")  # someone else still may
    assert SurveyResponse.objects.filter(page=restored).count() == 2
