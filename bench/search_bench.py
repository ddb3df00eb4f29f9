"""Benchmark for issue #4: index build and query latency, engine vs database backend.

Run: ``OPENSEARCH_URLS=http://127.0.0.1:9250 .venv/bin/python bench/search_bench.py [pages]``
(default 10 000 pages; ``100000`` for the issue's large case). The data comes from
``bench/scale.py``: the 154 demo portals (``BENCH_BASE=demo``, the default here) with
``pages`` live news and legal-document pages, built once into
``/tmp/bench-search-<pages>.sqlite3`` (or BENCH_DATABASE_URL) and reused. Then:

(a) index build: Wagtail's stock ``update_index`` on modelsearch's OpenSearch backend
    vs our ``rebuild_search_index`` on ours (ours last, so the queries run on our
    index): pages/s, CPU seconds of this process, and the ratio;
(b) p50/p95 of ``pages_search`` on the engine and on the database backend (after one
    warm-up round; on the engine, after its merges end and ``BENCH_WARMUP_SECONDS`` (30)
    of other judged queries: see ``engine_warm_up``), ``BENCH_ROUNDS`` (10) rounds of the
    queries below;
(c) issue 18: on the engine, p50/p95 through the API (``/api/v2/search/`` with Django's
    test client: serializer, view, service, engine) for the same queries plus misspelt
    ones that take the fuzzy fallback (two engine requests) and multi-word ones that use
    the phrase boosts (also each query's first search, before its total and facet counts
    are kept: ``search.services.engine.ENGINE_COUNTS_SECONDS``); and the product's Python overhead over the bare engine calls at
    p50: each search's wall time minus the time spent inside the engine client's
    ``search`` (the HTTP round trips), measured in the same run. Targets: p95 <= 25 ms,
    overhead <= 5 ms.

The pages' texts (``BENCH_TEXT``, bench/scale.py): ``prose`` (the default) recombines the
titles and sentences of the judged search corpus (search/relevance/corpus.yaml), a
province's own vocabulary; ``words``, 60 words drawn from 30, was the corpus before
issue 18's last round: there every broad query matched most pages, and a phrase with one
word the 30 lack ("thủ tục hành chính") took the costliest fallback step over 40k pages.

``BENCH_SKIP_BUILD=1`` reuses the indexes as they are; ``BENCH_BUILD=ours`` builds only ours; ``BENCH_BACKENDS=database``
times only that backend; ``BENCH_PROFILE=1`` prints a cProfile of the queries.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
QUERIES = ["thong bao", "đầu tư", "ke hoach phat trien", "cải cách hành chính", "du lich", "96/QĐ-UBND"]
# Issue 18: misspelt (fuzzy fallback: strict request + fuzzy request) and phrase queries.
FUZZY_QUERIES = ["sử lý vi phạm", "ddaats ddai", "dải phóng mặt bằng", "chật tự xây dựng"]
PHRASE_QUERIES = ["phòng chống bão", "thủ tục hành chính", "UBND tỉnh cải cách hành chính"]


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main(pages: int) -> None:
    from bench.scale import database_ensure

    os.environ["DATABASE_URL"] = database_ensure(
        url=os.environ.get("BENCH_DATABASE_URL") or f"sqlite:////tmp/bench-search-{pages}.sqlite3",
        pages=pages, base=os.environ.get("BENCH_BASE", "demo"), text=os.environ.get("BENCH_TEXT", "prose"))
    os.environ.setdefault("SEARCH_BACKEND", "opensearch2")
    os.environ.setdefault("SEARCH_INDEX_PREFIX", "portal_bench_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from settings.process import served_process_ready

    served_process_ready()  # as a served process does (settings/wsgi.py): no full collection of the loaded project
    import logging

    logging.getLogger("opensearch").setLevel(logging.WARNING)
    from django.conf import settings
    from django.core.management import call_command
    from wagtail.models import Page

    from search import services
    from tenants.models import Unit

    engine = settings.WAGTAILSEARCH_BACKENDS["default"]
    print(f"data: {Page.objects.live().count()} live pages across {Unit.objects.filter(site__isnull=False).count()} "
          f"portals", flush=True)
    total = Page.objects.count()

    wanted = os.environ.get("BENCH_BACKENDS", "opensearch,database").split(",")
    builds = () if os.environ.get("BENCH_SKIP_BUILD") or "opensearch" not in wanted else (
        ("stock", "modelsearch.backends.opensearch2"), ("ours", engine["BACKEND"]))
    if os.environ.get("BENCH_BUILD") == "ours":  # issue 18: only the index the queries need
        builds = builds[1:]
    rates = {}
    for label, backend_path in builds:
        settings.WAGTAILSEARCH_BACKENDS = {"default": {**engine, "BACKEND": backend_path}}
        started, cpu_started = time.perf_counter(), time.process_time()
        # Stock: Wagtail's update_index on modelsearch's backend. Ours: our command on ours.
        command = "update_index" if label == "stock" else "rebuild_search_index"
        call_command(command, backend_name="default", verbosity=0)
        seconds = time.perf_counter() - started
        rates[label] = total / seconds
        print(f"index build ({label}): {total / seconds:.0f} pages/s ({seconds:.1f} s for {total}, "
              f"{time.process_time() - cpu_started:.1f} s CPU here)", flush=True)
    if len(rates) == 2:
        print(f"index build ours/stock: {rates['ours'] / rates['stock']:.2f}")
    if builds:
        # What the builds left in this process (100k documents' worth of objects) is no
        # served process's: collected now, not by a full collection inside a search.
        served_process_ready()

    for label, conf in (("opensearch", {"default": engine}),
                        ("database", {"default": {"BACKEND": "search.backends.database.SearchBackend"}})):
        if label not in wanted:
            continue
        settings.WAGTAILSEARCH_BACKENDS = conf
        if label == "database" and not os.environ.get("BENCH_SKIP_BUILD"):
            call_command("update_index", backend_name="default", verbosity=0)
        for query in QUERIES:  # warm-up: connections, site root paths, caches
            services.pages_search(query=query)
        if label == "opensearch":
            engine_warm_up(exclude=set(QUERIES + FUZZY_QUERIES + PHRASE_QUERIES))
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
        for _ in range(int(os.environ.get("BENCH_ROUNDS", "10"))):
            for query in QUERIES:
                started = time.perf_counter()
                services.pages_search(query=query)
                timings.append((time.perf_counter() - started) * 1000)
        print(f"query ({label}, {pages} pages): p50 {statistics.median(timings):.0f} ms, "
              f"p95 {percentile(timings, 0.95):.0f} ms", flush=True)
        if label == "opensearch":
            api_and_overhead(pages, rounds=int(os.environ.get("BENCH_ROUNDS", "10")))


# A served engine has answered many searches before the one measured: its JIT has
# compiled the scorers, the index's files are in the page cache, the shared filters in
# its query cache. Right after the index is built (this bench's first run) it has done
# none of that, and the first hundreds of searches measure the build, not the search
# (issue 18: p95 57 ms on the first run, 24-28 ms on the next ones, same code). So the
# measured searches follow this many seconds of other searches: every judged query of
# search/relevance/queries.yaml (all classes: typos, synonyms, phrases, numbers) except
# the measured ones, whose own caches stay cold. BENCH_WARMUP_SECONDS=0 measures cold.
WARMUP_SECONDS = float(os.environ.get("BENCH_WARMUP_SECONDS", "30"))


def index_settle(limit_seconds: float = 120) -> None:
    """Wait for the engine's merges of the index just built to end (they compete with the
    searches for the CPU): a served index was built long before."""
    from wagtail.models import Page

    from search.services.running import search_backend

    backend = search_backend()
    index = backend.get_index_for_model(Page).name
    started = time.perf_counter()
    while time.perf_counter() - started < limit_seconds:
        merges = backend.es.indices.stats(index=index, metric="merge")["_all"]["total"]["merges"]["current"]
        if not merges:
            break
        time.sleep(1)
    print(f"index settled: merges running {time.perf_counter() - started:.0f} s after the build", flush=True)


def engine_warm_up(*, exclude: set[str]) -> None:
    from django.test import Client

    from search.relevance import load_queries

    if WARMUP_SECONDS <= 0:
        return
    client = Client(HTTP_HOST="bacninh.gov.vn")
    index_settle()
    queries = [q["q"] for q in load_queries() if q["q"] not in exclude]
    started, searches = time.perf_counter(), 0
    while time.perf_counter() - started < WARMUP_SECONDS:
        for query in queries:
            assert client.get("/api/v2/search/", {"q": query}).status_code == 200
            searches += 1
    print(f"warm-up: {searches} searches of {len(queries)} other judged queries in "
          f"{time.perf_counter() - started:.0f} s (BENCH_WARMUP_SECONDS={WARMUP_SECONDS:g})", flush=True)


API_P95_TARGET_MS = 25.0  # issue 18, "Done when": API p95 at 100k pages
OVERHEAD_P50_TARGET_MS = 5.0  # issue 18: Python over the bare engine calls, p50


def api_and_overhead(pages: int, *, rounds: int) -> None:
    """(c): latency through the API, and Python's share of a search over the engine's.

    Each API request's wall time is split into the time inside the engine client's
    ``search`` (the HTTP round trips, the "bare engine call": request out, engine work,
    answer in) and the rest (the product's Python overhead: view, validation, filters,
    DSL, reading hits, database rows, facets, JSON). The CPU seconds of this process per
    request are printed too: under load, wall time also counts waiting for a core."""
    from django.test import Client
    from opensearchpy import OpenSearch

    from search import services

    in_engine = [0.0]
    original = OpenSearch.search

    def timed_search(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            in_engine[0] += time.perf_counter() - started

    client = Client(HTTP_HOST="bacninh.gov.vn")
    queries = QUERIES + FUZZY_QUERIES + PHRASE_QUERIES
    OpenSearch.search = timed_search
    try:
        from search.backends.vietnamese import index_generation_renew

        # The process's own first requests (URL resolvers, connections, per-process
        # caches) cost hundreds of ms once: a served process has paid them long before
        # (the first request here took 738 ms). Words outside the bench's set, so the
        # engine has not seen the measured queries yet.
        for query in ("hội nghị", "giao thông nông thôn"):
            assert client.get("/api/v2/search/", {"q": query}).status_code == 200
        cold = []
        for query in queries:  # each query's first search, before its counts are kept
            index_generation_renew()  # as after an edit: no counts kept
            started = time.perf_counter()
            assert client.get("/api/v2/search/", {"q": query}).status_code == 200
            cold.append((time.perf_counter() - started) * 1000)
        if os.environ.get("BENCH_PROFILE"):
            import cProfile
            import pstats

            profile = cProfile.Profile()
            profile.enable()
            for query in queries:
                client.get("/api/v2/search/", {"q": query})
            profile.disable()
            print("--- profile (API, opensearch) ---")
            pstats.Stats(profile).sort_stats("tottime").print_stats(30)
        api, engine, api_over, api_cpu, overhead, fuzzy = [], [], [], [], [], 0
        for _ in range(rounds):
            for query in queries:
                in_engine[0] = 0.0
                started, cpu = time.perf_counter(), time.process_time()
                response = client.get("/api/v2/search/", {"q": query})
                wall = time.perf_counter() - started
                api_cpu.append((time.process_time() - cpu) * 1000)
                assert response.status_code == 200
                api.append(wall * 1000)
                engine.append(in_engine[0] * 1000)
                api_over.append((wall - in_engine[0]) * 1000)
                in_engine[0] = 0.0
                started = time.perf_counter()
                outcome = services.pages_search(query=query)
                overhead.append((time.perf_counter() - started - in_engine[0]) * 1000)
                fuzzy += outcome.fuzzy
        # The barest engine call: the same words as one match query on the page index's
        # text, 20 hits, no filter, facet, highlight or phrase boost. What the engine
        # costs on this machine whatever the product asks of it.
        from wagtail.models import Page

        from search.services.running import search_backend

        backend = search_backend()
        index = backend.get_index_for_model(Page).name
        bare = []
        for _ in range(rounds):
            for query in queries:
                started = time.perf_counter()
                backend.es.search(index=index, body={"query": {"match": {"_all_text": query}}, "size": 20})
                bare.append((time.perf_counter() - started) * 1000)
    finally:
        OpenSearch.search = original

    def line(values):
        return f"p50 {statistics.median(values):.1f} ms, p95 {percentile(values, 0.95):.1f} ms"

    api_p95, over_p50 = percentile(api, 0.95), statistics.median(api_over)
    print(f"API /api/v2/search/ (opensearch, {pages} pages, {len(queries)} queries incl. "
          f"{len(FUZZY_QUERIES)} misspelt, {fuzzy // rounds} took the fuzzy fallback): {line(api)}", flush=True)
    print(f"  each query's first search (its total and facet counts not kept yet, search.services.engine."
          f"ENGINE_COUNTS_SECONDS): {line(cold)}")
    print(f"  of which in the engine calls (bare engine: HTTP round trips, 1-2 per search): {line(engine)}")
    print(f"  Python overhead over the engine calls (API wall - engine): {line(api_over)}")
    print(f"  CPU time of this process per API search: {line(api_cpu)}")
    print(f"bare engine: one plain match query per search, no filter/facet/highlight: {line(bare)}")
    print(f"Python overhead over the engine calls (pages_search alone): {line(overhead)}", flush=True)
    print(f"target API p95 <= {API_P95_TARGET_MS:.0f} ms ({pages} pages; the issue's case is 100000): "
          f"{api_p95:.1f} ms = {api_p95 / API_P95_TARGET_MS:.2f}x target "
          f"({'met' if api_p95 <= API_P95_TARGET_MS else 'NOT met'}); the engine calls alone: p95 "
          f"{percentile(engine, 0.95):.1f} ms = {percentile(engine, 0.95) / API_P95_TARGET_MS:.2f}x")
    print(f"target Python overhead p50 <= {OVERHEAD_P50_TARGET_MS:.0f} ms: {over_p50:.1f} ms = "
          f"{over_p50 / OVERHEAD_P50_TARGET_MS:.2f}x target ({'met' if over_p50 <= OVERHEAD_P50_TARGET_MS else 'NOT met'})",
          flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
