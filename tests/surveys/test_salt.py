"""The one-response-per-session rule: salted with the survey's translation key, so it
holds after a restore gives the page a new id (the round trip itself is in
tests/transfer/test_survey_salt.py) and across the survey's language versions."""

import pytest
from django.utils.crypto import salted_hmac
from wagtail.models import Locale

from surveys.models import SurveyPage, SurveyResponse
from surveys.rules import QuestionKind
from surveys.services import (
    HASH_SALT,
    SurveyAlreadyAnswered,
    respondent_hash,
    survey_already_answered,
    survey_response_submit,
    survey_salt,
)
from tests.surveys.factories import SurveyPageFactory, questions_of

pytestmark = pytest.mark.django_db


def answers_for(page) -> dict:
    q = questions_of(page)
    return {
        q[QuestionKind.SINGLE_CHOICE].pk: "Điện thoại",
        q[QuestionKind.MULTIPLE_CHOICE].pk: ["Hộ tịch"],
        q[QuestionKind.SCALE].pk: "5",
        q[QuestionKind.FREE_TEXT].pk: "",
    }


def submit(page, session_key="phien-1", client_ip="10.0.0.7"):
    return survey_response_submit(page=page, answers=answers_for(page), session_key=session_key, client_ip=client_ip)


def test_salt_is_the_translation_key_not_the_page_id(survey, survey_index):
    assert survey_salt(survey) == str(survey.translation_key)
    # The same survey under another id (as after a restore) hashes alike ...
    restored = SurveyPage.objects.get(pk=survey.pk)
    restored.pk = restored.id = 10**9
    assert respondent_hash(salt=survey_salt(restored), value="phien") == respondent_hash(salt=survey_salt(survey), value="phien")
    # ... another survey does not: one person cannot be followed from survey to survey.
    other = SurveyPageFactory(parent=survey_index, title="Khảo sát khác")
    assert respondent_hash(salt=survey_salt(other), value="phien") != respondent_hash(salt=survey_salt(survey), value="phien")


def test_a_session_answers_once(survey):
    stored = submit(survey)
    assert stored.session_key_hash == respondent_hash(salt=survey_salt(survey), value="phien-1")
    assert stored.ip_hash == respondent_hash(salt=survey_salt(survey), value="10.0.0.7")
    assert survey_already_answered(page=survey, session_key="phien-1")
    with pytest.raises(SurveyAlreadyAnswered):
        submit(survey)
    assert not survey_already_answered(page=survey, session_key="phien-2")
    submit(survey, session_key="phien-2")
    assert SurveyResponse.objects.filter(page=survey).count() == 2


def test_the_salt_survives_a_new_page_id(survey):
    """What a restore does to the page: ``transfer`` deletes it, creates it again with a
    new id and the same translation key, and brings back the stored hashes."""
    submit(survey)
    key, parent = survey.translation_key, survey.get_parent()
    hashes = SurveyResponse.objects.filter(page=survey).values_list("session_key_hash", "ip_hash").get()
    survey.delete()
    restored = SurveyPageFactory(parent=parent, title="Khảo sát (khôi phục)")
    SurveyPage.objects.filter(pk=restored.pk).update(translation_key=key)
    restored.refresh_from_db()
    SurveyResponse.objects.create(page=restored, session_key_hash=hashes[0], ip_hash=hashes[1])

    assert survey_already_answered(page=restored, session_key="phien-1")
    with pytest.raises(SurveyAlreadyAnswered):
        submit(restored)


def test_a_response_hashed_with_the_page_id_still_counts_on_that_page(survey):
    """Responses stored before the salt changed (salted with the page id)."""
    legacy = salted_hmac(HASH_SALT, f"{survey.pk}:phien-cu", algorithm="sha256").hexdigest()
    SurveyResponse.objects.create(page=survey, session_key_hash=legacy)
    assert survey_already_answered(page=survey, session_key="phien-cu")
    with pytest.raises(SurveyAlreadyAnswered):
        submit(survey, session_key="phien-cu")


def test_one_answer_across_the_language_versions(survey, units):
    """The English version is the same questionnaire: whoever answered in Vietnamese
    is refused in English (and the other way round), others may answer either."""
    english, _ = Locale.objects.get_or_create(language_code="en")
    english_survey = survey.copy_for_translation(english, copy_parents=True)
    english_survey.save_revision().publish()
    english_survey = SurveyPage.objects.get(pk=english_survey.pk)
    assert english_survey.translation_key == survey.translation_key
    assert survey_salt(english_survey) == survey_salt(survey)

    submit(survey, session_key="phien-vi")
    assert survey_already_answered(page=english_survey, session_key="phien-vi")
    with pytest.raises(SurveyAlreadyAnswered):
        submit(english_survey, session_key="phien-vi")

    submit(english_survey, session_key="phien-en")
    assert survey_already_answered(page=survey, session_key="phien-en")
    with pytest.raises(SurveyAlreadyAnswered):
        submit(survey, session_key="phien-en")
    assert SurveyResponse.objects.filter(page=survey).count() == 1
    assert SurveyResponse.objects.filter(page=english_survey).count() == 1
