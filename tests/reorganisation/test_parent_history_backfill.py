"""Deriving the parent history of plans applied before it was recorded (issue #21,
``manage.py reorganise_parent_history``), on one scenario built once.

Districts tiendu (communes xa-a, xa-b, xa-c) and quevo (xa-d) under the province; three
plans are applied, then their recorded rows are deleted, as for plans applied before
migration tenants/0004:
  1/7/2025   xa-a merges into xa-b, which goes under the province; xa-c moves under
             the province; tiendu ends           → xa-b, xa-c: tiendu → bacninh
  1/10/2025  xa-c moves under quevo             → xa-c: bacninh → quevo (plan 1 said so)
  1/11/2025  xa-d moves under the province      → quevo did not end: the plan does not
             tell where xa-d was, so no row (reported)
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from tenants.models import UnitKind, UnitParentChange
from tests.factories import UnitRowFactory, province_rows, provision

pytestmark = pytest.mark.django_db

PLANS = [
    """\
effective_date: 2025-07-01
legal_basis: "1658/NQ-UBTVQH15"
operations:
  - merge: {into: xa-b, from: [xa-a, xa-b], parent: bacninh}
  - move: {units: [xa-c], parent: bacninh}
  - retire: {unit: tiendu}
""",
    """\
effective_date: 2025-10-01
legal_basis: "12/NQ-HĐND"
operations:
  - move: {unit: xa-c, parent: quevo}
""",
    """\
effective_date: 2025-11-01
legal_basis: "13/NQ-HĐND"
operations:
  - move: {unit: xa-d, parent: bacninh}
""",
]
DERIVABLE = {
    ("xa-b", "tiendu", "bacninh", "2025-07-01"),
    ("xa-c", "tiendu", "bacninh", "2025-07-01"),
    ("xa-c", "bacninh", "quevo", "2025-10-01"),
}


def rows():
    return {(u, old, new, day.isoformat()) for u, old, new, day in UnitParentChange.objects.values_list(
        "unit__slug", "old_parent__slug", "new_parent__slug", "effective_date")}


def backfill(*args):
    out = io.StringIO()
    call_command("reorganise_parent_history", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def scenario(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), transaction.atomic():
        provision(province_rows(communes_under_district=("xa-a", "xa-b", "xa-c")) + [
            UnitRowFactory(slug="quevo", kind=UnitKind.DISTRICT, name="Huyện Quế Võ", short_name="Quế Võ",
                           parent="bacninh"),
            UnitRowFactory(slug="xa-d", parent="quevo"),
        ])
        folder = tmp_path_factory.mktemp("plans")
        for number, text in enumerate(PLANS):
            path = folder / f"plan{number}.yaml"
            path.write_text(text, encoding="utf-8")
            call_command("reorganise_units", str(path), "--no-progress", stdout=io.StringIO())
        facts = {"recorded": rows()}
        UnitParentChange.objects.all().delete()
        facts["dry_run"] = backfill("--dry-run")
        facts["after_dry_run"] = rows()
        facts["first"] = backfill()
        facts["after_first"] = rows()
        facts["second"] = backfill()
        facts["after_second"] = rows()
        yield facts
        transaction.set_rollback(True)


def test_the_rows_the_plans_prove_are_derived_once(scenario):
    # What applying the plans recorded, for comparison: the derivable rows and xa-d's.
    assert scenario["recorded"] == DERIVABLE | {("xa-d", "quevo", "bacninh", "2025-11-01")}
    assert scenario["after_dry_run"] == set()
    assert "3" in scenario["dry_run"].splitlines()[-1]
    assert scenario["after_first"] == DERIVABLE
    assert scenario["first"].splitlines()[-1].startswith("3 ")
    # Idempotent: the second run adds nothing.
    assert scenario["after_second"] == DERIVABLE
    assert scenario["second"].splitlines()[-1].startswith("0 ")


def test_what_the_plans_do_not_tell_is_reported_not_guessed(scenario):
    for output in (scenario["dry_run"], scenario["first"], scenario["second"]):
        (warning,) = [line for line in output.splitlines() if line.startswith("xa-d:")]
        assert "13/NQ-HĐND" in warning
