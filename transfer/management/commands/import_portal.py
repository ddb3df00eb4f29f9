"""``python manage.py import_portal FILE [--replace]``: one portal back from a zip."""

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

    def handle(self, *args, file, replace, **options):
        try:
            manifest = archive_manifest(path=file)
            with tqdm(total=portal_import_count(manifest=manifest), unit="item", disable=options["verbosity"] == 0) as bar:
                unit = portal_import(path=file, replace=replace, progress=bar.update)
        except PortalTransferError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{unit.slug}: portal at {unit.site.hostname} restored")
