"""Cron or worker: (re)send to the document-management system every petition due (docs/DMS.md)."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from qa.dms import dms_deliveries_due, dms_deliveries_send_due, dms_enabled


class Command(BaseCommand):
    help = "Send the accepted petitions whose hand-over to the DMS is due, and print a summary."

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry-given-up",
            action="store_true",
            help="first make the deliveries that ran out of attempts due again (once the DMS is fixed)",
        )
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args, retry_given_up=False, no_progress=False, **options):
        if not dms_enabled():
            raise CommandError("DMS_WEBHOOK_URL is not set: there is no document-management system to send to.")
        due = dms_deliveries_due().count()
        bar = tqdm(total=due, unit="petition", file=self.stderr, disable=no_progress or None, leave=False)
        try:
            run = dms_deliveries_send_due(retry_given_up=retry_given_up, progress=lambda code: bar.update(1))
        finally:
            bar.close()
        for code in run.failed:
            self.stdout.write(self.style.WARNING(f"{code}: not delivered, will retry"))
        self.stdout.write(self.style.SUCCESS(f"{len(run.delivered)} delivered, {len(run.failed)} failed"))
