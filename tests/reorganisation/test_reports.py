"""Reports across the effective date (issue #21 item 5), on one scenario built once:
xa-a merges into xa-b on 1 July 2025 carrying its news; xa-b moves under the province.

Hand count of news items (Điều 15 table 1, row 2) for the year 2025:
  xa-a   1 (published 10/3, before the merger: its own day, although carried to xa-b)
  xa-b   2 (12/3 and 1/9)
  tiendu 2 (xa-a, under it for the days it existed, and xa-b's 12/3: xa-b moved under
           the province on 1/7; the roll-up follows the hierarchy in force on each day)
  bacninh 3 (xa-b appears under tiendu with its March item and directly under the
           province with its September one)
"""

import datetime
import io
import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Page

from compliance.periods import period_parse
from compliance.selectors import report_build
from tenants.models import Unit
from tests.reorganisation.helpers import news, plan_apply, province_with_communes, scenario_atomic

YEAR = period_parse("2025")
PLAN = """\
effective_date: 2025-07-01
legal_basis: "1658/NQ-UBTVQH15"
operations:
  - merge: {into: xa-b, from: [xa-a, xa-b], parent: bacninh, carry: [tin-tuc]}
"""


@pytest.fixture(scope="module")
def scenario(django_db_setup, django_db_blocker, tmp_path_factory):
    with scenario_atomic(django_db_blocker):
        province_with_communes("xa-a", "xa-b", with_sections=("xa-a", "xa-b"))
        carried = news("xa-a", datetime.date(2025, 3, 10), "Tin xã A tháng ba")
        news("xa-b", datetime.date(2025, 3, 12), "Tin xã B tháng ba")
        plan_apply(tmp_path_factory, PLAN)
        news("xa-b", datetime.date(2025, 9, 1), "Tin xã B mới tháng chín")
        yield {"carried_id": carried.pk, "output_dir": tmp_path_factory.mktemp("reports")}


@pytest.fixture
def facts(scenario, db):
    cache.clear()
    return scenario


def news_count(slug):
    return report_build(unit=Unit.objects.get(slug=slug), period=YEAR, today=datetime.date(2026, 1, 15)).table1


def test_each_unit_reports_its_own_days_and_the_province_rolls_up(facts):
    counts = {slug: news_count(slug).row("2").value("count") for slug in ("xa-a", "xa-b", "tiendu", "bacninh")}
    assert counts == {"xa-a": 1, "xa-b": 2, "tiendu": 2, "bacninh": 3}
    province = news_count("bacninh")
    assert [child.unit.slug for child in province.breakdown] == ["sotuphap", "tiendu", "xa-b"]
    assert [child.unit.slug for child in province.breakdown[1].breakdown] == ["xa-a", "xa-b"]
    assert [child.row("2").value("count") for child in province.breakdown[1].breakdown] == [1, 1]
    assert province.breakdown[2].row("2").value("count") == 1


def test_a_carried_item_keeps_its_original_attribution(facts):
    carried = Page.objects.get(pk=facts["carried_id"]).specific
    assert carried.get_parent().get_parent().pk == Unit.objects.get(slug="xa-b").home_page.pk
    # The page is the successor's now (its board edits it), its origin stays (Điều 12).
    assert carried.unit.slug == "xa-b" and carried.original_unit.slug == "xa-a"
    assert carried.source_attribution == f"Theo Cổng TTĐT {Unit.objects.get(slug='xa-a').short_name}"


def test_portal_report_accepts_an_archived_portal(facts):
    out = io.StringIO()
    target = facts["output_dir"] / "xa-a.json"
    call_command("portal_report", "--portal", "xa-a", "--period", "2025", "--format", "json",
                 "--output", str(target), stdout=out)
    assert out.getvalue().strip().endswith("xa-a.json")
    text = target.read_text(encoding="utf-8")
    assert json.loads(text) and Unit.objects.get(slug="xa-a").name in text
