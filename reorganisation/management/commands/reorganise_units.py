"""Apply a reorganisation plan: merges, renames, moves, retirements, splits (issue #21)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from reorganisation.plan import PlanRefused, plan_read, plan_validate
from reorganisation.services import plan_apply, plan_describe, plan_describe_schedule, plan_steps


class Command(BaseCommand):
    help = "Apply the reorganisation plan PLAN (YAML) atomically; --dry-run only says what it would do."

    def add_arguments(self, parser):
        parser.add_argument("plan")
        parser.add_argument("--dry-run", action="store_true", help="check the plan and print what it would do")
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args, plan, dry_run=False, no_progress=False, **options):
        path = plan
        try:
            plan = plan_read(path)
            if dry_run:
                errors = plan_validate(plan)
                if errors:
                    raise PlanRefused(errors)
                for line in plan_describe(plan) + plan_describe_schedule(plan):
                    self.stdout.write(line)
                self.stdout.write(_("Dry run: nothing was changed."))
                return
            bar = tqdm(total=plan_steps(plan), unit="unit", file=self.stderr, disable=no_progress or None, leave=False)
            try:
                summary = plan_apply(plan, progress=lambda slug: bar.update(1))
            finally:
                bar.close()
        except FileNotFoundError as exc:
            raise CommandError(_("%s: file not found") % path) from exc
        except PlanRefused as exc:
            raise CommandError(_("%(path)s: refused, nothing was changed\n%(errors)s") % {"path": path, "errors": exc}) from exc
        if "scheduled" in summary:
            for line in plan_describe_schedule(plan)[:1]:
                self.stdout.write(line)
            self.stdout.write(self.style.SUCCESS(
                _("Scheduled %(basis)s for %(date)s: ") % {"basis": plan.legal_basis, "date": plan.effective_date.strftime("%d/%m/%Y")}
                + ", ".join(f"{name}: {count}" for name, count in summary.items())
            ))
            return
        self.stdout.write(self.style.SUCCESS(
            _("Applied %(basis)s: ") % {"basis": plan.legal_basis}
            + ", ".join(f"{name}: {count}" for name, count in summary.items())
        ))
