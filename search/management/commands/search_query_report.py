"""The week's most frequent and zero-result queries per portal (issue 18 item 5).

    python manage.py search_query_report [--week 2026-11-30] [--portal sotuphap] [--limit 20]

Without ``--week``: the previous full week. ``--portal ""`` is the searches across all
portals. Only counts are stored (``search.SearchQueryStat``), nothing about visitors.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from search.services import week_of, weekly_query_report


class Command(BaseCommand):
    help = "Most frequent and zero-result search queries of a week, per portal"

    def add_arguments(self, parser):
        parser.add_argument("--week", type=datetime.date.fromisoformat, help="any day of the week (YYYY-MM-DD)")
        parser.add_argument("--portal", help="unit slug; empty string: searches across all portals")
        parser.add_argument("--limit", type=int, default=20)

    def handle(self, *args, week=None, portal=None, limit=20, **options):
        week = week_of(week or timezone.localdate() - datetime.timedelta(days=7))
        reports = weekly_query_report(week=week, portal=portal, limit=limit)
        if not reports:
            self.stdout.write(f"No searches recorded in the week of {week}.")
        for report in reports:
            self.stdout.write(f"== {report.portal or '(all portals)'} — week of {report.week}")
            self.stdout.write("most frequent:")
            for query, count in report.frequent:
                self.stdout.write(f"  {count:>6}  {query}")
            self.stdout.write("without results:")
            for query, count in report.zero_results:
                self.stdout.write(f"  {count:>6}  {query}")
