"""Print which mandated items (Điều 8) each portal carries, for the boards' audit (Điều 11.3.e)."""

import json

from django.core.management.base import BaseCommand, CommandError

from cms.coverage import coverage_by_portal, mandate_coverage, portal_units


class Command(BaseCommand):
    help = "Live pages and last update per portal and mandated item; items with none are MISSING."

    def add_arguments(self, parser):
        parser.add_argument("--portal", action="append", metavar="SLUG", help="only this portal (repeatable)")
        parser.add_argument("--json", action="store_true", help="print a JSON list instead of a table")

    def handle(self, *args, portal=None, json=False, **options):
        # The audit is a few aggregate queries for every portal at once: there is no
        # per-portal loop to show a progress bar for.
        units = portal_units()
        if portal:
            units = [unit for unit in units if unit.slug in portal]
            unknown = sorted(set(portal) - {unit.slug for unit in units})
            if unknown:
                raise CommandError(f"unknown portal: {', '.join(unknown)}")
        coverage = mandate_coverage(units=units)
        if json:
            self.stdout.write(_json_dumps([row.as_dict() for row in coverage]))
            return
        for unit, rows in coverage_by_portal(coverage):
            missing = sum(row.is_missing for row in rows)
            self.stdout.write(self.style.MIGRATE_HEADING(f"{unit.slug} – {unit.name} ({missing} missing)"))
            for row in rows:
                line = (f"  {row.item.key:<6} {str(row.item.label):<45} {row.live_pages:>5}  "
                        f"{row.last_updated.isoformat() if row.last_updated else '-':<10}")
                self.stdout.write(self.style.ERROR(line + "  MISSING") if row.is_missing else line)


def _json_dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
