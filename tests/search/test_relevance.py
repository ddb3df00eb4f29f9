"""The judged query set (issue 18 item 6) in CI: per-class floors of MRR@10 on every
backend, and no answerable query without a result.

The corpus (``search/relevance/corpus.yaml``: 6 portals, ~80 pages) is built once per
module and indexed into every configured engine and the database backend at once (the
save signals index into each); each backend's test then runs the ~190 queries of
``queries.yaml`` through ``search.services.pages_search``. ``bench/search_relevance.py``
prints the same figures side by side.
"""

import pytest
from django.db import transaction
from django.test.utils import override_settings
from wagtail.search.backends import get_search_backend

from search import relevance
from settings.search import DATABASE_BACKEND
from tests.search.conftest import ENGINES, require_engine

pytestmark = pytest.mark.services

# The targets over all queries, and a floor for every class (a class falling
# below it is a regression even when the mean holds).
OVERALL_MRR = {"opensearch": 0.95, "elasticsearch": 0.95, "database": 0.90}
CLASS_MRR = {"opensearch": 0.85, "elasticsearch": 0.85, "database": 0.75}


def corpus_judged(django_db_blocker, corpus):
    """Build ``corpus`` and index it into every backend; yields (document key -> page
    id, engine name -> its default backend settings), then rolls it back."""
    engines = {name: require_engine(name)["default"] for name in ENGINES}
    every = {"default": DATABASE_BACKEND, **{f"engine_{n}": conf for n, conf in engines.items()}}
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(WAGTAILSEARCH_BACKENDS=every):
            for name in every:
                if name.startswith("engine_"):
                    relevance.engine_index_reset(get_search_backend(name))
            ids = relevance.corpus_build(corpus)
            relevance.statistics_refresh()
            for name in every:
                if name.startswith("engine_"):
                    from wagtail.models import Page

                    get_search_backend(name).get_index_for_model(Page).refresh()
        yield ids, engines
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def judged(django_db_setup, django_db_blocker):
    """corpus.yaml, for the first two sets."""
    yield from corpus_judged(django_db_blocker, relevance.load_corpus())


def judged_on(backend, judged, settings) -> dict:
    """Search with ``backend`` (the engine falls back to the database); the corpus's ids."""
    ids, engines = judged
    if backend == "database":
        settings.WAGTAILSEARCH_BACKENDS = {"default": DATABASE_BACKEND}
    else:
        settings.WAGTAILSEARCH_BACKENDS = {"default": engines[backend], "database": DATABASE_BACKEND}
    return ids


@pytest.mark.parametrize("backend", [*ENGINES, "database"])
def test_judged_queries_meet_the_floors(backend, judged, db, settings):
    ids = judged_on(backend, judged, settings)
    queries = relevance.load_queries()
    assert len(queries) >= 150
    scores = relevance.evaluate(relevance.page_search, queries, ids)
    table = relevance.format_table({backend: scores})
    missed = "\n".join(f"  {q!r}: {ranked}" for q, ranked in scores["all"].failures)
    report = f"\n{table}\nanswer not first:\n{missed}"
    assert scores["all"].zero == 0, report
    assert scores["all"].mrr >= OVERALL_MRR[backend], report
    low = {name: round(s.mrr, 3) for name, s in scores.items() if s.answerable and s.mrr < CLASS_MRR[backend]}
    assert not low, report
    # Queries judged to have no answer find nothing relevant by construction; most find nothing.
    assert scores["no_answer"].noise <= 1, report


# The second set (search/relevance/second_queries.yaml), written apart from the tuning:
# looser floors, measured at MRR 0.93-0.94 on every backend when it was added.
SECOND_MRR = {"opensearch": 0.90, "elasticsearch": 0.90, "database": 0.85}
SECOND_ZERO = {"opensearch": 2, "elasticsearch": 2, "database": 4}


@pytest.mark.parametrize("backend", [*ENGINES, "database"])
def test_the_second_judged_set_holds(backend, judged, db, settings):
    ids = judged_on(backend, judged, settings)
    queries = relevance.load_queries(relevance.HERE / "second_queries.yaml")
    assert len(queries) >= 90
    scores = relevance.evaluate(relevance.page_search, queries, ids)
    report = f"\n{relevance.format_table({backend: scores})}"
    assert scores["all"].mrr >= SECOND_MRR[backend], report
    assert scores["all"].zero <= SECOND_ZERO[backend], report
    # Questions: the content words find the page (no result at all before).
    assert scores["question"].mrr >= 0.8 and scores["question"].zero <= 2, report

