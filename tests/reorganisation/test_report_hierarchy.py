"""The report's roll-up follows the hierarchy in force on each day (issue #21 item 5).

One scenario built once: commune xa-c moves from district tiendu directly under the
province on 1 July 2025; xa-a stays under tiendu.

News items (Điều 15 table 1, row 2), each published on its information date:
  tiendu  1 March   (its own)
  xa-a    5 May
  xa-c    10 June   (under tiendu that day)
  xa-c    20 August (under the province that day)
Petitions received by xa-c (table 2): 15 June, 25 August.

Hand count of row 2:
             2025  2025-H1  2025-H2
  xa-c          2        1        1
  tiendu        3        3        0   (own + xa-a + xa-c's June item)
  bacninh       4        3        1
Province breakdown for 2025 (rule: a unit that changed parent appears under each
parent with the items of its days there): sotuphap 0, tiendu 3 (xa-a 1, xa-c 1),
xa-c 1 directly; 0 + 3 + 1 + the province's own 0 = 4.
"""

import datetime

import pytest
from django.core.cache import cache

from compliance.periods import period_parse
from compliance.selectors import report_build
from tenants.models import Unit, UnitParentChange
from tests.qa.factories import PetitionFactory
from tests.reorganisation.helpers import VN, news, plan_apply, province_with_communes, scenario_atomic

TODAY = datetime.date(2026, 1, 15)
MOVE_DAY = datetime.date(2025, 7, 1)
PLAN = """\
effective_date: 2025-07-01
legal_basis: "1658/NQ-UBTVQH15"
operations:
  - move: {units: [xa-c], parent: bacninh}
"""


@pytest.fixture(scope="module")
def scenario(django_db_setup, django_db_blocker, tmp_path_factory):
    with scenario_atomic(django_db_blocker):
        province_with_communes("xa-a", "xa-c", with_sections=("tiendu", "xa-a", "xa-c"))
        news("tiendu", datetime.date(2025, 3, 1), "Tin huyện tháng ba")
        news("xa-a", datetime.date(2025, 5, 5), "Tin xã A tháng năm")
        june = news("xa-c", datetime.date(2025, 6, 10), "Tin xã C tháng sáu")
        august = news("xa-c", datetime.date(2025, 8, 20), "Tin xã C tháng tám")
        xa_c = Unit.objects.get(slug="xa-c")
        for day in (datetime.datetime(2025, 6, 15, 10, tzinfo=VN), datetime.datetime(2025, 8, 25, 10, tzinfo=VN)):
            PetitionFactory(agency=xa_c, received_at=day)
        plan_apply(tmp_path_factory, PLAN)
        yield {"june": f"page-{june.pk}", "august": f"page-{august.pk}"}


@pytest.fixture
def facts(scenario, db):
    cache.clear()
    return scenario


def report(slug, code):
    return report_build(unit=Unit.objects.get(slug=slug), period=period_parse(code), today=TODAY)


def news_count(unit_report):
    return unit_report.row("2").value("count")


def shape(unit_report):
    """(slug, row 2 count, [children...]) of a table 1 tree."""
    return (unit_report.unit.slug, news_count(unit_report), [shape(child) for child in unit_report.breakdown])


def received(rep):
    return {(row.unit.slug if row.unit else "total"): row.received for row in rep.table2}


def test_the_move_is_recorded_with_the_old_parent(facts):
    assert list(UnitParentChange.objects.values_list("unit__slug", "old_parent__slug", "new_parent__slug",
                                                     "effective_date")) == [
        ("xa-c", "tiendu", "bacninh", MOVE_DAY)]
    assert Unit.objects.get(slug="xa-c").parent.slug == "bacninh"


def test_the_district_counts_the_commune_for_its_days_only(facts):
    tiendu = report("tiendu", "2025")
    assert news_count(tiendu.table1) == 3
    assert facts["june"] in tiendu.items and facts["august"] not in tiendu.items
    assert shape(tiendu.table1) == ("tiendu", 3, [("xa-a", 1, []), ("xa-c", 1, [])])
    # Table 2: xa-c's June petition only.
    assert received(tiendu)["xa-c"] == 1 and received(tiendu)["total"] == 1
    assert news_count(report("xa-c", "2025").table1) == 2


def test_the_province_counts_each_item_once_under_the_parent_of_its_day(facts):
    province = report("bacninh", "2025")
    assert news_count(province.table1) == 4
    assert facts["june"] in province.items and facts["august"] in province.items
    assert shape(province.table1) == ("bacninh", 4, [
        ("sotuphap", 0, []), ("tiendu", 3, [("xa-a", 1, []), ("xa-c", 1, [])]), ("xa-c", 1, [])])
    own = next(row for row in province.table1.own_rows if row.line.key == "2").value("count")
    assert own + sum(news_count(child) for child in province.table1.breakdown) == news_count(province.table1)
    # Table 2: one row for xa-c with both petitions; the total is the sum of the rows.
    rows = received(province)
    assert rows["xa-c"] == 2 and rows["total"] == 2
    assert [row.unit.slug for row in province.table2[:-1]].count("xa-c") == 1


def test_a_period_before_the_move_is_the_old_hierarchy_and_after_it_the_new(facts):
    h1, h2 = report("bacninh", "2025-H1"), report("bacninh", "2025-H2")
    assert shape(h1.table1) == ("bacninh", 3, [
        ("sotuphap", 0, []), ("tiendu", 3, [("xa-a", 1, []), ("xa-c", 1, [])])])
    assert shape(h2.table1) == ("bacninh", 1, [
        ("sotuphap", 0, []), ("tiendu", 0, [("xa-a", 0, [])]), ("xa-c", 1, [])])
    assert shape(report("tiendu", "2025-H1").table1) == ("tiendu", 3, [("xa-a", 1, []), ("xa-c", 1, [])])
    tiendu_h2 = report("tiendu", "2025-H2")
    assert shape(tiendu_h2.table1) == ("tiendu", 0, [("xa-a", 0, [])])
    assert "xa-c" not in received(tiendu_h2)
    assert received(h1)["xa-c"] == 1 and received(h2)["xa-c"] == 1


def test_a_frozen_report_tells_the_two_places_of_a_moved_unit_apart(facts):
    from compliance.exports import report_json_data
    from compliance.services import _figures_flat

    flat = _figures_flat(report_json_data(report("bacninh", "2025")))
    # xa-c under tiendu (its June item) and directly under the province (August).
    assert flat[("xa-c", "table1", "2", "count")] == (1, [facts["june"]])
    assert flat[("bacninh/xa-c", "table1", "2", "count")] == (1, [facts["august"]])


def test_the_exports_name_the_days_of_each_place(facts):
    from compliance.exports import report_json_data

    province = report("bacninh", "2025")
    assert [child.label for child in province.table1.breakdown][1:] == [
        "Huyện Tiên Du", f"{Unit.objects.get(slug='xa-c').name} (01/07/2025 – 31/12/2025)"]
    data = report_json_data(province)
    assert data["breakdown"][2]["days"] == [["2025-07-01", "2025-12-31"]]
    assert data["breakdown"][1]["breakdown"][1]["days"] == [["2025-01-01", "2025-06-30"]]
    assert "days" not in data["breakdown"][1]
