"""Print table 2 of the Appendix (Q&A per receiving agency) for one month."""

import calendar
import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from qa.selectors import QATableRow, qa_table


def month_bounds(value: str) -> tuple[datetime.date, datetime.date]:
    try:
        year, month = (int(part) for part in value.split("-"))
        start = datetime.date(year, month, 1)
    except ValueError as exc:
        raise CommandError(f"{value!r} is not a month (YYYY-MM)") from exc
    return start, start.replace(day=calendar.monthrange(year, month)[1])


class Command(BaseCommand):
    help = "Print table 2 of the report (Q&A per agency) for the petitions received in a month."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="YYYY-MM")
        parser.add_argument("--as-of", help="count answers given until this date (YYYY-MM-DD; default today)")

    def handle(self, *args, month, as_of=None, **options):
        start, end = month_bounds(month)
        as_of_date = datetime.date.fromisoformat(as_of) if as_of else None
        rows = qa_table(start=start, end=end, as_of=as_of_date)
        with translation.override(settings.LANGUAGE_CODE):
            headers = [
                _("Agency"),
                _("Total received"),
                _("Answered on time"),
                _("Answered overdue"),
                _("Unanswered, not yet due"),
                _("Unanswered, overdue"),
            ]
            lines = [headers] + [self.cells(row) for row in rows]
        widths = [max(len(line[i]) for line in lines) for i in range(len(headers))]
        for index, line in enumerate(lines):
            self.stdout.write(
                " | ".join(
                    cell.ljust(width) if i == 0 else cell.rjust(width)
                    for i, (cell, width) in enumerate(zip(line, widths, strict=True))
                )
            )
            if index == 0 or index == len(lines) - 2:
                self.stdout.write("-+-".join("-" * width for width in widths))

    def cells(self, row: QATableRow) -> list[str]:
        label = _("Total") if row.is_total else row.unit.name
        return [label] + [str(getattr(row, column)) for column in QATableRow.COLUMNS]
