"""Report (or, with --sync, update) the Vietnamese catalogs of Wagtail and wagtail-localize.

After a package upgrade: ``manage.py package_catalogs --sync`` adds the new messages to
``locale/<module>/vi/``; translate them, then ``compilemessages``.
"""

from django.core.management.base import BaseCommand

from vietnamese.catalogs import catalog_missing, catalog_sync, package_catalogs, template_entries


class Command(BaseCommand):
    help = "Count translated messages per package catalog; --sync adds new package messages."

    def add_arguments(self, parser):
        parser.add_argument("--sync", action="store_true", help="add new messages from the packages")

    def handle(self, *args, sync=False, **options):
        total = done = 0
        for catalog in package_catalogs():
            if sync:
                catalog_sync(catalog)
            count = len(template_entries(catalog))
            translated = count - len(catalog_missing(catalog))
            total += count
            done += translated
            self.stdout.write(f"{catalog.module:28} {catalog.domain:9} {translated:5}/{count:5}")
        self.stdout.write(f"{'total':38} {done:5}/{total:5}")
