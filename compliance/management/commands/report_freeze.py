"""``report_freeze``: freeze a submitted Điều 15 report, download a frozen one unchanged,
or compare it with a recomputation (Điều 15.3, issue #20)."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from compliance.selectors import units_by_slug
from compliance.services import (
    MESSAGE_PORTAL_UNKNOWN,
    as_of_parse,
    frozen_report_diff,
    frozen_report_get,
    report_freeze,
)


class Command(BaseCommand):
    help = "Freeze a submitted report (--portal, --period), or --download / --diff a frozen one by its id."

    def add_arguments(self, parser):
        parser.add_argument("--portal", help="unit slug of the report to freeze")
        parser.add_argument("--period", help="2026-H1, 2026-H2 or 2026")
        parser.add_argument("--as-of", dest="as_of", help="data cut-off, YYYY-MM-DD; default: the period's last day")
        parser.add_argument("--download", type=int, metavar="ID", help="write frozen report ID as it was stored")
        parser.add_argument("--diff", type=int, metavar="ID", help="compare frozen report ID with a recomputation")
        parser.add_argument("--output", help="file for --download (default: bao-cao-<slug>-<period>-<id>.json)")

    def handle(self, *args, portal=None, period=None, as_of=None, download=None, diff=None, output=None, **options):
        try:
            if download is not None:
                frozen = frozen_report_get(frozen_id=download)
                path = Path(output or f"bao-cao-{frozen.unit.slug}-{frozen.period}-{frozen.pk}.json")
                path.write_bytes(bytes(frozen.content))
                self.stdout.write(str(path))
            elif diff is not None:
                changes = frozen_report_diff(frozen=frozen_report_get(frozen_id=diff))
                self.stdout.write(json.dumps(changes, ensure_ascii=False, indent=1))
            else:
                if not portal or not period:
                    raise CommandError("Give --portal and --period to freeze, or --download/--diff ID.")
                unit = units_by_slug(slug=portal)
                if unit is None:
                    raise ValidationError(MESSAGE_PORTAL_UNKNOWN, params={"slug": portal})
                frozen = report_freeze(unit=unit, period=period, as_of=as_of_parse(as_of))
                self.stdout.write(f"{frozen.pk} {frozen.sha256}")
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
