"""``python manage.py import_portal FILE [--replace] [--into SLUG]``: one portal from a zip.

Pages, revisions, images and documents get new ids, so the archive can go into any
database; ``--into`` imports a copy into another (existing) unit. The public's
submissions come back with the portal, except into a copy (``transfer.submissions``).
So do the English mirror's translation work, translation tasks, compliance records and
page and media history (``transfer.records``); a copy takes only the translation work,
without who translated: tasks, compliance records and history are the original unit's.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _
from tqdm import tqdm

from transfer.services import PortalTransferError, archive_manifest, portal_import, portal_import_count
from transfer.summary import ImportSummary

SUMMARY = _(
    "Submissions: %(petitions)s petitions restored, %(petitions_kept)s already here and kept; "
    "%(comments)s consultation comments, %(responses)s survey responses."
)
NOT_COPIED = _(
    "%(count)s submissions of the archive were not copied: they are personal data addressed to the original unit."
)
RECORDS = _(
    "Records: %(sources)s translation sources, %(strings)s translated strings, %(tasks)s translation tasks, "
    "%(compliance)s compliance records, %(history)s history entries, %(review)s review comments, "
    "%(moderation)s moderation states restored; %(kept)s already here and kept."
)
RECORDS_NOT_COPIED = _(
    "%(count)s translation tasks, compliance records, history entries, review comments and moderation states of "
    "the archive were not copied: they belong to the original unit."
)
RECORDS_SKIPPED = _("%(count)s records were skipped: the unit or page they belong to does not exist here.")


class Command(BaseCommand):
    help = "Import one portal exported by export_portal, under the provincial root."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--replace", action="store_true", help="delete that portal's pages and media first, if it exists"
        )
        parser.add_argument(
            "--into", metavar="SLUG",
            help="import a copy into this other, existing unit (e.g. while the original exists); the copy takes the "
            "English mirror's translation work but no submissions, translation tasks, compliance records or history",
        )

    def handle(self, *args, file, replace, into=None, **options):
        try:
            manifest = archive_manifest(path=file)
            with tqdm(total=portal_import_count(manifest=manifest), unit="item", disable=options["verbosity"] == 0) as bar:
                summary = ImportSummary()
                unit = portal_import(path=file, replace=replace, into=into, progress=bar.update, summary=summary)
        except PortalTransferError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{unit.slug}: portal at {unit.site.hostname} imported")
        done, kept = summary.submissions, summary.records
        self.stdout.write(
            str(SUMMARY) % {
                "petitions": done.petitions.created, "petitions_kept": done.petitions.kept,
                "comments": done.comments.created + done.comments.kept,
                "responses": done.responses.created + done.responses.kept,
            }
        )
        if done.not_copied:
            self.stdout.write(str(NOT_COPIED) % {"count": done.not_copied})
        self.stdout.write(str(RECORDS) % {
            "sources": kept.localize_sources.created, "strings": kept.localize_strings.created,
            "tasks": kept.tasks.created, "compliance": sum(tally.created for tally in kept.owned.values()),
            "history": kept.page_log.created + kept.media_log.created,
            "review": kept.comments.created, "moderation": kept.workflow_states.created, "kept": kept.kept,
        })
        if kept.not_copied:
            self.stdout.write(str(RECORDS_NOT_COPIED) % {"count": kept.not_copied})
        if kept.skipped:
            self.stdout.write(str(RECORDS_SKIPPED) % {"count": kept.skipped})
