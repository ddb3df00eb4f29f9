"""Reading survey results (Điều 11.3.h): the figures the board sends to the agency.

``survey_results`` aggregates one survey: per choice question the count and share of
each option, per scale question its distribution and mean, per free-text question the
answers themselves. Shares are of the respondents who answered that question (so a
multiple-choice question's shares may add up to more than 100 %). The admin view and
both exports read the same object, so the screen and the files never disagree.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, QuerySet

from surveys.models import SurveyAnswer, SurveyPage, SurveyQuestion, SurveyResponse
from surveys.rules import CHOICE_KINDS, SCALE_MAX, SCALE_MIN, QuestionKind

# Shares are shown to one decimal, the scale mean to two.
PERCENT_DIGITS = 1
MEAN_DIGITS = 2


@dataclass(frozen=True)
class OptionCount:
    label: str
    count: int
    percent: float


@dataclass
class QuestionResult:
    question: SurveyQuestion
    number: int  # 1-based position in the questionnaire
    answered: int = 0
    options: list[OptionCount] = field(default_factory=list)  # choices, or scale levels
    mean: float | None = None  # scale questions only
    texts: list[str] = field(default_factory=list)  # free-text questions only

    @property
    def kind(self) -> str:
        return self.question.kind


@dataclass
class SurveyResults:
    page: SurveyPage
    responses: int
    first_at: datetime.datetime | None
    last_at: datetime.datetime | None
    questions: list[QuestionResult]


def _percent(count: int, total: int) -> float:
    return round(100 * count / total, PERCENT_DIGITS) if total else 0.0


def scale_level_label(question: SurveyQuestion, level: int) -> str:
    if level == SCALE_MIN and question.scale_min_label:
        return f"{level} – {question.scale_min_label}"
    if level == SCALE_MAX and question.scale_max_label:
        return f"{level} – {question.scale_max_label}"
    return str(level)


def survey_results(page: SurveyPage) -> SurveyResults:
    """Every question of ``page`` with its aggregated answers, in questionnaire order."""
    questions = list(page.questions.all())
    span = SurveyResponse.objects.filter(page=page).aggregate(
        number=Count("pk"), first=Min("submitted_at"), last=Max("submitted_at")
    )
    by_question: dict[int, list[dict]] = defaultdict(list)
    rows = (
        SurveyAnswer.objects.filter(response__page=page, question__in=questions)
        .order_by("response__submitted_at", "response_id")
        .values("question_id", "choices", "value", "text")
    )
    for row in rows:
        by_question[row["question_id"]].append(row)

    results = []
    for number, question in enumerate(questions, start=1):
        answers = by_question.get(question.pk, [])
        result = QuestionResult(question=question, number=number, answered=len(answers))
        if question.kind in CHOICE_KINDS:
            counts = Counter(choice for answer in answers for choice in answer["choices"])
            labels = question.choice_list
            # Options an editor renamed or removed after answers came in stay visible.
            labels += [label for label in counts if label not in labels]
            result.options = [
                OptionCount(label, counts[label], _percent(counts[label], len(answers))) for label in labels
            ]
        elif question.kind == QuestionKind.SCALE:
            values = [answer["value"] for answer in answers if answer["value"] is not None]
            counts = Counter(values)
            result.options = [
                OptionCount(scale_level_label(question, level), counts[level], _percent(counts[level], len(values)))
                for level in range(SCALE_MIN, SCALE_MAX + 1)
            ]
            result.mean = round(sum(values) / len(values), MEAN_DIGITS) if values else None
        else:
            result.texts = [answer["text"] for answer in answers if answer["text"]]
        results.append(result)
    return SurveyResults(
        page=page, responses=span["number"], first_at=span["first"], last_at=span["last"], questions=results
    )


def answer_display(question: SurveyQuestion, answer: SurveyAnswer | None):
    """One answer as a cell of the raw-responses table."""
    if answer is None:
        return ""
    if question.kind in CHOICE_KINDS:
        return "; ".join(answer.choices)
    if question.kind == QuestionKind.SCALE:
        return answer.value
    return answer.text


def survey_response_rows(page: SurveyPage) -> tuple[list[SurveyQuestion], list[tuple[SurveyResponse, list]]]:
    """Every response of ``page`` with its answers in questionnaire order (raw export)."""
    questions = list(page.questions.all())
    responses = list(SurveyResponse.objects.filter(page=page).prefetch_related("answers"))
    rows = []
    for response in responses:
        answers = {answer.question_id: answer for answer in response.answers.all()}
        rows.append((response, [answer_display(question, answers.get(question.pk)) for question in questions]))
    return questions, rows


def surveys_with_counts() -> QuerySet[SurveyPage]:
    """Every survey, newest opening first, with its number of responses."""
    return (
        SurveyPage.objects.annotate(response_count=Count("responses"))
        .select_related("requesting_agency")
        .order_by("-opens_at", "-pk")
    )
