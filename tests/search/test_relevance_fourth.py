"""The fourth judged set (issue 18) in CI: 100 queries written apart from the tuning
and from the third set, over corpus.yaml and the 70 pages of fourth_corpus.yaml (a
third of them distractors). A module of its own: its corpus is built after the other
sets' are rolled back (they share the portals)."""

import pytest

from search import relevance
from tests.search.conftest import ENGINES
from tests.search.test_relevance import corpus_judged
from tests.search.test_relevance_third import set_scores

pytestmark = pytest.mark.services

# Measured when it was added (no change made for it before): MRR 0.986 on OpenSearch,
# 0.961 on SQLite (two queries without a result there: an English one, a question);
# after the database fixes it prompted 0.970 (SQLite), 0.993 (PostgreSQL), none without.
FOURTH_MRR = {"opensearch": 0.95, "elasticsearch": 0.95, "database": 0.92}


@pytest.fixture(scope="module")
def judged_fourth(django_db_setup, django_db_blocker):
    yield from corpus_judged(django_db_blocker, relevance.load_corpus(relevance.HERE / "fourth_queries.yaml"))


@pytest.mark.parametrize("backend", [*ENGINES, "database"])
def test_the_fourth_judged_set_holds(backend, judged_fourth, db, settings):
    scores, report = set_scores(backend, judged_fourth, settings, "fourth_queries.yaml")
    assert scores["all"].mrr >= FOURTH_MRR[backend], report
    assert scores["all"].zero == 0, report
