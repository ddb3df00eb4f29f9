"""Reorganisation plans (issue #21): reading a YAML plan with line numbers and checking
it against the units in the database before anything is written.

A plan::

    effective_date: 2025-07-01
    legal_basis: "1658/NQ-UBTVQH15"
    operations:
      - merge: {into: SLUG, from: [SLUG, ...], name: ..., kind: ..., hostname: ..., parent: ..., carry: [tin-tuc]}
      - rename: {unit: SLUG, name: ..., short_name: ..., hostname: ...}
      - move: {unit: SLUG, parent: SLUG}          # or units: [SLUG, ...]
      - retire: {unit: SLUG}                      # ends without successor
      - split: {from: SLUG, into: [{slug: ..., name: ..., kind: ..., hostname: ..., parent: ...}, ...],
                content_to: SLUG, carry: [...]}

``into`` of a merge may be one of its ``from`` units (it keeps its portal) or a new slug
(provisioned). Operations are checked in order against a simulation of the units, so a
later operation sees what an earlier one did.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.utils.translation import gettext as _

from cms.sections import SECTIONS
from reorganisation.models import Reorganisation
from tenants.models import ALLOWED_PARENT_KINDS, HOSTNAME_PATTERN, SLUG_PATTERN, Unit, UnitKind

OPERATIONS = ("merge", "rename", "move", "retire", "split")
CARRIABLE_SECTIONS = frozenset(s.slug for s in SECTIONS)


@dataclass(frozen=True)
class PlanError:
    line: int
    message: str

    def __str__(self) -> str:
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


class PlanRefused(Exception):
    """The plan was refused; ``errors`` lists every problem with its line number."""

    def __init__(self, errors: list[PlanError]):
        self.errors = sorted(errors, key=lambda e: e.line)
        super().__init__("\n".join(str(e) for e in self.errors))


@dataclass(frozen=True)
class NewUnit:
    """A unit a merge or split creates (or updates, when the slug exists)."""

    slug: str
    kind: str
    name: str
    short_name: str
    hostname: str
    parent: str | None


@dataclass
class Operation:
    kind: str  # one of OPERATIONS
    line: int
    units: list[str] = field(default_factory=list)  # the units it acts on (from / unit / units)
    target: str = ""  # merge: into; split: content_to; move: parent
    changes: dict = field(default_factory=dict)  # merge/rename: name, short_name, kind, hostname, parent
    new_units: list[NewUnit] = field(default_factory=list)  # split
    carry: list[str] = field(default_factory=list)
    lines: dict = field(default_factory=dict)  # key -> line of that key


@dataclass
class Plan:
    effective_date: datetime.date
    legal_basis: str
    operations: list[Operation]
    name: str = ""
    date_line: int = 1
    text: str = ""  # the YAML, kept with a plan scheduled for a later date


# --- reading ---------------------------------------------------------------------


def _construct(node):
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def _mapping(node) -> dict[str, tuple]:
    """Key -> (value node, line) of a YAML mapping node."""
    return {k.value: (v, k.start_mark.line + 1) for k, v in node.value}


def plan_read(path: str | Path) -> Plan:
    """Parse the plan; structural problems raise PlanRefused with line numbers."""
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig")
    return plan_parse(text, name=path.name)


def plan_parse(text: str, *, name: str = "") -> Plan:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise PlanRefused([PlanError(mark.line + 1 if mark else 0, _("invalid YAML: %s") % getattr(exc, "problem", exc))]) from exc
    if not isinstance(root, yaml.MappingNode):
        raise PlanRefused([PlanError(1, _("a plan is a mapping with effective_date, legal_basis and operations"))])
    top = _mapping(root)
    errors: list[PlanError] = []

    date, date_line = None, 1
    if "effective_date" not in top:
        errors.append(PlanError(1, _("effective_date is missing")))
    else:
        node, date_line = top["effective_date"]
        value = _construct(node)
        if isinstance(value, datetime.date):
            date = value
        else:
            errors.append(PlanError(date_line, _("effective_date must be a date written YYYY-MM-DD")))
    basis = ""
    if "legal_basis" not in top or not str(_construct(top["legal_basis"][0]) or "").strip():
        errors.append(PlanError(top.get("legal_basis", (None, 1))[1], _("legal_basis (number of the resolution) is missing")))
    else:
        basis = str(_construct(top["legal_basis"][0])).strip()
    operations: list[Operation] = []
    if "operations" not in top or not isinstance(top["operations"][0], yaml.SequenceNode):
        errors.append(PlanError(top.get("operations", (None, 1))[1], _("operations must be a list")))
    else:
        for op_node in top["operations"][0].value:
            operation = _operation(op_node, errors)
            if operation is not None:
                operations.append(operation)
    if errors:
        raise PlanRefused(errors)
    return Plan(effective_date=date, legal_basis=basis, operations=operations, name=name, date_line=date_line, text=text)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _slugs(value) -> list[str]:
    if isinstance(value, list):
        return [_text(v) for v in value]
    return [_text(value)] if value not in (None, "") else []


def _operation(node, errors: list[PlanError]) -> Operation | None:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        errors.append(PlanError(line, _("each operation is one of: %s") % ", ".join(OPERATIONS)))
        return None
    key_node, body_node = node.value[0]
    kind = key_node.value
    if kind not in OPERATIONS:
        errors.append(PlanError(line, _("unknown operation '%(op)s' (expected one of: %(ops)s)") % {"op": kind, "ops": ", ".join(OPERATIONS)}))
        return None
    if not isinstance(body_node, yaml.MappingNode):
        errors.append(PlanError(line, _("operation '%s' needs a mapping of fields") % kind))
        return None
    fields = _mapping(body_node)
    data = {k: _construct(v) for k, (v, _line) in fields.items()}
    op = Operation(kind=kind, line=line, lines={k: ln for k, (_v, ln) in fields.items()})
    op.carry = _slugs(data.get("carry"))
    changes = {k: _text(data[k]) for k in ("name", "short_name", "kind", "hostname", "parent") if data.get(k) not in (None, "")}
    if kind == "merge":
        op.units, op.target, op.changes = _slugs(data.get("from")), _text(data.get("into")), changes
    elif kind == "rename":
        op.units, op.changes = _slugs(data.get("unit")), changes
    elif kind == "move":
        op.units = _slugs(data.get("units") or data.get("unit"))
        op.target = _text(data.get("parent"))
    elif kind == "retire":
        op.units = _slugs(data.get("units") or data.get("unit"))
    elif kind == "split":
        op.units, op.target = _slugs(data.get("from")), _text(data.get("content_to"))
        for item in data.get("into") or []:
            if not isinstance(item, dict):
                errors.append(PlanError(op.lines.get("into", line), _("each unit of a split is a mapping of fields")))
                continue
            op.new_units.append(_new_unit(item))
    return op


def _new_unit(item: dict) -> NewUnit:
    name = _text(item.get("name"))
    return NewUnit(
        slug=_text(item.get("slug")),
        kind=_text(item.get("kind")).lower(),
        name=name,
        short_name=_text(item.get("short_name")) or name,
        hostname=_text(item.get("hostname")).lower(),
        parent=_text(item.get("parent")) or None,
    )


# --- validation ------------------------------------------------------------------


@dataclass
class _Sim:
    kind: str
    parent: str | None
    hostname: str
    archived: bool = False
    successor: str | None = None


class _Checker:
    """Replays the operations on a copy of the unit table, collecting errors."""

    def __init__(self, plan: Plan, *, ahead: frozenset[str] = frozenset()):
        self.plan = plan
        self.errors: list[PlanError] = []
        self.units: dict[str, _Sim] = self._load()
        # Units a scheduled plan provisioned ahead are checked as the new units they were.
        for slug in ahead:
            self.units.pop(slug, None)

    @staticmethod
    def _load() -> dict[str, _Sim]:
        rows = Unit.objects.values_list("slug", "kind", "parent__slug", "hostname", "archived_on", "successor__slug")
        return {
            slug: _Sim(kind=kind, parent=parent, hostname=host, archived=archived is not None, successor=succ)
            for slug, kind, parent, host, archived, succ in rows
        }

    def err(self, line: int, message: str) -> None:
        self.errors.append(PlanError(line, message))

    def live(self, slug: str, line: int) -> bool:
        """The unit exists and is not archived (reported otherwise)."""
        if not slug or slug not in self.units:
            self.err(line, _("unknown unit '%s'") % slug)
            return False
        if self.units[slug].archived:
            self.err(line, _("unit '%s' is already archived") % slug)
            return False
        return True

    def has_live_children(self, slug: str) -> list[str]:
        return sorted(s for s, u in self.units.items() if u.parent == slug and not u.archived)

    def parent_ok(self, *, slug: str, kind: str, parent: str | None, line: int) -> None:
        if kind not in UnitKind.values:
            self.err(line, _("unknown kind '%(kind)s' (expected one of: %(kinds)s)") % {"kind": kind, "kinds": ", ".join(UnitKind.values)})
            return
        if kind == UnitKind.PROVINCE:
            if parent:
                self.err(line, _("the province has no parent unit"))
            return
        if not parent:
            self.err(line, _("a %s needs a parent unit") % UnitKind(kind).label)
            return
        if not self.live(parent, line):
            return
        if self.units[parent].kind not in ALLOWED_PARENT_KINDS[kind]:
            self.err(line, _("a %(kind)s cannot sit under a %(parent_kind)s ('%(parent)s')") % {
                "kind": UnitKind(kind).label, "parent_kind": UnitKind(self.units[parent].kind).label, "parent": parent})
            return
        # A unit under itself, or under one of its own descendants.
        seen, current = {slug}, parent
        while current:
            if current in seen:
                self.err(line, _("cycle: '%(unit)s' would sit under itself (through '%(parent)s')") % {"unit": slug, "parent": parent})
                return
            seen.add(current)
            current = self.units[current].parent if current in self.units else None

    def hostname_ok(self, *, slug: str, hostname: str, line: int) -> None:
        if not re.match(HOSTNAME_PATTERN, hostname):
            self.err(line, _("'%s' is not a valid hostname") % hostname)
            return
        owner = next((s for s, u in self.units.items() if u.hostname == hostname), None)
        if owner is not None and owner != slug:
            self.err(line, _("hostname '%(host)s' already belongs to %(owner)s") % {"host": hostname, "owner": owner})

    def new_unit_ok(self, unit: NewUnit, line: int, lines: dict | None = None) -> None:
        """``lines`` gives the line of each field when the unit's fields are the operation's own."""
        lines = lines or {}
        if not re.match(SLUG_PATTERN, unit.slug) or len(unit.slug) > 50:
            self.err(line, _("'%s' is not a valid slug (lowercase letters, digits and hyphens, at most 50)") % unit.slug)
            return
        if not unit.name:
            self.err(lines.get("name", line), _("name is empty"))
        self.hostname_ok(slug=unit.slug, hostname=unit.hostname, line=lines.get("hostname", line))
        self.parent_ok(slug=unit.slug, kind=unit.kind, parent=unit.parent, line=lines.get("parent", line))

    def carry_ok(self, op: Operation) -> None:
        for slug in op.carry:
            if slug not in CARRIABLE_SECTIONS:
                self.err(op.lines.get("carry", op.line), _("unknown section '%(section)s' to carry (expected one of: %(sections)s)")
                         % {"section": slug, "sections": ", ".join(sorted(CARRIABLE_SECTIONS))})

    def archive(self, slug: str, successor: str | None) -> None:
        self.units[slug].archived = True
        self.units[slug].successor = successor

    def successor_chain_reaches(self, start: str, targets: set[str]) -> bool:
        seen, current = set(), start
        while current and current not in seen:
            if current in targets:
                return True
            seen.add(current)
            current = self.units[current].successor if current in self.units else None
        return False

    # One method per operation, named after it.

    def merge(self, op: Operation) -> None:
        from_line = op.lines.get("from", op.line)
        into_line = op.lines.get("into", op.line)
        if not op.units:
            self.err(from_line, _("a merge needs the units it merges ('from')"))
            return
        if not op.target:
            self.err(into_line, _("a merge needs the unit it merges into ('into')"))
            return
        if op.target in self.units and self.units[op.target].archived and self.successor_chain_reaches(op.target, set(op.units)):
            self.err(into_line, _("cycle: '%(into)s' already merged into one of %(units)s in this plan")
                     % {"into": op.target, "units": ", ".join(op.units)})
            return
        predecessors_ok = all([self.live(slug, from_line) for slug in op.units])
        self.carry_ok(op)
        if op.target in self.units:
            if not self.live(op.target, into_line):
                return
            current = self.units[op.target]
            kind = op.changes.get("kind", current.kind)
            parent = op.changes.get("parent", current.parent)
            if "hostname" in op.changes:
                self.hostname_ok(slug=op.target, hostname=op.changes["hostname"], line=op.lines.get("hostname", op.line))
            if (kind, parent) != (current.kind, current.parent):
                self.parent_ok(slug=op.target, kind=kind, parent=parent, line=op.lines.get("parent", op.line))
        else:
            missing = [k for k in ("name", "kind", "hostname", "parent") if k not in op.changes]
            if missing:
                self.err(into_line, _("'%(into)s' is a new unit: %(fields)s must be given") % {"into": op.target, "fields": ", ".join(missing)})
                return
            new = NewUnit(slug=op.target, kind=op.changes["kind"], name=op.changes["name"],
                          short_name=op.changes.get("short_name") or op.changes["name"],
                          hostname=op.changes["hostname"], parent=op.changes["parent"])
            self.new_unit_ok(new, into_line, op.lines)
            self.units[op.target] = _Sim(kind=new.kind, parent=new.parent, hostname=new.hostname)
            kind, parent = new.kind, new.parent
        if not predecessors_ok:
            return
        for slug in op.units:
            if slug == op.target:
                continue
            self.children_gone(slug, from_line, ignoring=op.target)
            self.archive(slug, op.target)
        self.units[op.target].kind, self.units[op.target].parent = kind, parent
        if "hostname" in op.changes:
            self.units[op.target].hostname = op.changes["hostname"]

    def children_gone(self, slug: str, line: int, *, ignoring: str | None = None) -> None:
        children = [c for c in self.has_live_children(slug) if c != ignoring]
        if children:
            self.err(line, _("'%(unit)s' still has units under it (%(children)s): move them first")
                     % {"unit": slug, "children": ", ".join(children[:5]) + ("…" if len(children) > 5 else "")})

    def rename(self, op: Operation) -> None:
        line = op.lines.get("unit", op.line)
        if len(op.units) != 1:
            self.err(line, _("a rename names one unit ('unit')"))
            return
        slug = op.units[0]
        if not self.live(slug, line):
            return
        if not set(op.changes) & {"name", "short_name", "hostname"}:
            self.err(op.line, _("a rename gives a new name, short_name or hostname"))
        if "hostname" in op.changes:
            self.hostname_ok(slug=slug, hostname=op.changes["hostname"], line=op.lines.get("hostname", op.line))
            self.units[slug].hostname = op.changes["hostname"]

    def move(self, op: Operation) -> None:
        line = op.lines.get("unit") or op.lines.get("units") or op.line
        if not op.units:
            self.err(line, _("a move names the units it moves ('unit' or 'units')"))
        for slug in op.units:
            if self.live(slug, line):
                self.parent_ok(slug=slug, kind=self.units[slug].kind, parent=op.target, line=op.lines.get("parent", op.line))
                self.units[slug].parent = op.target

    def retire(self, op: Operation) -> None:
        line = op.lines.get("unit") or op.lines.get("units") or op.line
        if not op.units:
            self.err(line, _("a retirement names the units that end ('unit' or 'units')"))
        for slug in op.units:
            if self.live(slug, line):
                if self.units[slug].kind == UnitKind.PROVINCE:
                    self.err(line, _("the province cannot be retired"))
                    continue
                self.children_gone(slug, line)
                self.archive(slug, None)

    def split(self, op: Operation) -> None:
        line = op.lines.get("from", op.line)
        into_line = op.lines.get("into", op.line)
        if len(op.units) != 1:
            self.err(line, _("a split names one unit ('from')"))
            return
        if not op.new_units:
            self.err(into_line, _("a split needs the units it creates ('into')"))
            return
        slug = op.units[0]
        if not self.live(slug, line):
            return
        self.carry_ok(op)
        for unit in op.new_units:
            if unit.slug in self.units:
                self.err(into_line, _("unit '%s' already exists") % unit.slug)
                continue
            self.new_unit_ok(unit, into_line)
            self.units[unit.slug] = _Sim(kind=unit.kind, parent=unit.parent, hostname=unit.hostname)
        if op.target not in {u.slug for u in op.new_units}:
            self.err(op.lines.get("content_to", op.line), _("content_to must be one of the new units"))
            return
        self.children_gone(slug, line)
        self.archive(slug, op.target)


def plan_validate(plan: Plan, *, record: Reorganisation | None = None) -> list[PlanError]:
    """Every problem of the plan, checked in order against the database.

    ``record``: the plan is that scheduled reorganisation, run on its date (its own
    record and the units it provisioned ahead do not count against it).
    """
    checker = _Checker(plan, ahead=frozenset(record.provisioned) if record else frozenset())
    # Run on its date, a scheduled plan only follows what was applied before it (its
    # order against the other plans was checked when it was scheduled).
    others = (Reorganisation.objects.exclude(pk=record.pk).filter(status="applied") if record
              else Reorganisation.objects.all())
    latest = others.order_by("-effective_date").first()
    if latest is not None and plan.effective_date < latest.effective_date:
        checker.err(plan.date_line, _("effective date %(date)s is before the reorganisation of %(earlier)s (%(basis)s)") % {
            "date": plan.effective_date.strftime("%d/%m/%Y"),
            "earlier": latest.effective_date.strftime("%d/%m/%Y"),
            "basis": latest.legal_basis,
        })
    if not plan.operations:
        checker.err(plan.date_line, _("the plan has no operations"))
    for op in plan.operations:
        getattr(checker, op.kind)(op)
    return sorted(checker.errors, key=lambda e: e.line)
