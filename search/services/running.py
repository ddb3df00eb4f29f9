"""Running a query on a backend, one page of it, falling back to the database backend
when the engine does not answer."""

import copy
import logging

from django.conf import settings
from wagtail.search.backends import get_search_backend

from search.backends.vietnamese import SearchUnavailable
from search.services import facets as facet_counting
from search.services.engine import _engine_page
from search.services.facets import facet_counts
from search.services.outcome import ResultPage

# One logger for the package, under the name the module had before it was split.
logger = logging.getLogger("search.services")

FALLBACK_BACKEND = "database"


# One backend instance per configuration and process (issue 18, latency): Wagtail's
# ``get_search_backend`` builds a new one per call, and with it a new engine client
# (a TCP connection per search), its field remapping and a deep copy of its settings.
_BACKENDS: dict[str, tuple[dict, object]] = {}


def search_backend(name: str = "default"):
    """``get_search_backend(name)``, kept while its settings stay the same."""
    conf = getattr(settings, "WAGTAILSEARCH_BACKENDS", {}).get(name)
    kept = _BACKENDS.get(name)
    if kept is not None and kept[0] == conf:
        return kept[1]
    backend = get_search_backend(name)
    _BACKENDS[name] = (copy.deepcopy(conf), backend)
    return backend


def fallback_available() -> bool:
    return FALLBACK_BACKEND in settings.WAGTAILSEARCH_BACKENDS


def _run(run, queryset, *, page: int, page_size: int, facets: bool = True, watch=(), query: str = ""):
    """``run(backend, queryset, **kwargs)`` -> results; one page of them, falling back when the engine is down."""
    options = {"page": page, "page_size": page_size, "facets": facets, "watch": list(watch), "query": query}
    try:
        return _page_of(run, search_backend(), queryset, **options), False
    except SearchUnavailable:
        if not fallback_available():
            raise
        logger.warning("search engine unavailable; answering from the database backend")
        return _page_of(run, search_backend(FALLBACK_BACKEND), queryset, **options), True


def _page_of(run, backend, queryset, *, page: int, page_size: int, facets: bool, watch: list,
             query: str) -> ResultPage:
    start = (page - 1) * page_size
    results = run(backend, queryset)
    if hasattr(results, "fetch_page"):
        return _engine_page(results, start=start, page_size=page_size, facets=facets, watch=watch, query=query)
    return _database_page(run, backend, queryset, results, start=start, page_size=page_size, facets=facets,
                          watch=watch)


def _database_page(run, backend, queryset, results, *, start, page_size, facets, watch) -> ResultPage:
    """On the database backends: one ranked query for the ids (integers only) of the best
    ``FACET_HIT_LIMIT`` hits gives the page of hits and the facet sample; the facets are
    one GROUP BY over those ids."""
    if not facets:
        return ResultPage(ids=[p.pk for p in results[start:start + page_size]], total=0)
    best = _best_ids(run, backend, queryset, results)
    complete = len(best) < facet_counting.FACET_HIT_LIMIT  # every hit is among the best
    total = len(best) if complete else run(backend, queryset, order_by_relevance=False).count()
    if complete or start + page_size <= len(best):
        ids = best[start:start + page_size]
    else:  # a page past the best facet_counting.FACET_HIT_LIMIT
        ids = [p.pk for p in run(backend, queryset.only("id"))[start:start + page_size]]
    sampled = set(watch) & set(best)
    found = set(sampled)
    if not complete and set(watch) - sampled:
        found |= {p.pk for p in run(backend, queryset.filter(pk__in=set(watch) - sampled), order_by_relevance=False)}
    return ResultPage(ids=ids, total=total, counts=facet_counts(best), found=found, sampled=sampled)


def _best_ids(run, backend, queryset, results) -> list[int]:
    """Ids of the best ``FACET_HIT_LIMIT`` hits, best first, without building page objects."""
    best = results[:facet_counting.FACET_HIT_LIMIT]
    if hasattr(best, "get_queryset"):
        return list(best.get_queryset().values_list("pk", flat=True))
    return [p.pk for p in run(backend, queryset.only("id"))[:facet_counting.FACET_HIT_LIMIT]]
