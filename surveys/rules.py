"""What an online survey (Điều 8.2.đ) accepts, in one place.

The decision only says that the provincial portal carries questionnaires requested by
provincial agencies; the platform's own rules live here: the kinds of question, the
scale, when a survey takes answers, and the messages telling a respondent why an
answer was refused. The portal form, the API serializer and
``survey_response_submit`` all ask :func:`answers_errors`, so a refusal reads the
same wherever it is made. Messages are constants the tests import.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from vietnamese.text import clean_vietnamese_text


class QuestionKind(models.TextChoices):
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    SCALE = "scale", _("Scale (1 to 5)")
    FREE_TEXT = "free_text", _("Free text")


CHOICE_KINDS = frozenset({QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE})

# A satisfaction-style scale, as provincial agencies' questionnaires use (1 = lowest).
SCALE_MIN = 1
SCALE_MAX = 5
# Free-text answers: long enough for an opinion, short enough to read in a report.
FREE_TEXT_MAX_LENGTH = 2000
# A choice question needs something to choose between.
CHOICES_MIN = 2


class SurveyState(models.TextChoices):
    NOT_OPEN = "not_open", _("Not open yet")
    OPEN = "open", _("Taking answers")
    CLOSED = "closed", _("Ended")


MESSAGE_REQUIRED = _("Please answer this question.")
MESSAGE_INVALID_CHOICE = _("Please choose one of the options listed.")
MESSAGE_ONE_CHOICE = _("Please choose only one option.")
MESSAGE_SCALE_RANGE = _("Please choose a level from %(min)s to %(max)s.")
MESSAGE_TEXT_TOO_LONG = _("Please keep your answer to at most %(max)s characters.")
MESSAGE_UNKNOWN_QUESTION = _("This survey has no such question.")
MESSAGE_NOT_OPEN = _("This survey is not open yet. It opens at %(time)s.")
MESSAGE_CLOSED = _("This survey has ended. It closed at %(time)s.")
MESSAGE_ALREADY_ANSWERED = _("You have already answered this survey. Thank you!")
MESSAGE_RATE_LIMITED = _("Too many answers have been sent from your connection. Please try again later.")
MESSAGE_CLIENT_LIMIT = _("This survey has already received the most answers it accepts from your connection.")
MESSAGE_THANKS = _("Thank you: your answers have been recorded.")
MESSAGE_CHOICES_TOO_FEW = _("A choice question needs at least %(count)s options, one per line.")
MESSAGE_CLOSES_BEFORE_OPENING = _("The survey must close after it opens.")
MESSAGE_AGENCY_MISSING = _("Please choose the requesting agency or enter its name.")

TIME_FORMAT = "%H:%M %d/%m/%Y"


def survey_state(*, opens_at: datetime.datetime, closes_at: datetime.datetime, now: datetime.datetime) -> str:
    """Answers are taken from ``opens_at`` (included) until ``closes_at`` (excluded)."""
    if now < opens_at:
        return SurveyState.NOT_OPEN
    if now >= closes_at:
        return SurveyState.CLOSED
    return SurveyState.OPEN


def state_message(*, state: str, opens_at: datetime.datetime, closes_at: datetime.datetime) -> str:
    """Why a survey takes no answers now ("" when it is open)."""
    from django.utils import timezone

    if state == SurveyState.NOT_OPEN:
        return MESSAGE_NOT_OPEN % {"time": timezone.localtime(opens_at).strftime(TIME_FORMAT)}
    if state == SurveyState.CLOSED:
        return MESSAGE_CLOSED % {"time": timezone.localtime(closes_at).strftime(TIME_FORMAT)}
    return ""


def choice_lines(text: str) -> list[str]:
    """The options of a choice question, one per non-empty line, without repeats."""
    seen: list[str] = []
    for line in (text or "").splitlines():
        option = _normal(line)
        if option and option not in seen:
            seen.append(option)
    return seen


def _normal(value) -> str:
    return unicodedata.normalize("NFC", str(value)).strip()


def _as_list(raw) -> list:
    if raw is None:
        return []
    if isinstance(raw, (list, tuple)):
        return [item for item in raw if item is not None and _normal(item) != ""]
    return [] if _normal(raw) == "" else [raw]


def _choice_answer(question, raw) -> tuple[list[str] | None, str | None]:
    options = question.choice_list
    picked: list[str] = []
    for item in _as_list(raw):
        value = _normal(item)
        if value not in options:
            return None, MESSAGE_INVALID_CHOICE
        if value not in picked:
            picked.append(value)
    if question.kind == QuestionKind.SINGLE_CHOICE and len(picked) > 1:
        return None, MESSAGE_ONE_CHOICE
    return picked, None


def _scale_answer(raw) -> tuple[int | None, str | None]:
    out_of_range = MESSAGE_SCALE_RANGE % {"min": SCALE_MIN, "max": SCALE_MAX}
    values = _as_list(raw)
    if not values:
        return None, None
    if len(values) > 1 or isinstance(values[0], bool):
        return None, out_of_range
    try:
        value = int(_normal(values[0]))
    except ValueError:
        return None, out_of_range
    if not SCALE_MIN <= value <= SCALE_MAX:
        return None, out_of_range
    return value, None


def _text_answer(raw) -> tuple[str | None, str | None]:
    values = _as_list(raw)
    if not values:
        return None, None
    if len(values) > 1:
        return None, MESSAGE_INVALID_CHOICE
    text = str(values[0]).strip()
    if len(text) > FREE_TEXT_MAX_LENGTH:
        return None, MESSAGE_TEXT_TOO_LONG % {"max": FREE_TEXT_MAX_LENGTH}
    try:
        return clean_vietnamese_text(text), None
    except ValidationError as error:
        return None, str(error.messages[0])


def answers_errors(questions: Iterable, raw: Mapping[int, object]) -> tuple[dict[int, object], dict[int, list[str]]]:
    """Check ``raw`` answers (question id → value) against ``questions``.

    A value is a string or a list of strings (an int is accepted for a scale). Returns
    the clean answers (question id → list of options for choice questions, an int for a
    scale, a string for free text; unanswered optional questions are left out) and the
    messages per question id; the answers are to be stored only when there are none.
    """
    cleaned: dict[int, object] = {}
    errors: dict[int, list[str]] = {}
    known = set()
    for question in questions:
        known.add(question.pk)
        value = raw.get(question.pk)
        if question.kind in CHOICE_KINDS:
            answer, error = _choice_answer(question, value)
            answered = bool(answer)
        elif question.kind == QuestionKind.SCALE:
            answer, error = _scale_answer(value)
            answered = answer is not None
        else:
            answer, error = _text_answer(value)
            answered = bool(answer)
        if error is None and not answered and question.required:
            error = MESSAGE_REQUIRED
        if error is not None:
            errors[question.pk] = [str(error)]
        elif answered:
            cleaned[question.pk] = answer
    for question_id in raw:
        if question_id not in known:
            errors[question_id] = [str(MESSAGE_UNKNOWN_QUESTION)]
    return cleaned, errors
