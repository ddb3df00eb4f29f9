"""A survey translated with wagtail-localize: one questionnaire in two languages.

The English version's questions are translations of the Vietnamese ones (same
``translation_key``), they keep their rows when the translation is synced again (so
the answers given in English keep their question), and the results of either version
count the responses to both, in the language of the version asked for."""

import importlib
import uuid

import pytest
from django.apps import apps
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from surveys.models import SurveyAnswer, SurveyPage, SurveyQuestion
from surveys.rules import QuestionKind
from surveys.selectors import survey_response_rows, survey_results, surveys_with_counts
from surveys.services import survey_response_submit
from tests.surveys.factories import questions_of
from translations.operations import page_mirror

pytestmark = pytest.mark.django_db

ENGLISH = {
    "Ông/bà sử dụng dịch vụ công trực tuyến qua thiết bị nào?": "Which device do you use for online public services?",
    "Điện thoại\nMáy tính\nMáy tính bảng": "Phone\nComputer\nTablet",
    "Ông/bà đã dùng những dịch vụ nào?": "Which services have you used?",
    "Hộ tịch\nĐất đai\nĐăng ký kinh doanh": "Civil status\nLand\nBusiness registration",
    "Mức độ hài lòng chung": "Overall satisfaction",
    "Rất không hài lòng": "Very dissatisfied",
    "Rất hài lòng": "Very satisfied",
    "Góp ý khác": "Other comments",
}


def english_version(survey) -> SurveyPage:
    """What a translator produces: the English draft from wagtail-localize, every string
    translated (ENGLISH, else marked), published."""
    translation = page_mirror(page_id=survey.pk, locale_id=Locale.objects.get(language_code="en").pk)
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string", "context"):
        # wagtail-localize shows a multi-line text (the options) with <br/> between lines.
        source = segment.string.data.replace("<br/>", "\n")
        english = ENGLISH.get(source, "EN " + source).replace("\n", "<br/>")
        StringTranslation.objects.update_or_create(
            translation_of=segment.string, locale=translation.target_locale, context=segment.context,
            defaults={"data": english},
        )
    translation.save_target(publish=True)
    return SurveyPage.objects.get(translation_key=survey.translation_key, locale__language_code="en")


def submit(page, session_key, single, multiple, level, text=""):
    q = questions_of(page)
    answers = {
        q[QuestionKind.SINGLE_CHOICE].pk: single, q[QuestionKind.MULTIPLE_CHOICE].pk: multiple,
        q[QuestionKind.SCALE].pk: str(level), q[QuestionKind.FREE_TEXT].pk: text,
    }
    return survey_response_submit(page=page, answers=answers, session_key=session_key)


@pytest.fixture
def versions(survey):
    english = english_version(survey)
    submit(survey, "vi-1", "Điện thoại", ["Hộ tịch", "Đất đai"], 5, "Thủ tục nhanh gọn.")
    submit(survey, "vi-2", "Máy tính", ["Hộ tịch"], 4)
    submit(english, "en-1", "Phone", ["Land", "Business registration"], 2, "Please add English forms.")
    return survey, english


def test_the_english_questions_translate_the_vietnamese_ones(survey):
    english = english_version(survey)
    pairs = [(vi.translation_key, en.translation_key) for vi, en in zip(survey.questions.all(), english.questions.all())]
    assert len(pairs) == 4 and all(vi == en for vi, en in pairs)
    assert {q.locale.language_code for q in english.questions.all()} == {"en"}
    single = questions_of(english)[QuestionKind.SINGLE_CHOICE]
    assert (single.text, single.choice_list) == (ENGLISH[questions_of(survey)[QuestionKind.SINGLE_CHOICE].text], ["Phone", "Computer", "Tablet"])


def test_results_count_both_languages_in_the_language_asked_for(versions):
    survey, english = versions
    vietnamese_results = survey_results(survey)
    assert vietnamese_results.responses == 3
    single, multiple, scale, text = vietnamese_results.questions
    assert [(o.label, o.count) for o in single.options] == [("Điện thoại", 2), ("Máy tính", 1), ("Máy tính bảng", 0)]
    assert [(o.label, o.count) for o in multiple.options] == [
        ("Hộ tịch", 2), ("Đất đai", 2), ("Đăng ký kinh doanh", 1),
    ]
    assert scale.mean == round((5 + 4 + 2) / 3, 2)
    assert text.texts == ["Thủ tục nhanh gọn.", "Please add English forms."]

    english_results = survey_results(english)
    assert english_results.responses == 3
    assert [(o.label, o.count) for o in english_results.questions[0].options] == [
        ("Phone", 2), ("Computer", 1), ("Tablet", 0),
    ]

    questions, rows = survey_response_rows(survey)
    assert [values[:3] for _, values in rows] == [
        ["Điện thoại", "Hộ tịch; Đất đai", 5], ["Máy tính", "Hộ tịch", 4], ["Điện thoại", "Đất đai; Đăng ký kinh doanh", 2],
    ]


def test_a_survey_is_listed_once_with_every_response(versions):
    survey, english = versions
    listed = list(surveys_with_counts())
    assert [(page.pk, page.response_count) for page in listed] == [(survey.pk, 3)]


def test_syncing_the_translation_again_keeps_the_english_answers(versions):
    survey, english = versions
    english_question_ids = list(english.questions.values_list("pk", flat=True))
    # The editor adds an explanation to a question and publishes; the translation is synced.
    question = survey.questions.get(sort_order=0)
    question.help_text = "Chọn một thiết bị."
    question.save()
    survey.save_revision().publish()
    TranslationSource.update_or_create_from_instance(survey)
    english_version(survey)

    assert list(english.questions.values_list("pk", flat=True)) == english_question_ids
    assert not SurveyAnswer.objects.filter(response__page=english, question__isnull=True).exists()
    assert survey_results(survey).questions[0].options[0].count == 2


def test_options_without_a_line_of_their_own_stay_visible(versions):
    survey, english = versions
    # A translator dropped the last option line: its answers cannot be paired.
    SurveyQuestion.objects.filter(pk=questions_of(english)[QuestionKind.MULTIPLE_CHOICE].pk).update(
        choices="Civil status\nLand"
    )
    options = {o.label: o.count for o in survey_results(survey).questions[1].options}
    assert options == {"Hộ tịch": 2, "Đất đai": 2, "Đăng ký kinh doanh": 0, "Business registration": 1}


def test_the_migration_pairs_existing_questions_by_position(versions):
    """surveys/0002 gives the questions of every language version the keys of the
    oldest version's questions at the same position."""
    survey, english = versions
    for question in SurveyQuestion.objects.filter(page__in=[survey, english]):
        SurveyQuestion.objects.filter(pk=question.pk).update(translation_key=uuid.uuid4())
    migration = importlib.import_module("surveys.migrations.0002_translatable_question")

    migration.question_keys_fill(apps, None)

    vietnamese = list(survey.questions.order_by("sort_order").values_list("translation_key", "locale__language_code"))
    translated = list(english.questions.order_by("sort_order").values_list("translation_key", "locale__language_code"))
    assert [key for key, _ in vietnamese] == [key for key, _ in translated]
    assert {code for _, code in vietnamese} == {"vi"} and {code for _, code in translated} == {"en"}
    assert survey_results(survey).responses == 3 and survey_results(survey).questions[0].options[0].count == 2
