"""Surveys as the provincial board builds them: a section on the provincial portal and
questionnaires under it, one question of each kind unless a test says otherwise."""

import datetime

import factory
from django.utils import timezone

from surveys.models import SurveyIndexPage, SurveyPage, SurveyQuestion
from surveys.rules import QuestionKind
from tests.cms.factories import PortalPageFactory


class SurveyIndexPageFactory(PortalPageFactory):
    """Pass ``parent`` (the provincial portal's home)."""

    class Meta:
        model = SurveyIndexPage

    title = "Khảo sát trực tuyến"
    slug = "khao-sat"


class SurveyQuestionFactory(factory.django.DjangoModelFactory):
    """Pass ``page``; a single-choice question with three options by default."""

    class Meta:
        model = SurveyQuestion

    text = factory.Sequence(lambda n: f"Câu hỏi số {n}")
    kind = QuestionKind.SINGLE_CHOICE
    choices = "Có\nKhông\nKhông biết"
    required = True
    sort_order = factory.Sequence(lambda n: n)


# The questionnaire of most tests: one question of each kind, in this order.
STANDARD_QUESTIONS = (
    dict(text="Ông/bà sử dụng dịch vụ công trực tuyến qua thiết bị nào?", kind=QuestionKind.SINGLE_CHOICE,
         choices="Điện thoại\nMáy tính\nMáy tính bảng"),
    dict(text="Ông/bà đã dùng những dịch vụ nào?", kind=QuestionKind.MULTIPLE_CHOICE,
         choices="Hộ tịch\nĐất đai\nĐăng ký kinh doanh"),
    dict(text="Mức độ hài lòng chung", kind=QuestionKind.SCALE, choices="",
         scale_min_label="Rất không hài lòng", scale_max_label="Rất hài lòng"),
    dict(text="Góp ý khác", kind=QuestionKind.FREE_TEXT, choices="", required=False),
)


class SurveyPageFactory(PortalPageFactory):
    """Open since yesterday for a week; pass ``parent`` (a surveys section).

    ``questions`` (a list of SurveyQuestion field dicts) replaces the standard four.
    """

    class Meta:
        model = SurveyPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Khảo sát ý kiến người dân số {n}")
    requesting_agency_name = "Sở Nội vụ tỉnh Bắc Ninh"
    intro = "Phiếu khảo sát không thu thập thông tin cá nhân."
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))

    @factory.post_generation
    def questions(page, create, extracted, **kwargs):
        if not create:
            return
        for order, fields in enumerate(STANDARD_QUESTIONS if extracted is None else extracted):
            SurveyQuestionFactory(page=page, sort_order=order, **fields)


def questions_of(page) -> dict[str, SurveyQuestion]:
    """The page's questions by kind (the standard questionnaire has one of each)."""
    return {question.kind: question for question in page.questions.all()}
