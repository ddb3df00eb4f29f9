"""What the Điều 15 report tests share: the period, dates, the scenario's shape, table 1's
figures as (on time, overdue, count) per line, and a petition answered at a moment."""

import datetime
from dataclasses import dataclass, field

from wagtail.models import Page

from compliance.periods import period_parse
from compliance.report_form import NOT_APPLICABLE_NOTE
from qa.models import Petition, PetitionStatus
from tests.cms import factories as f

H1 = period_parse("2026-H1")
NA = "n/a"  # the line is "không áp dụng" for the unit's kind


def d(month, day, year=2026) -> datetime.date:
    return datetime.date(year, month, day)


@dataclass
class Scenario:
    portals: f.Portals
    pages: dict[str, Page] = field(default_factory=dict)
    petitions: dict[str, Petition] = field(default_factory=dict)

    @property
    def units(self):
        return self.portals.units


def figures(rows) -> dict:
    """Line key → (on time, overdue, count), or NA; ``rows``: a table's rows or the table."""
    result = {}
    for row in getattr(rows, "rows", rows):
        if not row.applicable:
            assert row.note == NOT_APPLICABLE_NOTE
            result[row.line.key] = NA
        else:
            result[row.line.key] = tuple(row.value(c) for c in ("on_time", "overdue", "count"))
    return result


def answered(petition, when) -> None:
    Petition.objects.filter(pk=petition.pk).update(
        status=PetitionStatus.ANSWERED, answer="Trả lời.", answered_by_name="Chủ tịch", answered_at=when
    )
