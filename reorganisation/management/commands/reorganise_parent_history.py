"""Derive the parent history of plans applied before it was recorded (issue #21):
``reorganisation.parent_history``. Idempotent; ``--dry-run`` lists, writes nothing."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from reorganisation.parent_history import parent_history_backfill


class Command(BaseCommand):
    help = "Add the missing changes of parent unit from the stored applied reorganisation plans."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list the rows it would add, change nothing")

    def handle(self, *args, dry_run=False, **options):
        result = parent_history_backfill(dry_run=dry_run)
        for slug, old, new, day in result.created:
            self.stdout.write(_("%(unit)s: %(old)s → %(new)s from %(date)s") % {
                "unit": slug, "old": old, "new": new, "date": day})
        for slug, plan in result.unresolved:
            self.stdout.write(self.style.WARNING(
                _("%(unit)s: the former parent unit cannot be told from the plan %(plan)s; add it by hand") % {
                    "unit": slug, "plan": plan}))
        summary = _("%(count)s changes of parent unit added.") % {"count": len(result.created)}
        if dry_run:
            summary = _("Dry run: %(count)s changes of parent unit would be added; nothing was changed.") % {
                "count": len(result.created)}
        self.stdout.write(summary)
