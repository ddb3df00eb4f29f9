"""Daily: e-mail each agency's board the petitions past their answer deadline (Điều 13)."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from qa.selectors import petitions_overdue
from qa.services import petition_reminders_send


class Command(BaseCommand):
    help = "E-mail each agency's editorial board about its overdue petitions and print a summary."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args, no_progress=False, **options):
        agencies = petitions_overdue().order_by().values("agency").distinct().count()
        bar = tqdm(total=agencies, unit="agency", file=self.stderr, disable=no_progress or None, leave=False)
        try:
            summary = petition_reminders_send(progress=lambda slug: bar.update(1))
        finally:
            bar.close()
        for slug, count in sorted(summary.sent.items()):
            self.stdout.write(f"{slug}: {count} overdue, reminder sent")
        for slug, count in sorted(summary.failed.items()):
            self.stdout.write(self.style.WARNING(f"{slug}: {count} overdue, NOT sent (no board e-mail or mail error)"))
        self.stdout.write(
            self.style.SUCCESS(
                f"{summary.total} overdue petitions at {len(summary.sent) + len(summary.failed)} agencies; "
                f"{len(summary.sent)} reminders sent, {len(summary.failed)} failed"
            )
        )
