"""Issue 18, latency: what each part of the product's engine request costs the engine.

Run: ``SEARCH_INDEX_PREFIX=<prefix of a built index> .venv/bin/python bench/search_engine_parts.py [pages]``
on a database and index built by ``bench/search_bench.py`` (same ``pages``,
``BENCH_DATABASE_URL`` as there). The requests ``pages_search`` sends for the bench's
query set are captured, then replayed on the engine as they are and with one part
changed at a time (aggregations, highlighting, the rescore of the best hits,
exact total), ``BENCH_ROUNDS`` (7) times each. Printed per variant:
the engine's own ``took`` (server time, no HTTP or client) p50/p95 over all requests, and
the wall time of the round trip. "before" rebuilds the request as it was before issue
18's latency work (ranking clauses and recency in the query, highlighting by it). Under load the absolute figures drift; compare the
variants of one run.
"""

import copy
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def _scored(query):
    """The scored part of the request's query: modelsearch wraps it in a filtered bool,
    ours in a recency ``function_score``."""
    inner = query["bool"]["must"] if "filter" in query.get("bool", {}) else query
    return inner["function_score"]["query"] if "function_score" in inner else inner


def _without_should_boosts(query):
    """The query without the ranking-only ``should`` clauses (phrase/proximity/sound)."""
    query = copy.deepcopy(query)
    _scored(query)["bool"].pop("should", None)
    return query


def _without_exact(query):
    query = copy.deepcopy(query)
    words = _scored(query)["bool"]["must"][0]["bool"]
    words["should"] = [c for c in words["should"]
                       if not all(".exact" in f for f in c.get("multi_match", {}).get("fields", ["x"]))]
    return query


def _without_function_score(query):
    query = copy.deepcopy(query)
    if "filter" in query.get("bool", {}) and "function_score" in query["bool"]["must"]:
        query["bool"]["must"] = query["bool"]["must"]["function_score"]["query"]
    return query


def _as_rescore(body, window=100):
    """Phrase boosts moved into a rescore of the best ``window`` hits."""
    body = copy.deepcopy(body)
    should = _scored(body["query"])["bool"].pop("should", [])
    if should:
        body["rescore"] = {"window_size": window, "query": {
            "rescore_query": {"bool": {"should": should}}, "query_weight": 1, "rescore_query_weight": 1}}
    return body


def _simple_highlight_query(body):
    """The highlighter given the query's words alone (no phrase, fuzzy or sound clause)."""
    body = copy.deepcopy(body)
    if "highlight" in body:
        words = _scored(body["query"])["bool"]["must"][0]["bool"]["should"][0]["multi_match"]["query"]
        body["highlight"]["highlight_query"] = {"match": {"_all_text": {"query": words}}}
    return body


def main(pages: int) -> None:
    from bench.scale import database_ensure

    os.environ["DATABASE_URL"] = database_ensure(
        url=os.environ.get("BENCH_DATABASE_URL") or f"sqlite:////tmp/bench-search-{pages}.sqlite3",
        pages=pages, base=os.environ.get("BENCH_BASE", "demo"), text=os.environ.get("BENCH_TEXT", "prose"))
    os.environ.setdefault("SEARCH_BACKEND", "opensearch2")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    import logging

    logging.getLogger("opensearch").setLevel(logging.WARNING)
    from opensearchpy import OpenSearch

    from bench.search_bench import FUZZY_QUERIES, PHRASE_QUERIES, QUERIES
    from search import services
    from search.backends.vietnamese import CORRECTION_WEIGHT, SOUND_FIELD

    captured = []
    original = OpenSearch.search

    def capture(self, *args, **kwargs):
        if "query" in kwargs.get("body", {}):  # not the one-edit step's term suggester request
            captured.append((self, copy.deepcopy(kwargs)))
        return original(self, *args, **kwargs)

    OpenSearch.search = capture
    try:
        for query in QUERIES + FUZZY_QUERIES + PHRASE_QUERIES:
            services.pages_search(query=query)
    finally:
        OpenSearch.search = original
    print(f"{len(captured)} engine requests for {len(QUERIES + FUZZY_QUERIES + PHRASE_QUERIES)} searches", flush=True)

    def variant(change_body=None, change_params=None):
        def make(client, kwargs):
            kwargs = copy.deepcopy(kwargs)
            if change_body:
                kwargs["body"] = change_body(kwargs["body"])
            if change_params:
                change_params(kwargs)
            return kwargs
        return make

    def body_query(change):
        def apply(body):
            body = copy.deepcopy(body)
            body["query"] = change(body["query"])
            return body
        return apply

    def drop(key):
        def apply(body):
            body = copy.deepcopy(body)
            body.pop(key, None)
            return body
        return apply

    def tth(kwargs):
        kwargs["track_total_hits"] = 1000

    def cheapest(body):
        body = _as_rescore(drop("aggs")(body))
        return body

    def repeated(kwargs):  # a search asked again: its counts kept (search.services.engine)
        kwargs["track_total_hits"] = False

    def whole_query(body):
        """The request as one query, as before issue 18's latency work: the rescore's ranking
        clauses as ``should`` of the words' query, recency as a ``function_score`` around it."""
        body = copy.deepcopy(body)
        steps = body.pop("rescore", [])
        if not steps:
            return body
        query = body["query"]
        scored = query["bool"]["must"] if "filter" in query.get("bool", {}) else query
        inner = {"bool": {"must": [scored], "should": steps[0]["query"]["rescore_query"]["bool"]["should"]}}
        if len(steps) > 1:
            inner = {"function_score": {**steps[1]["query"]["rescore_query"]["function_score"], "query": inner,
                                        "boost_mode": "multiply"}}
        if "filter" in query.get("bool", {}):
            query["bool"]["must"] = inner
        else:
            body["query"] = inner
        return body

    def highlight_whole(body):
        body = copy.deepcopy(body)
        body.get("highlight", {}).pop("highlight_query", None)
        return body

    def is_fuzzy(kwargs):  # a step of the fallback: the strict query has sound keys only in its rescore
        return SOUND_FIELD in str(kwargs["body"]["query"])

    def fuzzy_only(change_body=None, change_params=None):
        """A change to the fuzzy fallback's request alone (issue 18, second round)."""
        changed = variant(change_body, change_params)
        return lambda client, kwargs: changed(client, kwargs) if is_fuzzy(kwargs) else copy.deepcopy(kwargs)

    def terminate(count):
        def apply(kwargs):
            kwargs["terminate_after"] = count
        return apply

    def fuzzy_fields(keep):
        """The fallback's word clauses over the fields ``keep`` accepts (title, the short fields)."""
        def walk(node):
            if isinstance(node, dict):
                for key, value in node.items():
                    if key == "multi_match" and SOUND_FIELD not in value["fields"]:
                        value["fields"] = [f for f in value["fields"] if keep(f)] or value["fields"][:1]
                    else:
                        walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)
        return body_query(lambda query: (walk(query), query)[1])

    def boosted(field):
        name, _, boost = field.partition("^")
        return name == "title" or float(boost or 1) >= 2

    def fewer_corrections(count):
        def walk(node):
            if isinstance(node, dict):
                if node.get("boost") == CORRECTION_WEIGHT and "query" in node:  # a word's corrections
                    node["query"] = " ".join(node["query"].split()[:count])
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)
        return body_query(lambda query: (walk(query), query)[1])

    variants = {
        "as sent (first search of a query)": variant(),
        "as sent again (counts kept)": variant(drop("aggs"), repeated),
        "no aggregations (facets)": variant(drop("aggs")),
        "no highlight": variant(drop("highlight")),
        "no rescore (ranking clauses, recency)": variant(drop("rescore")),
        "before: one query, highlight by it": variant(lambda b: highlight_whole(whole_query(b))),
        "before, without the aggregations": variant(lambda b: drop("aggs")(highlight_whole(whole_query(b)))),
        "again, no highlight": variant(lambda b: drop("highlight")(drop("aggs")(b)), repeated),
        "again, no highlight, no rescore": variant(lambda b: drop("rescore")(drop("highlight")(drop("aggs")(b))),
                                                   repeated),
        "fuzzy: terminate_after 5000": fuzzy_only(change_params=terminate(5000)),
        "fuzzy: terminate_after 1000": fuzzy_only(change_params=terminate(1000)),
        "fuzzy: title/boosted fields only": fuzzy_only(fuzzy_fields(boosted)),
        "fuzzy: 3 corrections per word": fuzzy_only(fewer_corrections(3)),
        "fuzzy: no highlight": fuzzy_only(drop("highlight")),
        "fuzzy: no aggregations": fuzzy_only(drop("aggs")),
    }
    rounds = int(os.environ.get("BENCH_ROUNDS", "7"))
    prepared = {label: [(client, make(client, kwargs)) for client, kwargs in captured]
                for label, make in variants.items()}
    took = {label: [] for label in variants}
    wall = {label: [] for label in variants}
    for round_ in range(rounds + 1):  # round 0 warms up; variants interleave so load hits all alike
        for label, requests in prepared.items():
            for client, kwargs in requests:
                started = time.perf_counter()
                answer = original(client, **kwargs)
                if round_:
                    wall[label].append((time.perf_counter() - started) * 1000)
                    took[label].append(answer["took"])
    fuzzy = [is_fuzzy(kwargs) for _, kwargs in captured] * rounds
    print(f"{sum(fuzzy) // rounds} of {len(captured)} requests are fuzzy fallbacks; fuzzy p50/p95 are theirs alone")
    for label in variants:
        mine = [t for t, f in zip(took[label], fuzzy) if f] or [0]
        print(f"{label:45} fuzzy p50 {statistics.median(mine):6.1f} p95 {percentile(mine, 0.95):6.1f} | engine took p50 {statistics.median(took[label]):6.1f} p95 "
              f"{percentile(took[label], 0.95):6.1f} ms | round trip p50 {statistics.median(wall[label]):6.1f} "
              f"p95 {percentile(wall[label], 0.95):6.1f} ms", flush=True)
    if os.environ.get("BENCH_PER_REQUEST"):  # which requests the p95 is made of
        n = len(captured)
        for i, (_, kwargs) in enumerate(captured):
            words = str(kwargs["body"]["query"]).split("'query': '")[1].split("'")[0]
            print(f"  {words:32} {'fuzzy' if is_fuzzy(kwargs) else 'strict':6} " + " ".join(
                f"{label.split(':')[0][:10]}={statistics.median(took[label][i::n]):.0f}" for label in
                ("as sent (first search of a query)", "as sent again (counts kept)", "fuzzy: terminate_after 5000",
                 "fuzzy: 3 corrections per word", "fuzzy: title/boosted fields only")))
    if os.environ.get("BENCH_SHOW_BODY"):
        import json

        for _, kwargs in captured[:2]:
            print(json.dumps({k: v for k, v in kwargs.items()}, ensure_ascii=False, indent=1, default=str)[:6000])


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
