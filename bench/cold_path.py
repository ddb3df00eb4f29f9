"""The cold path (issue #23 item 1): SQL queries and time of an uncached request, per
page type, on SQLite and on PostgreSQL. One command:

    .venv/bin/python bench/cold_path.py

"Uncached" is what a visitor pays after a publish: the page cache (caching.middleware,
Varnish) misses, while the per-portal data (menus, section trees, settings, labels) is
warm, as it is on a running server. Each URL is requested once to warm the per-portal
data, then ``BENCH_RUNS`` times (5) with the page cache off; the table shows the query
count of the last run and the median time.

Data: the demo province (``seed_demo``, settings.dev).
- SQLite: built once into BENCH_COLD_DB (default /tmp/cold-path-demo.sqlite3) and reused.
- PostgreSQL: the database named by BENCH_COLD_PG_URL, else DATABASE_URL
  (e.g. ``eval "$(scripts/services/postgres.sh env)"``); the demo is seeded into it when it has no pages.
  Without either, the PostgreSQL column is left out.

Targets (issue #23): an uncached HTML page of any type in <= 10 queries, an uncached API
listing in <= 6, the search page in <= 8 plus the engine call (the database search
backend's own queries, on ``*indexentry`` tables, are counted apart). A row above its
target is flagged; the exit code is 1 when one is.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
DATABASE = Path(os.environ.get("BENCH_COLD_DB", "/tmp/cold-path-demo.sqlite3"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
TARGETS = {"page": 10, "api": 6, "search": 8}


# --- measuring (a child process per database) ---------------------------------------

def _pages_by_type():
    """One live page of each concrete page type, from the provincial portal when it
    has one (it has the most types), with its site's hostname."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, Site

    from tenants.models import Unit

    provincial_site = Unit.objects.filter(parent__isnull=True).values_list("site_id", flat=True).first()
    sites = list(Site.objects.all())
    rows = []
    for content_type_id in Page.objects.live().values_list("content_type", flat=True).distinct().order_by():
        content_type = ContentType.objects.get_for_id(content_type_id)
        candidates = Page.objects.live().public().filter(content_type_id=content_type_id, depth__gt=1)
        chosen = None
        for page in candidates.order_by("path")[:50]:
            if page.locale.language_code != "vi":
                continue
            parts = page.get_url_parts()
            if parts is None:
                continue
            site_id, _root, path = parts
            if chosen is None or site_id == provincial_site:
                chosen = (page, site_id, path)
            if site_id == provincial_site:
                break
        if chosen is None:
            continue
        page, site_id, path = chosen
        host = next(site.hostname for site in sites if site.pk == site_id)
        rows.append((f"{content_type.app_label}.{content_type.model_class().__name__}", host, path))
    rows.sort()
    return rows


def _english_copy():
    from wagtail.models import Page, Site

    sites = {site.pk: site.hostname for site in Site.objects.all()}
    for page in Page.objects.live().public().filter(locale__language_code="en", depth__gt=3).order_by("path")[:20]:
        parts = page.get_url_parts()
        if parts:
            return ("English copy (" + page.specific_class.__name__ + ")", sites[parts[0]], parts[2])
    return None


def _requests():
    from wagtail.models import Site

    rows = [("page", *row) for row in _pages_by_type()]
    english = _english_copy()
    if english:
        rows.append(("page", *english))
    host = Site.objects.get(is_default_site=True).hostname
    rows.append(("page", "open-data catalogue", host, "/du-lieu-mo/"))
    rows.append(("search", "search page", host, "/tim-kiem/?q=quy+ch%E1%BA%BF"))
    rows.append(("search", "search page (legal documents)", host, "/tim-kiem/van-ban/?q=quy+ch%E1%BA%BF"))
    for label, path in (
        ("API pages ?type=cms.NewsPage", "/api/v2/pages/?type=cms.NewsPage"),
        ("API pages ?type=cms.LegalDocumentPage", "/api/v2/pages/?type=cms.LegalDocumentPage&fields=*"),
        ("API pages (all)", "/api/v2/pages/"),
        ("API pages detail", None),
        ("API disclosures", "/api/v2/disclosures/"),
        ("API documents", "/api/v2/documents/"),
        ("API images", "/api/v2/images/"),
    ):
        if path is None:
            from cms.models import NewsPage

            page = NewsPage.objects.live().order_by("path").first()
            path = f"/api/v2/pages/{page.pk}/"
        rows.append(("api", label, host, path))
    return rows


def measure() -> None:
    import django

    django.setup()
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    results = []
    client = Client()
    with override_settings(PORTAL_CACHE_ENABLED=False, ALLOWED_HOSTS=["*"]):
        for kind, label, host, path in _requests():
            status = client.get(path, HTTP_HOST=host).status_code  # warms the per-portal data
            times = []
            for _ in range(RUNS):
                reset_queries()
                with CaptureQueriesContext(connection) as captured:
                    start = time.perf_counter()
                    response = client.get(path, HTTP_HOST=host)
                    if hasattr(response, "render") and not response.is_rendered:
                        response.render()
                    times.append((time.perf_counter() - start) * 1000)
            sqls = [query["sql"] for query in captured.captured_queries]
            engine = sum(1 for sql in sqls if "indexentry" in sql.lower())
            results.append({"kind": kind, "label": label, "path": path, "status": response.status_code or status,
                            "queries": len(sqls) - engine, "engine": engine, "ms": statistics.median(times),
                            "sql": sqls if os.environ.get("BENCH_COLD_SQL") else []})
    print(json.dumps(results))


# --- orchestration ------------------------------------------------------------------

def _child(env: dict) -> list[dict]:
    out = subprocess.run([sys.executable, __file__, "--measure"], cwd=ROOT, env=env, check=True,
                         stdout=subprocess.PIPE, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _postgres_url() -> str:
    return os.environ.get("BENCH_COLD_PG_URL") or os.environ.get("DATABASE_URL", "")


def _postgres_ensure(env: dict) -> None:
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    check = ("from wagtail.models import Page; import sys; sys.exit(0 if Page.objects.filter(depth__gt=2).exists() else 1)")
    if subprocess.run([sys.executable, "manage.py", "shell", "-c", check], cwd=ROOT, env=env).returncode != 0:
        print("seeding the demo into PostgreSQL (several minutes)...", flush=True)
        subprocess.run([sys.executable, "manage.py", "seed_demo", "--no-progress", "--no-accounts"], cwd=ROOT, env=env,
                       check=True, stdout=subprocess.DEVNULL)


def main() -> int:
    from server_processes import demo_database_ensure

    base_env = {**os.environ, "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "settings.dev", "SEARCH_BACKEND": "",
                "MEDIA_ROOT": str(DATABASE.with_suffix(".media"))}
    for name in ("OPENSEARCH_URLS", "ELASTICSEARCH_URLS", "S3_BUCKET", "S3_ENDPOINT_URL", "DATABASE_REPLICA_URL"):
        base_env.pop(name, None)
    postgres = _postgres_url()
    base_env.pop("DATABASE_URL", None)
    demo_database_ensure(DATABASE, base_env, accounts=False, media=DATABASE.with_suffix(".media"))
    columns = {"SQLite": _child({**base_env, "DATABASE_URL": f"sqlite:///{DATABASE}"})}
    if postgres.startswith("postgres"):
        pg_env = {**base_env, "DATABASE_URL": postgres, "MEDIA_ROOT": "/tmp/cold-path-pg-media"}
        _postgres_ensure(pg_env)
        columns["PostgreSQL"] = _child(pg_env)
    else:
        print("no BENCH_COLD_PG_URL / DATABASE_URL: PostgreSQL left out", flush=True)

    rows: dict[str, dict] = {}
    for name, results in columns.items():
        for result in results:
            rows.setdefault(result["label"], {"kind": result["kind"], "path": result["path"]})[name] = result
    print(f"\ncold path, page cache off, per-portal data warm; median of {RUNS} runs "
          f"(targets: page <= {TARGETS['page']}, API <= {TARGETS['api']}, search <= {TARGETS['search']} + engine)")
    header = f"{'request':48} {'target':>6}"
    for name in columns:
        header += f" {name + ' q':>14} {name + ' ms':>14}"
    print(header + "  status")
    over = 0
    for label, row in rows.items():
        target = TARGETS[row["kind"]]
        line = f"{label[:48]:48} {target:>6}"
        flags = []
        for name in columns:
            result = row.get(name)
            if result is None:
                line += f" {'-':>14} {'-':>14}"
                continue
            queries = f"{result['queries']}" + (f"+{result['engine']}e" if result["engine"] else "")
            line += f" {queries:>14} {result['ms']:>14.1f}"
            if result["queries"] > target:
                flags.append(f"{name} over")
            if result["status"] != 200:
                flags.append(f"{name} HTTP {result['status']}")
        over += bool(flags)
        print(line + "  " + (", ".join(flags) or "ok") + f"  {row['path']}")
    print(f"\n{over} request(s) above target or failing")
    return 1 if over else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--measure"]:
        measure()
    else:
        sys.exit(main())
