"""Give every page with a Unicode slug its folded ASCII slug (issue #17 item 6)."""

from django.core.management.base import BaseCommand

from cms.models.slugs import page_slugs_fold


class Command(BaseCommand):
    help = "Fold Unicode page slugs to ASCII (đ -> d); old addresses keep working by redirect."

    def handle(self, *args, **options):
        self.stdout.write(f"{page_slugs_fold()} page slugs folded.")
