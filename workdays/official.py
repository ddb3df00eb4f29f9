"""Official calendar decisions shipped with the platform (workdays/data/).

The Government decides each year which weekdays around a holiday are swapped for a
Saturday of work. Those the ``holidays`` package does not know are kept in a small
data file so every installation gets them without anyone typing them in.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import yaml

OFFICIAL_DECISIONS_FILE = Path(__file__).resolve().parent / "data" / "official_decisions.yaml"


@dataclass(frozen=True)
class OfficialDay:
    date: datetime.date
    kind: str
    note: str


def official_days_read(path: Path = OFFICIAL_DECISIONS_FILE) -> list[OfficialDay]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    days = []
    for decision in data.get("decisions", []):
        note = f"{decision['title']} ({decision['reference']})"[:255]
        for day in decision["days"]:
            days.append(OfficialDay(date=day["date"], kind=day["kind"], note=note))
    return days


def official_days_load(*, model=None, path: Path = OFFICIAL_DECISIONS_FILE) -> int:
    """Create the missing official rows; returns how many were created.

    ``model`` lets a data migration pass its historical model. Existing dates are
    never changed: an administrator's correction wins over the shipped file.
    """
    if model is None:
        from workdays.models import CalendarException as model
    days = official_days_read(path)
    existing = set(model.objects.filter(date__in=[d.date for d in days]).values_list("date", flat=True))
    missing = [model(date=d.date, kind=d.kind, note=d.note, source="official") for d in days if d.date not in existing]
    model.objects.bulk_create(missing)
    return len(missing)
