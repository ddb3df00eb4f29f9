"""The coverage audit (Điều 11.3.e) counts live surveys for 8.2.đ on the provincial portal."""

import pytest

from cms.coverage import mandate_coverage
from tests.surveys.factories import SurveyPageFactory

pytestmark = pytest.mark.django_db


def _row(slug, key):
    return next(row for row in mandate_coverage() if row.unit.slug == slug and row.item.key == key)


def test_live_surveys_count_for_the_province(survey_index, units, now):
    assert _row("bacninh", "8.2.đ").live_pages == 0  # the section alone is not content
    SurveyPageFactory(parent=survey_index)
    SurveyPageFactory(parent=survey_index)
    SurveyPageFactory(parent=survey_index, live=False, first_published_at=None, last_published_at=None)

    row = _row("bacninh", "8.2.đ")
    assert row.live_pages == 2
    assert not row.is_missing
    assert row.last_updated == now.date()
    assert not [r for r in mandate_coverage() if r.unit.slug == "sotuphap" and r.item.key == "8.2.đ"]
