"""The judged query set (issue 18 item 6) on every backend, side by side.

Run: ``source env && .venv/bin/python bench/search_relevance.py [-v]``

Builds the corpus of ``search/relevance/corpus.yaml`` (6 portals, ~80 pages plus the
sections provisioning creates) in a throw-away PostgreSQL/SQLite database (Django's test
database machinery, name suffix ``_relevance``), indexes it into OpenSearch
(OPENSEARCH_URLS), Elasticsearch (ELASTICSEARCH_URLS) and the database backend, runs
the ~190 queries of ``queries.yaml`` through ``search.services.pages_search`` and prints
MRR@10, nDCG@10, recall@10, zero-result and "noise" (a query judged to have no answer
found something) counts per query class and backend. ``-v`` lists the queries whose
answer is not first. ``--queries FILE`` judges another set over the same corpus (same
format as queries.yaml): a set written apart from the tuning, to see whether the figures
hold on queries the ranking was not tuned on. A set naming ``corpus_extra`` is judged
over corpus.yaml plus that file's documents (third_queries.yaml: distractors and answers
written with it).
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(verbose: bool, queries_path: str | None = None) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "settings.test"
    os.environ["SEARCH_INDEX_PREFIX"] = os.environ.get("SEARCH_INDEX_PREFIX", "portal_") + "relevance_"
    import django

    django.setup()
    import logging

    for name in ("opensearch", "elasticsearch", "elastic_transport"):
        logging.getLogger(name).setLevel(logging.ERROR)
    from django.conf import settings
    from django.db import connection, transaction
    from django.test.utils import override_settings, setup_test_environment
    from wagtail.search.backends import get_search_backend

    from search import relevance
    from settings.search import DATABASE_BACKEND

    engines = {name: conf[1]["default"] for name, conf in settings.SEARCH_TEST_ENGINES.items()}
    every = {**{f"engine_{n}": c for n, c in engines.items()}, "database": dict(DATABASE_BACKEND)}
    every["default"] = every.pop(f"engine_{next(iter(engines))}") if engines else every["database"]

    setup_test_environment()
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = (
        f"{settings.DATABASES['default'].get('NAME') or 'portal'}_relevance"
        if connection.vendor != "sqlite" else "/tmp/portal_relevance.sqlite3")
    # keepdb: the migrated database is reused (migrating takes minutes); the corpus is
    # built inside a transaction rolled back at the end.
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True)
    atomic = transaction.atomic()
    atomic.__enter__()
    try:
        with override_settings(WAGTAILSEARCH_BACKENDS=every):
            for name in every:
                if name != "database":
                    relevance.engine_index_reset(get_search_backend(name))
            started = time.perf_counter()
            ids = relevance.corpus_build(relevance.load_corpus(Path(queries_path) if queries_path else None))
            print(f"corpus: {len(ids)} documents built and indexed in {time.perf_counter() - started:.1f} s "
                  f"({connection.vendor})", flush=True)
            for name in every:
                if name != "database":
                    get_search_backend(name).get_index_for_model(__import__("wagtail.models").models.Page).refresh()
        queries = relevance.load_queries(Path(queries_path) if queries_path else None)
        results, failures = {}, {}
        for name, conf in [*engines.items(), ("database", DATABASE_BACKEND)]:
            backends = {"default": conf, "database": dict(DATABASE_BACKEND)} if name != "database" else {
                "default": conf}
            with override_settings(WAGTAILSEARCH_BACKENDS=backends):
                started = time.perf_counter()
                scores = relevance.evaluate(relevance.page_search, queries, ids)
                elapsed = time.perf_counter() - started
            results[name] = scores
            failures[name] = scores["all"].failures
            print(f"{name}: {len(queries)} queries in {elapsed:.1f} s", flush=True)
        print()
        print(relevance.format_table(results))
        if verbose:
            for name, missed in failures.items():
                print(f"\n{name}: answer not first")
                for query, ranked in missed:
                    print(f"  {query!r}: {ranked}")
    finally:
        for name in every:
            if name != "database":
                try:
                    get_search_backend(name).get_index_for_model(__import__("wagtail.models").models.Page).delete()
                except Exception:  # noqa: BLE001 - cleanup only
                    pass
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=True)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="judged search relevance per backend (issue 18)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the queries whose answer is not first")
    parser.add_argument("--queries", help="another judged query file over the same corpus")
    arguments = parser.parse_args()
    main(arguments.verbose, arguments.queries)
