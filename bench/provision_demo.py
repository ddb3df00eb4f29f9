"""Benchmark: provision the full demo province from an empty database.

Run: ``.venv/bin/python bench/provision_demo.py``. It uses a fresh SQLite file, or
the empty database named by BENCH_DATABASE_URL (e.g. a PostgreSQL database created
for the purpose). Prints seconds, portals per second and the ratio against the
issue #2 baseline (no baseline figure was named; we record the first measured run,
BASELINE_SECONDS, and report the ratio to it).
"""

import os
import sys
import tempfile
import time
from pathlib import Path

BASELINE_SECONDS = None  # set after the first recorded run, see the issue note

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    tmp = tempfile.TemporaryDirectory()
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{tmp.name}/bench.sqlite3"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)

    from demo.management.commands.seed_demo import DEMO_FILE
    from tenants.models import Unit
    from tenants.provisioning import portals_provision, unit_rows_read

    rows = unit_rows_read(DEMO_FILE)
    started = time.perf_counter()
    portals_provision(rows)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    portals_provision(rows)
    warm = time.perf_counter() - started

    count = Unit.objects.count()
    engine = django.db.connection.vendor
    print(f"database: {engine}")
    print(f"portals provisioned from empty: {count} in {cold:.2f} s ({count / cold:.1f} portals/s)")
    print(f"second run (nothing to change): {warm:.2f} s")
    if BASELINE_SECONDS:
        print(f"ratio to baseline {BASELINE_SECONDS:.2f} s: {cold / BASELINE_SECONDS:.2f}x")
    tmp.cleanup()


if __name__ == "__main__":
    main()
