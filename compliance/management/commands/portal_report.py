"""``portal_report``: write the Điều 15 report of one portal (or every portal) for a period."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from compliance.exports import FORMATS
from compliance.services import report_files_write


class Command(BaseCommand):
    help = "Write the report on information provision (Decision 96, Điều 15 and its Appendix)."

    def add_arguments(self, parser):
        parser.add_argument("--portal", required=True, help="unit slug, or 'all' for one file per portal")
        parser.add_argument("--period", required=True, help="2026-H1, 2026-H2 or 2026")
        parser.add_argument("--format", default="xlsx", choices=FORMATS)
        parser.add_argument("--as-of", dest="as_of",
                            help="data cut-off, YYYY-MM-DD (Điều 15.3); default: the period's last day once it is over")
        parser.add_argument("--output", help="file (one portal) or directory ('all'); default: current directory")

    def handle(self, *args, portal, period, format, output, as_of=None, **options):
        def progress(units):
            return tqdm(units, desc="portal_report", unit="portal", disable=len(units) < 2, file=self.stderr)

        try:
            paths = report_files_write(portal=portal, period=period, fmt=format, output=output, progress=progress,
                                       as_of=as_of)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for path in paths:
            self.stdout.write(str(path))
