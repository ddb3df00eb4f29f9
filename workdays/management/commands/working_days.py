"""Ask the working-day calendar: ``working_days add DATE N``, ``working_days between A B``."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from workdays.calendar import working_days_add, working_days_between
from workdays.official import official_days_load


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{value!r} is not an ISO date (YYYY-MM-DD)") from exc


class Command(BaseCommand):
    help = "Working-day arithmetic (Mon–Fri minus Vietnamese holidays, plus make-up days)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="print the date N working days after DATE")
        add.add_argument("date")
        add.add_argument("n", type=int)
        between = sub.add_parser("between", help="print the working days after DATE1 up to DATE2")
        between.add_argument("start")
        between.add_argument("end")
        sub.add_parser("load-official", help="add official decisions shipped in workdays/data/")

    def handle(self, *args, action, **options):
        if action == "add":
            if options["n"] < 0:
                raise CommandError("N must be zero or more")
            self.stdout.write(working_days_add(iso_date(options["date"]), options["n"]).isoformat())
        elif action == "between":
            self.stdout.write(str(working_days_between(iso_date(options["start"]), iso_date(options["end"]))))
        else:
            self.stdout.write(f"{official_days_load()} official calendar exceptions added")
