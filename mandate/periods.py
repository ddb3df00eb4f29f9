"""Reporting periods (Điều 15.4: half-yearly and yearly): ``2026-H1``, ``2026-H2``, ``2026``.

A half-year ends on the day ``settings.COMPLIANCE_HALF_YEAR_ENDS`` gives (30 June and
31 December by default; 14 June and 14 December where the province's reporting rules
cut the data off there, so 2026-H1 is then 15 December 2025 – 14 June 2026).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
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
    (h1_month, h1_day), (h2_month, h2_day) = settings.COMPLIANCE_HALF_YEAR_ENDS
    h1_end, h2_end = datetime.date(year, h1_month, h1_day), datetime.date(year, h2_month, h2_day)
    previous_end = datetime.date(year - 1, h2_month, h2_day)
    start = (h1_end if half == "H2" else previous_end) + datetime.timedelta(days=1)
    end = h1_end if half == "H1" else h2_end
    return Period(match.group(0), start, end)


def period_current(today: datetime.date) -> Period:
    """The half-year ``today`` falls in (the next year's H1 after the H2 cut-off)."""
    for code in (f"{today.year}-H1", f"{today.year}-H2", f"{today.year + 1}-H1"):
        period = period_parse(code)
        if period.start <= today <= period.end:
            return period
    return period_parse(f"{today.year}-H2")
