"""Benchmark for issue #4: index build and query latency, engine vs database backend.

Run: ``OPENSEARCH_URLS=http://127.0.0.1:9250 .venv/bin/python bench/search_bench.py [pages]``
(default 10 000 pages). A fresh SQLite file (or BENCH_DATABASE_URL), the small test
province, ``pages`` news pages spread across its portals with Vietnamese titles; then:
index build pages/s through the stock modelsearch OpenSearch backend and through our
backend (``update_index``, atomic alias swap; ours last, so the queries run on our
index), and p50/p95 of ``pages_search`` on each backend (after one warm-up round).

``BENCH_DATABASE_URL=sqlite:////tmp/bench.sqlite3`` keeps the data: a later run on the
same file skips creating the pages. ``BENCH_PROFILE=1`` prints a cProfile of the
queries on each backend; ``BENCH_SKIP_BUILD=1`` reuses the indexes as they are;
``BENCH_BACKENDS=database`` times only that backend; ``BENCH_ROUNDS`` (5) rounds of queries.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WORDS = ("thông báo đầu tư hội nghị kế hoạch phát triển kinh tế xã hội giáo dục y tế giao thông "
         "nông nghiệp môi trường cải cách hành chính văn hóa du lịch quy hoạch đất đai").split()
QUERIES = ["thong bao", "đầu tư", "ke hoach phat trien", "cải cách hành chính", "du lich", "96/QĐ-UBND"]


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main(pages: int) -> None:
    tmp = tempfile.TemporaryDirectory()
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp.name}/bench.sqlite3")
    os.environ.setdefault("SEARCH_BACKEND", "opensearch2")
    os.environ.setdefault("SEARCH_INDEX_PREFIX", "portal_bench_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from wagtail.models import Page
    from wagtail.rich_text import RichText

    from cms.models import NewsIndexPage, NewsPage
    from search import services
    from tests.factories import province_rows, provision

    call_command("migrate", verbosity=0, interactive=False)
    existing = NewsPage.objects.count()
    if not existing:
        provision(province_rows(), with_sections=True)
    sections = list(NewsIndexPage.objects.all())
    engine = settings.WAGTAILSEARCH_BACKENDS["default"]
    # Build the pages with indexing off; the index build is measured separately.
    settings.WAGTAILSEARCH_BACKENDS = {k: {**v, "AUTO_UPDATE": False} for k, v in settings.WAGTAILSEARCH_BACKENDS.items()}
    rng = random.Random(4)
    started = time.perf_counter()
    for n in range(existing, pages):
        if n and n % 1000 == 0:
            print(f"  {n} pages ({time.perf_counter() - started:.0f} s)", flush=True)
        title = " ".join(rng.choice(WORDS) for _ in range(6)) + f" {n}"
        body = [("rich_text", RichText("<p>" + " ".join(rng.choice(WORDS) for _ in range(80)) + "</p>"))]
        sections[n % len(sections)].add_child(instance=NewsPage(title=title, body=body, live=True))
    print(f"created {max(0, pages - existing)} pages in {time.perf_counter() - started:.1f} s "
          f"({NewsPage.objects.count()} news pages in the database)", flush=True)
    total = Page.objects.count()

    wanted = os.environ.get("BENCH_BACKENDS", "opensearch,database").split(",")
    builds = () if os.environ.get("BENCH_SKIP_BUILD") or "opensearch" not in wanted else (
        ("stock", "modelsearch.backends.opensearch2"), ("ours", engine["BACKEND"]))
    rates = {}
    for label, backend_path in builds:
        settings.WAGTAILSEARCH_BACKENDS = {"default": {**engine, "BACKEND": backend_path}}
        started = time.perf_counter()
        call_command("update_index", backend_name="default", verbosity=0)
        seconds = time.perf_counter() - started
        rates[label] = total / seconds
        print(f"index build ({label}): {total / seconds:.0f} pages/s ({seconds:.1f} s for {total})", flush=True)
    if rates:
        print(f"index build ours/stock: {rates['ours'] / rates['stock']:.2f}")

    for label, conf in (("opensearch", {"default": engine}),
                        ("database", {"default": {"BACKEND": "search.backends.database.SearchBackend"}})):
        if label not in wanted:
            continue
        settings.WAGTAILSEARCH_BACKENDS = conf
        if label == "database" and not os.environ.get("BENCH_SKIP_BUILD"):
            call_command("update_index", backend_name="default", verbosity=0)
        for query in QUERIES:  # warm-up: connections, site root paths, caches
            services.pages_search(query=query)
        if os.environ.get("BENCH_PROFILE"):
            import cProfile
            import pstats

            profile = cProfile.Profile()
            profile.enable()
            for query in QUERIES:
                services.pages_search(query=query)
            profile.disable()
            print(f"--- profile ({label}) ---")
            pstats.Stats(profile).sort_stats("cumulative").print_stats(35)
        timings = []
        for _ in range(int(os.environ.get("BENCH_ROUNDS", "5"))):
            for query in QUERIES:
                started = time.perf_counter()
                services.pages_search(query=query)
                timings.append((time.perf_counter() - started) * 1000)
        print(f"query ({label}, {pages} pages): p50 {statistics.median(timings):.0f} ms, "
              f"p95 {percentile(timings, 0.95):.0f} ms", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
