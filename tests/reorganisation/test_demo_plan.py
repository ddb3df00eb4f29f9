"""The demo plan of ``seed_demo --province 2025`` (issue #21 item 6) against the 2021
demo data: every unit it names exists, and after it no commune is left under a district."""

from pathlib import Path

import yaml

from reorganisation.plan import plan_read

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "reorganisation" / "data" / "bacninh_2025_demo.yaml"
UNITS_2021 = yaml.safe_load((ROOT / "tenants" / "data" / "bacninh_2021.yaml").read_text(encoding="utf-8"))["units"]


def test_the_demo_plan_names_only_demo_units_and_ends_the_district_level():
    plan = plan_read(PLAN)
    slugs = {u["slug"]: u for u in UNITS_2021}
    named = {slug for op in plan.operations for slug in op.units} | {op.target for op in plan.operations if op.target}
    assert named <= set(slugs)

    merges = [op for op in plan.operations if op.kind == "merge"]
    lienbao = next(op for op in merges if op.target == "tiendu-lienbao")
    assert set(lienbao.units) == {"tiendu-hienvan", "tiendu-vietdoan", "tiendu-lienbao"}
    assert lienbao.changes["parent"] == "bacninh"
    assert plan.legal_basis == "1658/NQ-UBTVQH15" and str(plan.effective_date) == "2025-07-01"

    communes = {s for s, u in slugs.items() if u["kind"] == "commune"}
    moved = {s for op in plan.operations if op.kind == "move" and op.target == "bacninh" for s in op.units}
    merged_away = {s for op in merges for s in op.units if s != op.target and s in communes}
    assert communes == moved | merged_away | {"tiendu-lienbao"}
    retired = {s for op in plan.operations if op.kind == "retire" for s in op.units}
    assert retired == {s for s, u in slugs.items() if u["kind"] == "district"}
    # What no public source confirms is marked as such in the file.
    assert "ILLUSTRATIVE" in PLAN.read_text(encoding="utf-8")
