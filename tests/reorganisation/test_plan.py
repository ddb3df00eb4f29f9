"""Reorganisation plans: refused with line numbers and nothing written; --dry-run
changes nothing (issue #21 item 1)."""

import datetime
import io
import textwrap

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from reorganisation.models import Reorganisation, Succession
from reorganisation.plan import PlanRefused, plan_parse, plan_validate
from tenants.models import Unit
from tests.factories import province_rows, provision


@pytest.fixture(scope="module")
def _province(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        provision(province_rows(communes_under_district=("xa-a", "xa-b", "xa-c")))
        yield
        transaction.set_rollback(True)


@pytest.fixture
def province(_province, db):
    return {u.slug: u for u in Unit.objects.all()}


def units_state():
    return sorted(Unit.objects.values_list("slug", "name", "parent__slug", "hostname", "archived_on"))


def plan_file(tmp_path, text):
    path = tmp_path / "plan.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def refused_lines(text):
    plan = plan_parse(textwrap.dedent(text))
    return {e.line: e.message for e in plan_validate(plan)}


def test_unknown_unit_is_refused_with_its_line_and_nothing_is_written(province, tmp_path):
    path = plan_file(tmp_path, """\
        effective_date: 2025-07-01
        legal_basis: "1658/NQ-UBTVQH15"
        operations:
          - move: {unit: xa-a, parent: bacninh}
          - merge:
              into: xa-b
              from: [xa-b, xa-khong-co]
    """)
    before = units_state()

    with pytest.raises(CommandError) as refused:
        call_command("reorganise_units", str(path), "--no-progress")

    message = str(refused.value)
    assert "nothing was changed" in message
    assert "line 7" in message and "xa-khong-co" in message
    # The valid move before it was not applied either.
    assert units_state() == before
    assert not Reorganisation.objects.exists() and not Succession.objects.exists()


def test_a_merge_cycle_is_refused_at_the_second_merge(province):
    errors = refused_lines("""\
        effective_date: 2025-07-01
        legal_basis: "1658/NQ-UBTVQH15"
        operations:
          - merge: {into: xa-b, from: [xa-a, xa-b]}
          - merge: {into: xa-a, from: [xa-b]}
    """)
    assert list(errors) == [5]
    assert "cycle" in errors[5]


def test_a_date_before_an_earlier_reorganisation_is_refused_on_its_line(province):
    Reorganisation.objects.create(effective_date=datetime.date(2025, 7, 1), legal_basis="1658/NQ-UBTVQH15")
    errors = refused_lines("""\
        legal_basis: "X/NQ"
        effective_date: 2025-06-30
        operations:
          - retire: {unit: xa-c}
    """)
    assert list(errors) == [2]
    assert "01/07/2025" in errors[2]


def test_structural_errors_and_rule_errors_carry_line_numbers(province):
    with pytest.raises(PlanRefused) as refused:
        plan_parse(textwrap.dedent("""\
            effective_date: 1 July
            legal_basis: "X"
            operations:
              - annex: {unit: xa-a}
        """))
    assert {e.line for e in refused.value.errors} == {1, 4}

    errors = refused_lines("""\
        effective_date: 2025-07-01
        legal_basis: "X"
        operations:
          - retire: {unit: tiendu}
          - merge:
              into: xa-moi
              from: [xa-a]
              name: Xã Mới
              kind: commune
              hostname: xa-b.bacninh.gov.vn
              parent: bacninh
              carry: [khong-co-muc-nay]
    """)
    # A district with live communes cannot end; a taken hostname; an unknown section.
    assert set(errors) == {4, 10, 12}


def test_dry_run_prints_the_steps_and_changes_nothing(province, tmp_path):
    path = plan_file(tmp_path, """\
        effective_date: 2025-07-01
        legal_basis: "1658/NQ-UBTVQH15"
        operations:
          - merge: {into: xa-b, from: [xa-a, xa-b], parent: bacninh, carry: [tin-tuc]}
          - move: {units: [xa-c], parent: bacninh}
          - retire: {unit: tiendu}
    """)
    before = units_state()
    out = io.StringIO()

    call_command("reorganise_units", str(path), "--dry-run", stdout=out)

    text = out.getvalue()
    assert "1658/NQ-UBTVQH15" in text and "01/07/2025" in text
    assert "xa-a, xa-b" in text and "xa-c" in text and "tiendu" in text
    assert units_state() == before
    assert not Reorganisation.objects.exists()
