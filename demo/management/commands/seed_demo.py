"""Provision the demo province (Bắc Ninh, 2021 structure) and demo accounts."""

from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from demo.cms import cms_demo_seed
from demo.compliance import compliance_demo_seed
from demo.consultations import consultations_demo_seed
from demo.opendata import opendata_demo_seed
from demo.qa import qa_demo_seed
from demo.surveys import surveys_demo_seed
from demo.tenants import DEMO_PASSWORD_ENV, demo_accounts_ensure
from demo.translations import translations_demo_seed
from tenants.management.commands.provision_portals import provision_file
from tenants.models import Unit

# The units of the demo province are provisioning data, kept with tenants.
DEMO_FILE = Path(__file__).resolve().parents[3] / "tenants" / "data" / "bacninh_2021.yaml"


class Command(BaseCommand):
    help = "Provision every demo portal of Bắc Ninh and the demo admin and editor accounts."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--no-accounts", action="store_true", help="skip demo accounts")
        parser.add_argument(
            "--if-empty", action="store_true", help="only when the database has no portal yet (scripts/run)"
        )
        parser.add_argument(
            "--province", choices=("2021", "2025"), default="2021",
            help="2025: then apply the demo reorganisation plan (issue #21): no district level",
        )

    def handle(self, *args, no_progress=False, no_accounts=False, if_empty=False, province="2021", **options):
        if if_empty and Unit.objects.exists():
            self.stdout.write(_("The database already has portals: the demo is not loaded again "
                                "(run 'python manage.py seed_demo' to refresh it)."))
            return
        result = provision_file(DEMO_FILE, stdout=self.stdout, stderr=self.stderr, progress=not no_progress)
        total = len(result.created) + len(result.updated) + len(result.unchanged)
        self.stdout.write(self.style.SUCCESS(f"Demo province: {total} portals ({len(result.created)} new)."))
        self.stdout.write(f"Demo content: {cms_demo_seed()} pages published.")
        # Issue #7 item 6: dates over 2026-H1 and H2, some late, and republications (row 14).
        self.stdout.write(f"Compliance demo: {compliance_demo_seed()} articles dated over 2026.")
        self.stdout.write(f"English mirror demo: {translations_demo_seed()}.")
        self.stdout.write(f"Q&A demo: {qa_demo_seed()} petitions created.")
        self.stdout.write(f"Survey demo: {surveys_demo_seed()} responses created.")
        self.stdout.write(f"Consultation comments demo: {consultations_demo_seed()} comments created.")
        self.stdout.write(f"Open data demo: {opendata_demo_seed()} datasets created.")
        if province == "2025":
            self._reorganise_2025(no_progress=no_progress)
        if no_accounts:
            return
        accounts, password = demo_accounts_ensure()
        self.stdout.write(
            f"Demo accounts (password: {password}, set {DEMO_PASSWORD_ENV} to change): "
            + ", ".join(accounts)
        )

    def _reorganise_2025(self, *, no_progress: bool) -> None:
        """Issue #21: the post-reform province is the 2021 demo with the demo plan applied
        (called by name: the reorganisation app sits above this one)."""
        if Unit.objects.filter(slug="tiendu", archived_on__isnull=False).exists():
            self.stdout.write("Demo reorganisation of 2025 already applied.")
            return
        plan = Path(apps.get_app_config("reorganisation").path) / "data" / "bacninh_2025_demo.yaml"
        extra = ["--no-progress"] if no_progress else []
        call_command("reorganise_units", str(plan), *extra, stdout=self.stdout, stderr=self.stderr)
