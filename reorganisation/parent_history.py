"""The parent history of plans applied before it was recorded (issue #21 item 5).

``tenants.UnitParentChange`` rows are written by every plan applied since migration
tenants/0004; plans applied before it left none, so a report for their earlier days
rolls up over today's hierarchy. This derives the missing rows from the stored plans,
oldest first, with what they show:

* the new parent and the date are the plan's (a ``move``, or a ``merge``/``rename``
  with a ``parent`` of a unit that existed before the plan);
* the old parent is the one an earlier stored plan (or an earlier recorded row) gave the
  unit; failing that, the one unit among those the same plan ended (retired, merged
  away, split) that the unit may sit under (the validator makes a plan move a unit's
  children before it ends it); failing that, for a merge's successor, the one parent
  all its archived co-predecessors kept.

What none of these settles is left out and reported (``unresolved``): a wrong row would
misplace a unit in reports, a missing one leaves it where it is today. Idempotent: a
unit that has a row on the plan's date is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from reorganisation.models import Reorganisation, ReorganisationStatus
from reorganisation.plan import plan_parse
from tenants.models import ALLOWED_PARENT_KINDS, Unit, UnitParentChange


@dataclass
class ParentHistoryBackfill:
    created: list[tuple[str, str, str, str]] = field(default_factory=list)  # (unit, old, new, date)
    unresolved: list[tuple[str, str]] = field(default_factory=list)  # (unit, plan)


def _new_parents(plan, *, created_by_plan) -> dict[str, tuple[str, object]]:
    """unit slug → (new parent slug, the merge operation or None) for every unit that
    existed before the plan and whose parent the plan set, last operation wins."""
    moved: dict[str, tuple[str, object]] = {}
    for op in plan.operations:
        if op.kind == "move":
            for slug in op.units:
                moved[slug] = (op.target, None)
        elif op.kind == "rename" and op.changes.get("parent"):
            moved[op.units[0]] = (op.changes["parent"], None)
        elif op.kind == "merge" and op.changes.get("parent"):
            # A merge into one of its own units moves it; into another slug, only when
            # that unit was there before the plan (else the plan created it there).
            if op.target in op.units or not created_by_plan(op.target):
                moved[op.target] = (op.changes["parent"], op)
    return moved


def _ended(plan) -> set[str]:
    ended: set[str] = set()
    for op in plan.operations:
        if op.kind == "merge":
            ended.update(slug for slug in op.units if slug != op.target)
        elif op.kind in ("retire", "split"):
            ended.update(op.units)
    return ended


def _created_by(record: Reorganisation, unit: Unit | None) -> bool:
    """Whether ``record``'s plan created ``unit`` (provisioned ahead or while applied);
    without the plan's timestamps (the oldest records) a unit is taken as created by it."""
    if unit is None or unit.slug in record.provisioned:
        return True
    stamp = record.created_at or record.applied_at
    return stamp is None or unit.created_at >= stamp


@transaction.atomic
def parent_history_backfill(*, dry_run: bool = False) -> ParentHistoryBackfill:
    units = {u.slug: u for u in Unit.objects.all()}
    by_pk = {u.pk: u for u in units.values()}
    recorded = set(UnitParentChange.objects.values_list("unit_id", "effective_date"))
    # What earlier rows and plans said a unit's parent became, replayed in date order.
    known: dict[str, str | None] = {}
    rows = list(UnitParentChange.objects.order_by("effective_date", "pk").values_list(
        "unit_id", "new_parent_id", "effective_date"))
    result = ParentHistoryBackfill()
    plans = Reorganisation.objects.filter(status=ReorganisationStatus.APPLIED).order_by("effective_date", "pk")
    for record in plans:
        for unit_id, new_parent_id, day in rows:
            if day < record.effective_date:
                known[by_pk[unit_id].slug] = by_pk[new_parent_id].slug if new_parent_id else None
        if not record.plan_text.strip():
            continue
        plan = plan_parse(record.plan_text, name=record.plan_name)
        ended = _ended(plan)
        for slug, (new_parent, merge) in _new_parents(plan, created_by_plan=lambda slug: _created_by(record, units.get(slug))).items():
            unit = units.get(slug)
            if unit is None or units.get(new_parent) is None:
                continue
            old = known.get(slug)
            if slug not in known:
                candidates = {s for s in ended if s in units and units[s].kind in ALLOWED_PARENT_KINDS[unit.kind]
                              and s != slug}
                old = next(iter(candidates)) if len(candidates) == 1 else None
                if old is None and merge is not None:
                    kept = {units[s].parent.slug for s in merge.units if s != slug and s in units and units[s].parent_id}
                    old = next(iter(kept)) if len(kept) == 1 else None
                if old is None:
                    result.unresolved.append((slug, str(record)))
                    continue
            known[slug] = new_parent
            if old == new_parent or (unit.pk, record.effective_date) in recorded:
                continue
            result.created.append((slug, old, new_parent, record.effective_date.isoformat()))
            if not dry_run:
                UnitParentChange.objects.create(unit=unit, old_parent=units[old] if old else None,
                                                new_parent=units[new_parent], effective_date=record.effective_date)
            recorded.add((unit.pk, record.effective_date))
    return result
