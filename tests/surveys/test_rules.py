"""``answers_errors``: which answers a survey accepts, and the message for each refusal."""

from types import SimpleNamespace

from surveys.rules import (
    FREE_TEXT_MAX_LENGTH,
    MESSAGE_INVALID_CHOICE,
    MESSAGE_ONE_CHOICE,
    MESSAGE_REQUIRED,
    MESSAGE_SCALE_RANGE,
    MESSAGE_TEXT_TOO_LONG,
    MESSAGE_UNKNOWN_QUESTION,
    QuestionKind,
    answers_errors,
    choice_lines,
)

RANGE = str(MESSAGE_SCALE_RANGE % {"min": 1, "max": 5})


def question(pk, kind, choices="", required=True):
    return SimpleNamespace(pk=pk, kind=kind, required=required, choice_list=choice_lines(choices))


SINGLE = question(1, QuestionKind.SINGLE_CHOICE, "Có\nKhông")
MULTIPLE = question(2, QuestionKind.MULTIPLE_CHOICE, "Hộ tịch\nĐất đai\nKinh doanh")
SCALE = question(3, QuestionKind.SCALE)
TEXT = question(4, QuestionKind.FREE_TEXT, required=False)
QUESTIONS = [SINGLE, MULTIPLE, SCALE, TEXT]


def test_valid_answers_come_back_clean():
    cleaned, errors = answers_errors(
        QUESTIONS, {1: "Có", 2: ["Đất đai", "Hộ tịch", "Đất đai"], 3: "4", 4: "  Rất tốt.  "}
    )
    assert errors == {}
    assert cleaned == {1: ["Có"], 2: ["Đất đai", "Hộ tịch"], 3: 4, 4: "Rất tốt."}


def test_optional_questions_may_stay_unanswered_required_ones_may_not():
    cleaned, errors = answers_errors(QUESTIONS, {1: "", 2: [], 3: None, 4: ""})
    assert errors == {1: [str(MESSAGE_REQUIRED)], 2: [str(MESSAGE_REQUIRED)], 3: [str(MESSAGE_REQUIRED)]}
    assert cleaned == {}


def test_choices_must_be_listed_and_single_choice_takes_one():
    _, errors = answers_errors([SINGLE, MULTIPLE], {1: ["Có", "Không"], 2: ["Hộ tịch", "Xây dựng"]})
    assert errors == {1: [str(MESSAGE_ONE_CHOICE)], 2: [str(MESSAGE_INVALID_CHOICE)]}
    _, errors = answers_errors([SINGLE], {1: "Co"})
    assert errors == {1: [str(MESSAGE_INVALID_CHOICE)]}


def test_scale_levels_outside_one_to_five_are_refused():
    for value in (0, 6, "abc", "2.5", True, [1, 2]):
        _, errors = answers_errors([SCALE], {3: value})
        assert errors == {3: [RANGE]}, value
    cleaned, errors = answers_errors([SCALE], {3: 5})
    assert (cleaned, errors) == ({3: 5}, {})


def test_free_text_has_a_length_limit():
    _, errors = answers_errors([TEXT], {4: "a" * (FREE_TEXT_MAX_LENGTH + 1)})
    assert errors == {4: [str(MESSAGE_TEXT_TOO_LONG % {"max": FREE_TEXT_MAX_LENGTH})]}


def test_answers_to_questions_of_another_survey_are_refused():
    _, errors = answers_errors([TEXT], {99: "x"})
    assert errors == {99: [str(MESSAGE_UNKNOWN_QUESTION)]}
