"""What the admin's tenant guard costs per admin request (issue #24 item 3), one command:

    .venv/bin/python bench/admin_guard.py

``security.admin_guard`` answers 404 for an admin URL naming another portal's page,
image or document (``AdminObjectGuardMiddleware``), and narrows the page chooser and
the admin API to the pages a user may see; both go through ``visible_pages``. This
measures, on the demo province (``seed_demo`` with settings.dev and SQLite, built the
first time into BENCH_ADMIN_DB, default /tmp/admin-guard-demo.sqlite3: several
minutes; delete the file to rebuild), as the department head ``sotuphap.head`` through
Django's test Client in this process:

* per request: the queries and wall-clock ms of the whole request;
* the part of it spent in the guard: the queries and ms inside the middleware's check
  (``_visible``) and inside ``visible_pages`` wherever it is called.

``BENCH_REQUESTS`` (30) requests per admin screen, after one warm-up; the median ms
counts. Nothing is written to the database.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from server_processes import demo_database_ensure  # noqa: E402 - bench/: shared with page_speed.py

DATABASE = Path(os.environ.get("BENCH_ADMIN_DB", "/tmp/admin-guard-demo.sqlite3"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "30"))
USERNAME = "sotuphap.head"


class Meter:
    """Queries and seconds spent inside the wrapped functions (not counting nested calls twice)."""

    def __init__(self):
        self.queries = 0
        self.seconds = 0.0
        self.depth = 0

    def wrap(self, function):
        from django.db import connection

        def wrapped(*args, **kwargs):
            if self.depth:
                return function(*args, **kwargs)
            self.depth += 1
            before, started = len(connection.queries), time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started
                self.queries += len(connection.queries) - before
                self.depth -= 1

        return wrapped


def main() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "settings.dev", "SEARCH_BACKEND": "",
           "MEDIA_ROOT": str(DATABASE.with_suffix(".media"))}
    env.pop("DATABASE_URL", None)
    demo_database_ensure(DATABASE, env)
    os.environ.update({**env, "DATABASE_URL": f"sqlite:///{DATABASE}"})
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import setup_test_environment

    from security import admin_guard
    from tenants.models import Unit

    setup_test_environment()
    connection.force_debug_cursor = True  # count queries with DEBUG off
    meter = Meter()
    # The middleware and the hooks look the functions up in the module at call time.
    admin_guard._visible = meter.wrap(admin_guard._visible)
    admin_guard.visible_pages = meter.wrap(admin_guard.visible_pages)

    user = get_user_model().objects.get(username=USERNAME)
    home = Unit.objects.select_related("site").get(slug="sotuphap").site.root_page
    child = home.get_children().first()
    client = Client()
    client.force_login(user)
    cases = (
        ("page edit (guard checks the id)", f"/admin/pages/{child.pk}/edit/"),
        ("explorer listing (guard checks the id)", f"/admin/pages/{home.pk}/"),
        ("page chooser (visible_pages narrows it)", f"/admin/choose-page/{home.pk}/"),
        ("admin API pages (visible_pages narrows it)", f"/admin/api/main/pages/?child_of={home.pk}&for_explorer=1"),
        ("dashboard (no page id: no guard)", "/admin/"),
    )
    print(f"demo database {DATABASE}; user {USERNAME}; {REQUESTS} requests per screen (median ms)")
    print(f"{'screen':45} {'status':>6} {'queries':>8} {'ms':>8} {'guard q':>8} {'guard ms':>9} {'share':>6}")
    for label, url in cases:
        client.get(url)  # warm-up: templates, caches
        timings, queries, guard_queries, guard_seconds = [], [], [], []
        status = None
        for _ in range(REQUESTS):
            reset_queries()
            meter.queries, meter.seconds = 0, 0.0
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
            status = response.status_code
            queries.append(len(connection.queries))
            guard_queries.append(meter.queries)
            guard_seconds.append(meter.seconds)
        ms, guard_ms = statistics.median(timings) * 1000, statistics.median(guard_seconds) * 1000
        print(f"{label:45} {status:>6} {statistics.median(queries):>8.0f} {ms:>8.1f} "
              f"{statistics.median(guard_queries):>8.0f} {guard_ms:>9.2f} {guard_ms / ms:>6.1%}")


if __name__ == "__main__":
    main()
