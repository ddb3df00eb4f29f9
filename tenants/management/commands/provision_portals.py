"""Create or update units and their portals from a YAML or CSV file."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from tenants.provisioning import ProvisioningError, portals_provision, unit_rows_read


class Command(BaseCommand):
    help = "Create or update units, portals and editorial boards from FILE (YAML or CSV)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args, file, no_progress=False, **options):
        result = provision_file(file, stdout=self.stdout, stderr=self.stderr, progress=not no_progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(result.created)} created, {len(result.updated)} updated, "
                f"{len(result.unchanged)} unchanged"
            )
        )


def provision_file(path, *, stdout, stderr, progress=True):
    """Shared by provision_portals and seed_demo: read, provision, report errors."""
    try:
        rows = unit_rows_read(path)
    except FileNotFoundError as exc:
        raise CommandError(f"{path}: file not found") from exc
    except ProvisioningError as exc:
        raise CommandError(f"{path}: refused, nothing was changed\n{exc}") from exc
    bar = tqdm(total=len(rows), unit="portal", file=stderr, disable=not progress or None, leave=False)
    try:
        return portals_provision(rows, progress=lambda slug: bar.update(1))
    except ProvisioningError as exc:
        raise CommandError(f"{path}: refused, nothing was changed\n{exc}") from exc
    finally:
        bar.close()
