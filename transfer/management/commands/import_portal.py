"""``python manage.py import_portal FILE [--replace] [--into SLUG]``: one portal from a zip.

Pages, revisions, images and documents get new ids, so the archive can go into any
database; ``--into`` imports a copy into another (existing) unit.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from transfer.services import PortalTransferError, archive_manifest, portal_import, portal_import_count


class Command(BaseCommand):
    help = "Import one portal exported by export_portal, under the provincial root."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--replace", action="store_true", help="delete that portal's pages and media first, if it exists"
        )
        parser.add_argument(
            "--into", metavar="SLUG", help="import a copy into this other, existing unit (e.g. while the original exists)"
        )

    def handle(self, *args, file, replace, into=None, **options):
        try:
            manifest = archive_manifest(path=file)
            with tqdm(total=portal_import_count(manifest=manifest), unit="item", disable=options["verbosity"] == 0) as bar:
                unit = portal_import(path=file, replace=replace, into=into, progress=bar.update)
        except PortalTransferError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{unit.slug}: portal at {unit.site.hostname} imported")
