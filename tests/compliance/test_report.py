"""The Điều 15 report's figures: table 1 for a commune, its district (rolled up) and the
province; table 2 from Q&A; every figure traced to its items."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance.report_form import TABLE1_LINES
from compliance.selectors import report_build
from compliance.services import report_recommendation_create
from tests.compliance.helpers import H1, NA, figures


# Expected (on time, overdue, count) per line; NA: "không áp dụng"; None in a slot: left blank.
COMMUNE = {
    "1": (2, 0, 2), "1.1": (1, 0, 1), "1.1-1": NA, "1.1-2": NA, "1.1-3": (0, 0, 0), "1.1-4": (1, 0, 1),
    "1.2": (1, 0, 1), "1.3": (0, 0, 0), "1.4": (0, 0, 0),  # row 1.4 is judged (issue #20)
    "2": (2, 1, 3),  # the overdue draft is a late item, not a figure (Điều 15.2, issue #20)
    "3": (2, 1, 3), "3.1": (0, 1, 1), "3.2": (0, 0, 0), "3.3": (1, 0, 1), "3.4": (1, 0, 1),
    "4": (0, 0, 0),
    "5": (1, 0, 1), "5.1": NA, "5.2": (1, 0, 1), "5.2-1": (0, 0, 0), "5.2-2": (1, 0, 1), "5.2-3": (0, 0, 0),
    "5.2-4": (0, 0, 0),
    "6": (1, 1, 2), "7": (0, 0, 0), "8": (0, 0, 0),
    "9": NA, "10": NA, "11": NA, "12": NA,
    "13": (None, None, 1), "14": (None, None, 0),  # row 14: counted, never timed (Điều 9.4)
}
# The district's own portal: one news item on time, one of its own documents late.
DISTRICT = {
    **COMMUNE,
    "2": (3, 1, 4),
    "6": (1, 2, 3),
}
PROVINCE = {
    **DISTRICT,
    "1": (3, 0, 3), "1.1": (2, 0, 2), "1.1-1": (1, 0, 1), "1.1-2": (1, 0, 1),
    "5": (2, 0, 2), "5.1": (1, 0, 1),
    "6": (2, 2, 4),
    "9": (1, 1, 2), "10": (0, 0, 0), "11": (1, 0, 1), "12": (0, 0, 0),
}


def test_table1_figures_of_a_commune_its_district_and_the_province(scenario):
    # One scenario for the three reports: building it costs several seconds.
    for slug, expected in (("xa-a", COMMUNE), ("tiendu", DISTRICT), ("bacninh", PROVINCE)):
        report = report_build(unit=scenario.units[slug], period=H1)
        assert [row.line.key for row in report.table1.rows] == [line.key for line in TABLE1_LINES]
        assert figures(report.table1) == expected, slug


def test_every_figure_traces_back_to_its_items(scenario):
    p = scenario.pages
    report = report_build(unit=scenario.units["bacninh"], period=H1)
    news = report.table1.row("2").cell

    def pages(refs):
        return [report.items[ref].page_id for ref in refs]

    assert set(pages(news.on_time)) == {p["news_tet_on_time"].pk, p["news_same_day"].pk, p["news_district"].pk}
    assert set(pages(news.overdue)) == {p["news_tet_late"].pk}
    assert pages(report.table1.row("6").cell.overdue).count(p["doc_own_late"].pk) == 1
    late = report.items[f"page-{p['news_tet_late'].pk}"]  # made without a recorded history: its own dates
    assert (late.verdict.days_used, late.verdict.days_allowed) == (3, 2)
    assert late.url.startswith("https://xa-a.bacninh.gov.vn/tin-tuc/")


def test_district_and_province_break_down_per_unit(scenario):
    report = report_build(unit=scenario.units["tiendu"], period=H1)
    assert [child.unit.slug for child in report.table1.breakdown] == ["xa-a"]
    assert figures(report.table1.breakdown[0]) == COMMUNE
    own = {row.line.key: tuple(row.value(c) for c in ("on_time", "overdue", "count")) for row in report.table1.own_rows}
    assert own["2"] == (1, 0, 1) and own["6"] == (0, 1, 1)

    report = report_build(unit=scenario.units["bacninh"], period=H1)
    assert [child.unit.slug for child in report.table1.breakdown] == ["sotuphap", "tiendu"]
    district = report.table1.breakdown[1]
    assert figures(district) == DISTRICT
    assert [child.unit.slug for child in district.breakdown] == ["xa-a"]


def test_communes_directly_under_the_province_roll_up_into_it(db, today):
    from tenants.models import Unit
    from tests.factories import province_rows, provision

    provision(province_rows(communes_under_district=(), communes_under_province=("xa-moi",)), with_sections=False)
    province = Unit.objects.get(slug="bacninh")
    report = report_build(unit=province, period=H1)
    assert [child.unit.slug for child in report.table1.breakdown] == ["sotuphap", "tiendu", "xa-moi"]


def test_table2_per_receiving_agency(scenario, petitions):
    columns = ("received", "answered_on_time", "answered_overdue", "unanswered_not_due", "unanswered_overdue")

    def table2(slug):
        report = report_build(unit=scenario.units[slug], period=H1)
        return [(row.unit.slug if row.unit else "total", *(getattr(row, c) for c in columns)) for row in report.table2]

    assert table2("xa-a") == [("xa-a", 4, 1, 1, 1, 1), ("total", 4, 1, 1, 1, 1)]
    assert table2("tiendu") == [("tiendu", 1, 1, 0, 0, 0), ("xa-a", 4, 1, 1, 1, 1), ("total", 5, 2, 1, 1, 1)]
    assert table2("bacninh") == [
        ("bacninh", 0, 0, 0, 0, 0), ("tiendu", 1, 1, 0, 0, 0), ("xa-a", 4, 1, 1, 1, 1), ("total", 5, 2, 1, 1, 1),
    ]

    # The whole province in a number of queries independent of its items and portals: one
    # per reported page type (14), units, homes, locales, calendar, contact settings, Q&A,
    # recommendations, the units' changes of parent (issue #21: the hierarchy of each day).
    with CaptureQueriesContext(connection) as queries:
        report_build(unit=scenario.units["bacninh"], period=H1)
    assert len(queries) <= 26, [q["sql"][:120] for q in queries]


def test_recommendations_are_the_units_own_for_the_period(db, today):
    from tenants.models import Unit
    from tests.factories import province_rows, provision

    provision(province_rows(), with_sections=False)
    commune = Unit.objects.get(slug="xa-a")
    report_recommendation_create(unit=commune, period="2026-h1", text="Đề nghị tập huấn biên tập viên.")
    report_recommendation_create(unit=commune, period="2026", text="Báo cáo năm.")
    assert report_build(unit=commune, period=H1).recommendations == ["Đề nghị tập huấn biên tập viên."]
    with pytest.raises(ValidationError):
        report_recommendation_create(unit=commune, period="2026-H1", text="  ")

