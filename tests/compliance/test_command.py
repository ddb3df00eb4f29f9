"""``manage.py portal_report``: arguments, files and errors."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tenants.models import Unit
from tests.factories import province_rows, provision


@pytest.fixture
def units(db, today):
    provision(province_rows(), with_sections=False)
    return {unit.slug: unit for unit in Unit.objects.all()}


def test_writes_one_portal_report(units, tmp_path, capsys):
    target = tmp_path / "xa-a.json"
    call_command("portal_report", "--portal", "xa-a", "--period", "2026-H1", "--format", "json", "--output", str(target))
    data = json.loads(target.read_text())
    assert data["unit"]["slug"] == "xa-a" and data["period"]["code"] == "2026-H1"
    assert [row["number"] for row in data["table1"] if row["number"]][:3] == ["1", "1.1", "1.2"]
    assert str(target) in capsys.readouterr().out


def test_all_writes_one_file_per_portal(units, tmp_path):
    call_command("portal_report", "--portal", "all", "--period", "2026", "--format", "xlsx", "--output", str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"bao-cao-{slug}-2026.xlsx" for slug in ("bacninh", "sotuphap", "tiendu", "xa-a", "xa-b")
    )


@pytest.mark.parametrize("args, message", [
    (["--portal", "khong-co", "--period", "2026-H1"], "There is no portal 'khong-co'"),
    (["--portal", "xa-a", "--period", "2026-H3"], "'2026-H3' is not a reporting period"),
    (["--portal", "xa-a", "--period", "nửa đầu"], "is not a reporting period"),
])
def test_errors_are_clear(units, args, message):
    # The messages are English msgids; the Vietnamese catalogue (LANGUAGE_CODE "vi") translates them.
    with translation.override("en"), pytest.raises(CommandError, match=message):
        call_command("portal_report", *args)


def test_bad_format_is_refused_by_the_parser(units):
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("portal_report", "--portal", "xa-a", "--period", "2026-H1", "--format", "pdf")
