"""``python manage.py export_portal SLUG [--output FILE]``: one portal into a zip."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _
from tqdm import tqdm

from transfer.records import owned
from transfer.services import PortalTransferError, portal_export, portal_export_count

SUBMISSIONS = _("%(petitions)s petitions, %(comments)s consultation comments, %(responses)s survey responses")
RECORDS = _(
    "%(sources)s translation sources, %(tasks)s translation tasks, %(compliance)s compliance records, "
    "%(history)s history entries"
)


class Command(BaseCommand):
    help = (
        "Export one portal (pages with revisions, images, documents, the public's submissions, the English "
        "mirror's translation work, translation tasks, compliance records, page and media history) into a zip archive."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the unit's slug")
        parser.add_argument("--output", type=Path, help="archive to write (default: portal-<slug>.zip)")

    def handle(self, *args, slug, output, **options):
        output = output or Path(f"portal-{slug}.zip")
        try:
            with tqdm(total=portal_export_count(unit_slug=slug), unit="item", disable=options["verbosity"] == 0) as bar:
                manifest = portal_export(unit_slug=slug, output=output, progress=bar.update)
        except PortalTransferError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{output}: {len(manifest['pages'])} pages, {len(manifest['images'])} images, "
            f"{len(manifest['documents'])} documents, "
            + str(SUBMISSIONS) % {key: len(manifest["submissions"][key]) for key in ("petitions", "comments", "responses")}
        )
        records = manifest["records"]
        self.stdout.write(str(RECORDS) % {
            "sources": sum(len(entry["sources"]) for entry in records["localize"]),
            "tasks": len(records["tasks"]),
            "compliance": sum(len(records[kind.key]) for kind in owned()),
            "history": len(records["page_log"]) + len(records["media_log"]),
        })
