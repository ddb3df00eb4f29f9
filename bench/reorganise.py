"""Benchmark (issue #21): merge the 126 communes of the demo province into 40.

Run: ``.venv/bin/python bench/reorganise.py [--profile]``. It uses a fresh SQLite file, or the
empty database named by BENCH_DATABASE_URL (e.g. a PostgreSQL database created for the
purpose). It provisions the 2021 demo province (154 portals with their sections, not
timed), gives each commune one news article and one question in flight, then times
``reorganise_units`` on a plan of 40 merges (each group of neighbouring communes of a
district merges into its first commune, which moves directly under the province,
carrying its news) and the retirement of the 8 districts. Target: under a minute.

``--profile`` prints the merge's cProfile (cumulative) and saves it (BENCH_PROFILE_OUT,
default artifacts/reorganise.prof). ``BENCH_SETUP_COPY=FILE`` (SQLite) keeps the provisioned
database in FILE and starts from it next time, to profile without the setup's minutes.
"""

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_COMMUNES = 40


def plan_text(units) -> str:
    """40 merges over the 126 communes, district by district, then the districts end."""
    communes = [u for u in units if u.kind == "commune"]
    districts = sorted({u.parent.slug for u in communes})
    size, extra = divmod(len(communes), TARGET_COMMUNES)
    groups, start = [], 0
    for index in range(TARGET_COMMUNES):
        end = start + size + (1 if index < extra else 0)
        groups.append(communes[start:end])
        start = end
    lines = ["effective_date: 2025-07-01", 'legal_basis: "BENCH/NQ-UBTVQH15"', "operations:"]
    for group in groups:
        into = group[0].slug
        lines += [
            "  - merge:",
            f"      into: {into}",
            f"      from: [{', '.join(u.slug for u in group)}]",
            f'      name: "{group[0].name} (mới)"',
            "      parent: bacninh",
            "      carry: [tin-tuc]",
        ]
    lines += ["  - retire:", f"      units: [{', '.join(districts)}]"]
    return "\n".join(lines) + "\n"


def main() -> None:
    tmp = tempfile.TemporaryDirectory()
    database = Path(tmp.name) / "bench.sqlite3"
    # BENCH_SETUP_COPY=FILE (SQLite only) keeps a copy of the provisioned database there
    # and starts from it on the next run: profiling the merge without waiting for setup.
    setup_copy = os.environ.get("BENCH_SETUP_COPY")
    reused = bool(setup_copy and Path(setup_copy).exists() and "BENCH_DATABASE_URL" not in os.environ)
    if reused:
        shutil.copyfile(setup_copy, database)
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{database}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings

    # The mail to each sender is still written (part of the cost), not printed.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone
    from wagtail.models import Page

    call_command("migrate", verbosity=0, interactive=False)

    from cms.models import NewsPage
    from qa.models import Petition
    from qa.services import petition_submit
    from reorganisation.plan import plan_parse
    from reorganisation.services import plan_apply
    from demo.management.commands.seed_demo import DEMO_FILE
    from tenants.models import Unit
    from tenants.provisioning import portals_provision, unit_rows_read

    started = time.perf_counter()
    if not reused:
        portals_provision(unit_rows_read(DEMO_FILE))
    communes = list(Unit.objects.filter(kind="commune").select_related("parent", "site").order_by("parent__slug", "slug"))
    for unit in [] if reused else communes:
        news_index = Page.objects.child_of(unit.home_page).get(slug="tin-tuc")
        news_index.add_child(instance=NewsPage(
            title=f"Tin hoạt động của {unit.name}", slug="tin-hoat-dong", live=True,
            first_published_at=timezone.now(), information_date=timezone.localdate()))
        petition_submit(agency=unit, sender_name="Nguyễn Văn An", sender_address="Thôn Đông",
                        sender_email="an@example.vn", subject="Hỏi về thủ tục chứng thực",
                        content="Xin hỏi thủ tục chứng thực bản sao cần những giấy tờ gì ạ?")
    if setup_copy and not reused and connection.vendor == "sqlite":
        connection.close()
        shutil.copyfile(database, setup_copy)
    print(f"database: {connection.vendor}; setup (not timed{', reused from ' + setup_copy if reused else ''}): "
          f"{time.perf_counter() - started:.1f} s, "
          f"{Unit.objects.count()} portals, {len(communes)} communes")

    plan = plan_parse(plan_text(communes), name="bench")
    profiler = None
    if "--profile" in sys.argv:
        import cProfile

        profiler = cProfile.Profile()
    started, cpu_started = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    summary = plan_apply(plan)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if profiler:
        import pstats

        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)
        out = Path(os.environ.get("BENCH_PROFILE_OUT", ROOT / "artifacts" / "reorganise.prof"))
        out.parent.mkdir(parents=True, exist_ok=True)
        profiler.dump_stats(out)
        print(f"profile saved: {out}")

    live = Unit.objects.filter(kind="commune", archived_on__isnull=True).count()
    moved = Petition.objects.filter(agency__archived_on__isnull=True, agency__kind="commune").count()
    print(f"reorganise_units: {len(communes)} communes into {live} in {elapsed:.1f} s "
          f"(target < 60 s: {'met' if elapsed < 60 else 'MISSED'}, {elapsed / 60:.2f} of the budget)")
    # On a shared machine the wall time follows the load; this process's CPU time less so
    # (with SQLite it is nearly all of the work; PostgreSQL's own share is not in it).
    print(f"CPU time of this process: {cpu:.1f} s; load average: {os.getloadavg()[0]:.1f}")
    print("summary: " + ", ".join(f"{k}: {v}" for k, v in summary.items()))
    print(f"questions now with a live commune: {moved}")
    tmp.cleanup()


if __name__ == "__main__":
    main()
