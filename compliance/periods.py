"""Reporting periods (Điều 15.4: half-yearly and yearly): ``2026-H1``, ``2026-H2``, ``2026``."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PERIOD_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?P<half>H[12]))?$")
MESSAGE_PERIOD_INVALID = _("'%(value)s' is not a reporting period: use YEAR-H1, YEAR-H2 or YEAR (e.g. 2026-H1).")

# The period as the report form's "(Kỳ báo cáo: …)" line says it.
PERIOD_LABELS = {"H1": "6 tháng đầu năm {year}", "H2": "6 tháng cuối năm {year}", "": "năm {year}"}


@dataclass(frozen=True)
class Period:
    code: str
    start: datetime.date
    end: datetime.date  # inclusive

    @property
    def label(self) -> str:
        half = self.code[5:] if "-" in self.code else ""
        return PERIOD_LABELS[half].format(year=self.start.year)

    def __str__(self) -> str:
        return self.code


def period_parse(value: str) -> Period:
    """``2026-H1`` → 1 January–30 June 2026; raises ValidationError with a clear message."""
    match = PERIOD_PATTERN.match((value or "").strip().upper())
    year = int(match["year"]) if match else 0
    if not match or not 2000 <= year <= 2100:
        raise ValidationError(MESSAGE_PERIOD_INVALID, code="period", params={"value": value})
    half = match["half"]
    start = datetime.date(year, 7 if half == "H2" else 1, 1)
    end = datetime.date(year, 6, 30) if half == "H1" else datetime.date(year, 12, 31)
    return Period(match.group(0), start, end)


def validate_period(value: str) -> None:
    period_parse(value)


def period_current(today: datetime.date) -> Period:
    return period_parse(f"{today.year}-H{1 if today.month <= 6 else 2}")
