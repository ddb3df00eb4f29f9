"""Run the reorganisation plans whose effective date has come (issue #21).

``reorganise_units`` stores a plan dated in the future; this command, run daily from
cron (docs/deploy.md), archives the predecessors, ends their boards' grants, hands
their questions in flight over, carries their sections with redirects, and applies the
plan's renames and moves, on the date. Idempotent: a plan runs once.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from reorganisation.models import Reorganisation, ReorganisationStatus
from reorganisation.plan import PlanRefused, plan_parse
from reorganisation.services import plan_describe, plan_steps, plans_apply_due, plans_due


class Command(BaseCommand):
    help = "Apply the scheduled reorganisation plans whose effective date has come; --dry-run lists what is scheduled."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list the scheduled plans, change nothing")
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None,
                            help="run as on this date (YYYY-MM-DD) instead of today")
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args, dry_run=False, today=None, no_progress=False, **options):
        today = today or timezone.localdate()
        if dry_run:
            scheduled = Reorganisation.objects.filter(status=ReorganisationStatus.SCHEDULED).order_by("effective_date", "pk")
            if not scheduled:
                self.stdout.write(_("No reorganisation is scheduled."))
            for record in scheduled:
                due = _("due now") if record.effective_date <= today else _("waits")
                self.stdout.write(f"[{due}] " + "\n  ".join(plan_describe(plan_parse(record.plan_text, name=record.plan_name))))
            self.stdout.write(_("Dry run: nothing was changed."))
            return
        total = sum(plan_steps(plan_parse(r.plan_text)) for r in plans_due(today=today))
        bar = tqdm(total=total, unit="unit", file=self.stderr, disable=no_progress or None, leave=False)
        try:
            done = plans_apply_due(today=today, progress=lambda slug: bar.update(1))
        except PlanRefused as exc:
            raise CommandError(_("A scheduled plan no longer fits the units: refused, nothing of it was changed\n%s") % exc) from exc
        finally:
            bar.close()
        if not done:
            self.stdout.write(_("No reorganisation is due."))
        for record, summary in done:
            self.stdout.write(self.style.SUCCESS(
                _("Applied %(basis)s: ") % {"basis": record.legal_basis}
                + ", ".join(f"{name}: {count}" for name, count in summary.items())
            ))
