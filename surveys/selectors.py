"""Reading survey results (Điều 11.3.h): the figures the board sends to the agency.

``survey_results`` aggregates one survey: per choice question the count and share of
each option, per scale question its distribution and mean, per free-text question the
answers themselves. Shares are of the respondents who answered that question (so a
multiple-choice question's shares may add up to more than 100 %). The admin view and
both exports read the same object, so the screen and the files never disagree.

A survey translated with wagtail-localize is one questionnaire in two languages: its
results count the responses to every language version, each answer under the question
it translates (same ``translation_key``) and each option chosen under the option at the
same line of the page's own list, so they are shown in the language of the page asked
for.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from wagtail.models import Locale

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


def survey_responses(page: SurveyPage) -> QuerySet[SurveyResponse]:
    """The responses to ``page`` in all its language versions."""
    return SurveyResponse.objects.filter(page__translation_key=page.translation_key)


# A question of any language version (by id) → the question of the page asked for that
# it translates, and its options' labels → that page's labels.
Counterparts = dict[int, tuple[SurveyQuestion, dict[str, str]]]


def question_counterparts(page: SurveyPage, questions: list[SurveyQuestion]) -> Counterparts:
    """Options are paired by line: a translator translates the list line by line. An
    option with no line of its own (the lists differ in length) keeps its label and is
    shown after the others, as an option renamed after answers came in is."""
    by_key = {question.translation_key: question for question in questions}
    counterparts: Counterparts = {question.pk: (question, {}) for question in questions}
    others = SurveyQuestion.objects.filter(
        page__translation_key=page.translation_key, translation_key__in=by_key
    ).exclude(page=page)
    for other in others:
        own = by_key[other.translation_key]
        counterparts[other.pk] = (own, dict(zip(other.choice_list, own.choice_list)))
    return counterparts


def survey_results(page: SurveyPage) -> SurveyResults:
    """Every question of ``page`` with its aggregated answers, in questionnaire order."""
    questions = list(page.questions.all())
    counterparts = question_counterparts(page, questions)
    span = survey_responses(page).aggregate(number=Count("pk"), first=Min("submitted_at"), last=Max("submitted_at"))
    by_question: dict[int, list[dict]] = defaultdict(list)
    rows = (
        SurveyAnswer.objects.filter(question__in=counterparts)
        .order_by("response__submitted_at", "response_id")
        .values("question_id", "choices", "value", "text")
    )
    for row in rows:
        own, labels = counterparts[row["question_id"]]
        row["choices"] = [labels.get(choice, choice) for choice in row["choices"]]
        by_question[own.pk].append(row)

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


def answer_display(question: SurveyQuestion, answer: SurveyAnswer | None, labels: dict[str, str] | None = None):
    """One answer as a cell of the raw-responses table (``labels``: a translated
    version's options → ``question``'s)."""
    if answer is None:
        return ""
    if question.kind in CHOICE_KINDS:
        labels = labels or {}
        return "; ".join(labels.get(choice, choice) for choice in answer.choices)
    if question.kind == QuestionKind.SCALE:
        return answer.value
    return answer.text


def survey_response_rows(page: SurveyPage) -> tuple[list[SurveyQuestion], list[tuple[SurveyResponse, list]]]:
    """Every response of ``page``, in all its language versions, with its answers in
    questionnaire order (raw export)."""
    questions = list(page.questions.all())
    counterparts = question_counterparts(page, questions)
    responses = list(survey_responses(page).order_by("submitted_at", "pk").prefetch_related("answers"))
    rows = []
    for response in responses:
        answers = {}
        for answer in response.answers.all():
            if answer.question_id in counterparts:
                own, labels = counterparts[answer.question_id]
                answers[own.pk] = (answer, labels)
        rows.append((response, [answer_display(question, *answers.get(question.pk, (None, None)))
                                for question in questions]))
    return questions, rows


def surveys_with_counts() -> QuerySet[SurveyPage]:
    """Every survey once, newest opening first, with its number of responses in all its
    language versions. A survey is listed in the portal's language when it has that
    version (its results then show in that language), else in the one it has."""
    responses = (
        SurveyResponse.objects.filter(page__translation_key=OuterRef("translation_key"))
        .order_by().values("page__translation_key").annotate(number=Count("pk")).values("number")
    )
    default = Locale.get_default()
    in_default = SurveyPage.objects.filter(translation_key=OuterRef("translation_key"), locale=default)
    return (
        SurveyPage.objects.filter(Q(locale=default) | ~Exists(in_default))
        .annotate(response_count=Coalesce(Subquery(responses, output_field=IntegerField()), 0))
        .select_related("requesting_agency")
        .order_by("-opens_at", "-pk")
    )
