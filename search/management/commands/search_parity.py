"""Report pages missing from or stale in the search engine's index; --repair fixes them."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search.parity import index_parity, index_repair


class Command(BaseCommand):
    help = "Compare the search index with the database (issue #4); --repair re-indexes the difference."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="re-index missing/stale pages, replay the queue")

    def handle(self, *args, repair=False, verbosity=1, **options):
        def progress(iterable, **kwargs):
            return tqdm(iterable, disable=verbosity < 1, file=self.stderr, **kwargs)

        report = index_parity(progress=progress)
        self.stdout.write(
            f"checked {report.checked}: missing {len(report.missing)}, stale {len(report.stale)}, "
            f"extra {len(report.extra)}, queued updates {report.pending}"
        )
        if repair and not report.in_step:
            fixed = index_repair(report, progress=progress)
            self.stdout.write(self.style.SUCCESS(f"repaired {fixed}"))
