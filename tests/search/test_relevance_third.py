"""The third judged set (issue 18) in CI: queries written apart from the tuning, over
corpus.yaml and the 81 pages of third_corpus.yaml. A module of its own: its corpus is
built after test_relevance's is rolled back (the two share the portals)."""

import pytest

from search import relevance
from tests.search.conftest import ENGINES
from tests.search.test_relevance import corpus_judged, judged_on

pytestmark = pytest.mark.services


# The third set (third_queries.yaml), written apart from the tuning over corpus.yaml and
# 81 more pages (third_corpus.yaml: distractors sharing the answers' words, and new
# answers). Measured when it was added, before the fixes it prompted: MRR 0.930
# (OpenSearch, Elasticsearch), 0.919 (database), four English queries without a result;
# after them 0.982 (engines), 0.958 (SQLite), 0.976 (PostgreSQL), none without.
THIRD_MRR = {"opensearch": 0.95, "elasticsearch": 0.95, "database": 0.93}


@pytest.fixture(scope="module")
def judged_third(django_db_setup, django_db_blocker):
    yield from corpus_judged(django_db_blocker, relevance.load_corpus(relevance.HERE / "third_queries.yaml"))


def set_scores(backend, judged, settings, name: str):
    """(scores per class, printable report) of the judged set ``name`` on ``backend``."""
    ids = judged_on(backend, judged, settings)
    queries = relevance.load_queries(relevance.HERE / name)
    assert len(queries) >= 90
    scores = relevance.evaluate(relevance.page_search, queries, ids)
    missed = "\n".join(f"  {q!r}: {ranked}" for q, ranked in scores["all"].failures)
    return scores, f"\n{relevance.format_table({backend: scores})}\nanswer not first:\n{missed}"


@pytest.mark.parametrize("backend", [*ENGINES, "database"])
def test_the_third_judged_set_holds_over_more_pages(backend, judged_third, db, settings):
    scores, report = set_scores(backend, judged_third, settings, "third_queries.yaml")
    assert scores["all"].mrr >= THIRD_MRR[backend], report
    assert scores["all"].zero == 0, report
    # English words find their other forms ("registration" the page's "register").
    assert scores["english"].mrr >= 0.8, report
