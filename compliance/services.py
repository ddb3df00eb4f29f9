"""Writing compliance data: the boards' recommendations, and report files."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from compliance.exports import FORMATS, report_filename, report_render
from compliance.models import FrozenReport, ReportRecommendation
from compliance.selectors import report_build, units_reporting
from mandate.periods import period_parse

MESSAGE_PORTAL_UNKNOWN = _("There is no portal '%(slug)s'. Use a unit slug or 'all'.")
MESSAGE_FORMAT_UNKNOWN = _("Unknown format '%(format)s': use one of %(formats)s.")
MESSAGE_RECOMMENDATION_EMPTY = _("Please write the recommendation.")
MESSAGE_AS_OF_INVALID = _("'%(value)s' is not a date: use YYYY-MM-DD (e.g. 2026-06-30).")


def report_recommendation_create(*, unit, period: str, text: str, user=None) -> ReportRecommendation:
    period_parse(period)
    if not (text or "").strip():
        raise ValidationError(MESSAGE_RECOMMENDATION_EMPTY)
    return ReportRecommendation.objects.create(unit=unit, period=period_parse(period).code, text=text.strip(),
                                               created_by=user)


def as_of_parse(value: str | None):
    """``--as-of`` (YYYY-MM-DD) as a date; None when not given."""
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(MESSAGE_AS_OF_INVALID, params={"value": value}) from None


def report_files_write(*, portal: str, period: str, fmt: str, output: str | None, progress=None,
                       as_of: str | None = None) -> list[Path]:
    """Write the report of ``portal`` (a slug, or ``all``: one file per portal) for ``period``
    with the data cut off at ``as_of`` (default: the period's last day once it is over).

    ``output`` is the file (one portal) or the directory (``all``); by default the
    current directory with ``bao-cao-<slug>-<period>.<format>``. Raises ValidationError
    with a message for the user on a bad portal, period or format.
    """
    parsed = period_parse(period)
    cut_off = as_of_parse(as_of)
    if fmt not in FORMATS:
        raise ValidationError(MESSAGE_FORMAT_UNKNOWN, params={"format": fmt, "formats": ", ".join(FORMATS)})
    units = units_reporting(slug=portal)
    if not units:
        raise ValidationError(MESSAGE_PORTAL_UNKNOWN, params={"slug": portal})
    written = []
    many = portal == "all"
    directory = Path(output) if (many and output) else Path(".")
    if many:
        directory.mkdir(parents=True, exist_ok=True)
    for unit in (progress(units) if progress else units):
        report = report_build(unit=unit, period=parsed, as_of=cut_off)
        path = Path(output) if (output and not many) else directory / report_filename(report, fmt)
        path.write_bytes(report_render(report, fmt))
        written.append(path)
    return written


# --- Frozen reports (Điều 15.3) ------------------------------------------------------


MESSAGE_FROZEN_UNKNOWN = _("There is no frozen report %(id)s.")


def report_freeze(*, unit, period: str, as_of: datetime.date | None = None, user=None):
    """Store the report of ``unit`` for ``period`` as submitted: its JSON (figures and the
    ids behind them) byte for byte, with its SHA-256, to be downloaded later unchanged."""
    import hashlib

    from compliance.exports import report_json
    from compliance.models import FrozenReport

    report = report_build(unit=unit, period=period_parse(period), as_of=as_of)
    content = report_json(report)
    return FrozenReport.objects.create(
        unit=unit, period=report.period.code, as_of=report.as_of, content=content,
        sha256=hashlib.sha256(content).hexdigest(), frozen_by=user,
    )


def frozen_report_get(*, frozen_id) -> FrozenReport:
    from compliance.models import FrozenReport

    frozen = FrozenReport.objects.select_related("unit").filter(pk=frozen_id).first()
    if frozen is None:
        raise ValidationError(MESSAGE_FROZEN_UNKNOWN, params={"id": frozen_id})
    return frozen


def frozen_report_diff(*, frozen) -> list[dict]:
    """What changed since ``frozen`` was submitted: the report recomputed with the same
    cut-off, compared figure by figure (table 1 of every unit in it, and table 2).

    One entry per differing figure: where (``unit``, ``table``, ``line``, ``column``),
    the frozen and the current value, and for table 1 the refs added and removed.
    """
    import json

    from compliance.exports import report_json_data

    stored = json.loads(bytes(frozen.content))
    current = report_json_data(report_build(unit=frozen.unit, period=period_parse(frozen.period), as_of=frozen.as_of))
    old, new = _figures_flat(stored), _figures_flat(current)
    changes = []
    for key in sorted(set(old) | set(new)):
        (old_value, old_refs), (new_value, new_refs) = old.get(key, (None, [])), new.get(key, (None, []))
        if old_value == new_value and old_refs == new_refs:
            continue
        unit, table, line, column = key
        changes.append({
            "unit": unit, "table": table, "line": line, "column": column, "frozen": old_value, "current": new_value,
            "added": sorted(set(new_refs) - set(old_refs)), "removed": sorted(set(old_refs) - set(new_refs)),
        })
    return changes


def _figures_flat(data: dict) -> dict:
    """(unit slug, table, line key, column) → (figure, refs) over a report's JSON."""
    from compliance.report_form import TABLE1_COLUMNS, TABLE2_COLUMNS

    flat = {}
    seen: set[str] = set()

    def walk(part: dict, slug: str):
        seen.add(slug)
        for table, rows in (("table1", part.get("table1", [])), ("own_portal", part.get("own_portal", []))):
            for row in rows:
                for column in TABLE1_COLUMNS:
                    refs = [ref["ref"] for ref in row.get("items", {}).get(column, [])]
                    flat[(slug, table, row["key"], column)] = (row[column], refs)
        for child in part.get("breakdown", []):
            # A unit that changed parent in the period is in the tree under each parent
            # (issue #21): its second place is told apart by the parent's slug.
            child_slug = child["unit"]["slug"]
            walk(child, f"{slug}/{child_slug}" if child_slug in seen else child_slug)

    walk(data, data["unit"]["slug"])
    for row in data.get("table2", []):
        for column in TABLE2_COLUMNS:
            flat[(data["unit"]["slug"], "table2", row["unit"] or "total", column)] = (row[column], [])
    return flat
