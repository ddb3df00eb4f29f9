"""``survey_results``: exact counts, shares, distribution and mean on a known set."""

import pytest

from surveys.models import SurveyQuestion
from surveys.selectors import OptionCount, survey_response_rows, survey_results
from tests.surveys.factories import SurveyPageFactory
from tests.surveys.helpers import responses_known_set

pytestmark = pytest.mark.django_db


def test_results_of_a_known_set(survey):
    responses_known_set(survey)

    results = survey_results(survey)

    assert results.responses == 4
    single, multiple, scale, text = results.questions
    assert [r.number for r in results.questions] == [1, 2, 3, 4]
    assert single.answered == 4
    assert single.options == [
        OptionCount("Điện thoại", 3, 75.0), OptionCount("Máy tính", 1, 25.0), OptionCount("Máy tính bảng", 0, 0.0),
    ]
    # Shares of a multiple-choice question are of its respondents: they add up past 100.
    assert multiple.options == [
        OptionCount("Hộ tịch", 3, 75.0), OptionCount("Đất đai", 2, 50.0), OptionCount("Đăng ký kinh doanh", 1, 25.0),
    ]
    assert [(o.label, o.count, o.percent) for o in scale.options] == [
        ("1 – Rất không hài lòng", 0, 0.0), ("2", 1, 25.0), ("3", 0, 0.0), ("4", 2, 50.0),
        ("5 – Rất hài lòng", 1, 25.0),
    ]
    assert scale.mean == 3.75
    assert text.answered == 2
    assert text.texts == ["Thủ tục nhanh gọn.", "Cần hướng dẫn rõ hơn."]


def test_options_renamed_after_answers_stay_counted(survey):
    responses_known_set(survey)
    single = survey.questions.get(sort_order=0)
    SurveyQuestion.objects.filter(pk=single.pk).update(choices="Điện thoại thông minh\nMáy tính\nMáy tính bảng")
    options = {o.label: o.count for o in survey_results(survey).questions[0].options}
    assert options == {"Điện thoại thông minh": 0, "Máy tính": 1, "Máy tính bảng": 0, "Điện thoại": 3}


def test_survey_without_responses_has_empty_figures(survey_index, now):
    results = survey_results(SurveyPageFactory(parent=survey_index))
    assert results.responses == 0
    assert all(r.answered == 0 for r in results.questions)
    assert results.questions[2].mean is None


def test_raw_rows_follow_the_questionnaire(survey):
    responses_known_set(survey)
    questions, rows = survey_response_rows(survey)
    assert len(questions) == 4
    assert [values for _, values in rows] == [
        ["Điện thoại", "Hộ tịch; Đất đai", 5, "Thủ tục nhanh gọn."],
        ["Điện thoại", "Hộ tịch", 4, ""],
        ["Máy tính", "Đăng ký kinh doanh; Hộ tịch", 4, "Cần hướng dẫn rõ hơn."],
        ["Điện thoại", "Đất đai", 2, ""],
    ]
