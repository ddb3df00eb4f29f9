"""``surveys_demo_seed``: one open survey on the provincial portal with its responses, once."""

import pytest

from cms.coverage import mandate_coverage
from demo.surveys import DEMO_RESPONSES, surveys_demo_seed
from surveys.models import SurveyIndexPage, SurveyPage
from surveys.rules import QuestionKind, SurveyState
from surveys.selectors import survey_results

pytestmark = pytest.mark.django_db


def test_demo_creates_the_section_a_survey_of_each_kind_and_its_responses(units, now):
    home = units["bacninh"].site.root_page
    assert not SurveyIndexPage.objects.child_of(home).exists()  # provisioned without sections

    assert surveys_demo_seed() == DEMO_RESPONSES

    survey = SurveyPage.objects.live().get()
    assert survey.get_parent().specific.get_parent().pk == home.pk
    assert survey.state == SurveyState.OPEN
    assert survey.requesting_agency_label
    assert {q.kind for q in survey.questions.all()} == set(QuestionKind.values)
    results = survey_results(survey)
    assert results.responses == DEMO_RESPONSES
    assert all(r.answered == DEMO_RESPONSES for r in results.questions if r.question.required)
    assert sum(o.count for o in results.questions[0].options) == DEMO_RESPONSES
    assert results.questions[2].mean is not None
    assert results.first_at < results.last_at <= now
    assert next(r for r in mandate_coverage() if r.unit.slug == "bacninh" and r.item.key == "8.2.đ").live_pages == 1

    assert surveys_demo_seed() == 0
    assert SurveyPage.objects.count() == 1
