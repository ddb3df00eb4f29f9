"""Search across every portal (Điều 9, issue #4).

``pages_search`` is the one entry point of the public API and the search page. Every
filter maps onto a real column of ``wagtailcore_page`` that both the engine and the
database backend can filter on:

- portal -> ``path`` prefix of that unit's home page;
- unit kind -> any of the path prefixes of the homes of that kind;
- section (mandated item, e.g. ``8.1.e``) -> the page types serving it (``content_type``);
- page type -> ``content_type``; locale -> ``locale``;
- dates -> ``first_published_at`` (``information_date`` lives on each page type's own
  table, which a search across all types cannot filter on; the legal-document search
  filters its ``issue_date``).

Facet counts cover the best ``FACET_HIT_LIMIT`` hits on every backend: on the engine
as aggregations in the same request as the page of hits (``sampler`` + terms on the
indexed portal home path, content type and publication date), on the database as one
GROUP BY over the ids of the best hits. Only the current page of hits is loaded from the
database (one query per page type). When the engine does not answer, the search runs on the
database backend and the result says so (``fallback``).
"""

import contextlib
import contextvars
import datetime
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear, Substr
from django.urls import get_urlconf
from django.utils import timezone, translation
from django.utils.html import escape, strip_tags
from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

from cms.mandate import MANDATE_ITEMS
from cms.models.base import PortalPage, portal_page_models
from cms.models.legal_documents import LegalDocumentPage, document_number_key
from search.backends.vietnamese import SearchUnavailable
from search.models import PendingIndexUpdate
from search.snippets import SNIPPET_LENGTH, snippet_html
from tenants.models import Unit

logger = logging.getLogger(__name__)

PAGE_SIZE = 20
# Facets count at most this many best hits: enough for the filters a reader uses,
# bounded so a one-letter query costs the same as any other.
FACET_HIT_LIMIT = 1000
HOME_DEPTH = 3  # root (1) > provincial root (2) > portal home (3)
HOME_PATH_LENGTH = Page.steplen * HOME_DEPTH
FALLBACK_BACKEND = "database"


class PortalLabel(NamedTuple):
    """What a facet or a hit shows of a portal's unit."""

    slug: str
    name: str
    short_name: str
    kind: str


@dataclass(frozen=True)
class Hit:
    id: int
    page_type: str  # "app_label.model_name"
    title: str
    url: str
    portal: PortalLabel | None
    section: str
    date: datetime.date | None
    snippet: str  # HTML: escaped text with <mark> around matched words
    also_on: int = 0  # live republished copies on other portals (one hit per document)


@dataclass(frozen=True)
class EngineHit:
    """What the engine returns of a hit besides its id: no page needs loading to show it."""

    snippet: str
    information_date: datetime.date | None


@dataclass
class SearchOutcome:
    hits: list[Hit]
    total: int
    page: int
    num_pages: int
    facets: dict[str, list[dict]] = field(default_factory=dict)
    fallback: bool = False  # True: the engine was down and the database answered
    suggestion: str = ""  # "Có phải bạn muốn tìm: …" (set when the fuzzy fallback answered)
    fuzzy: bool = False  # True: the strict query found too little and the fuzzy fallback ran
    page_size: int = PAGE_SIZE
    # Issue 18 item 5: the board's promoted results for this query and scope (first page only).
    promotions: list = field(default_factory=list)


# --- what each filter maps to -----------------------------------------------------------


def section_models(section: str) -> list[type[PortalPage]]:
    """The page types serving mandated item ``section`` (cms.mandate key)."""
    return [m for m in portal_page_models() if m.mandate_item == section]


def page_type_label(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def home_paths(units) -> list[str]:
    return [u.site.root_page.path for u in units if u.site_id and u.site.root_page_id]


def portal_filter(*, unit: Unit) -> Q:
    return Q(path__startswith=home_paths([unit])[0]) if home_paths([unit]) else Q(pk__in=[])


def kind_filter(*, kind: str) -> Q:
    query = Q(pk__in=[])
    for path in home_paths(Unit.objects.filter(kind=kind).select_related("site__root_page")):
        query |= Q(path__startswith=path)
    return query


def content_types_filter(models) -> Q:
    return Q(content_type__in=[ContentType.objects.get_for_model(m).pk for m in models])


def pages_queryset(*, portal: Unit | None = None, kind: str = "", section: str = "", page_type: str = "",
                   locale=None, date_from=None, date_to=None):
    """Live, public pages of every portal narrowed by the given filters (real columns only)."""
    queryset = Page.objects.live().exclude(private_q()).filter(depth__gt=HOME_DEPTH)
    queryset = queryset.exclude(empty_sections_q())
    if portal is not None:
        queryset = queryset.filter(portal_filter(unit=portal))
    else:
        # One hit per document: a republished copy is found through its original (which
        # shows "also on N portals"); on one portal's search the copy is that portal's page.
        queryset = queryset.exclude(republished_copies_q())
    if kind:
        queryset = queryset.filter(kind_filter(kind=kind))
    if section:
        queryset = queryset.filter(content_types_filter(section_models(section)))
    if page_type:
        queryset = queryset.filter(content_types_filter([apps.get_model(page_type)]))
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    # Whole local days as datetimes: the engines cannot filter on a __date transform.
    if date_from:
        queryset = queryset.filter(first_published_at__gte=day_start(date_from))
    if date_to:
        queryset = queryset.filter(first_published_at__lt=day_start(date_to + datetime.timedelta(days=1)))
    return queryset


HIDDEN_PAGES_CACHE_KEY = "search:hidden-pages"
# Saving a section or a republished copy, unpublishing or deleting a page drops it in
# every process sharing the cache (hidden_pages_forget); the timeout is a safety net.
HIDDEN_PAGES_SECONDS = 600


def _hidden_pages() -> tuple[list[int], list[int], int, list[int]]:
    """(section index content types, section pages with an intro of their own, republished
    content type, republished copies whose original is gone or not live), cached briefly."""
    from cms.models import RepublishedPage, SectionIndexPage

    cached = cache.get(HIDDEN_PAGES_CACHE_KEY)
    if cached is not None:
        return cached
    from django.db.models import Value

    section_models = [m for m in portal_page_models() if issubclass(m, SectionIndexPage)]
    types = [ContentType.objects.get_for_model(m).pk for m in section_models]
    # One query: the sections with an intro and the orphaned copies, tagged.
    parts = [m.objects.exclude(intro="").order_by().values_list("pk", Value("section")) for m in section_models]
    parts.append(RepublishedPage.objects.filter(Q(source_page__isnull=True) | Q(source_page__live=False))
                 .order_by().values_list("pk", Value("orphan")))
    rows = list(parts[0].union(*parts[1:], all=True)) if parts else []
    with_intro = [pk for pk, tag in rows if tag == "section"]
    orphans = [pk for pk, tag in rows if tag == "orphan"]
    hidden = (types, with_intro, ContentType.objects.get_for_model(RepublishedPage).pk, orphans)
    cache.set(HIDDEN_PAGES_CACHE_KEY, hidden, HIDDEN_PAGES_SECONDS)
    return hidden


def hidden_pages_forget(sender=None, instance=None, **kwargs) -> None:
    """Saved: a section's intro or a republished copy may have changed; unpublished or
    deleted: any page may be a republished copy's original. Recompute the hidden pages."""
    from django.db.models.signals import post_save

    from cms.models import RepublishedPage, SectionIndexPage

    if kwargs.get("signal") is post_save:
        if isinstance(instance, (SectionIndexPage, RepublishedPage)):
            cache.delete(HIDDEN_PAGES_CACHE_KEY)
    elif isinstance(instance, Page):
        cache.delete(HIDDEN_PAGES_CACHE_KEY)


def empty_sections_q() -> Q:
    """Section index pages without content of their own (no intro): they only list
    other pages, which are found themselves (issue 17: they flooded broad queries)."""
    types, with_intro, _, _ = _hidden_pages()
    query = Q(content_type__in=types)
    return query & ~Q(pk__in=with_intro) if with_intro else query


def republished_copies_q() -> Q:
    _, _, republished_type, orphans = _hidden_pages()
    query = Q(content_type=republished_type)
    return query & ~Q(pk__in=orphans) if orphans else query


def private_q() -> Q:
    """Pages in a section with a view restriction: Wagtail's ``PageQuerySet.private_q``
    without a page instance per restriction (its query alone cost 4 ms of CPU per search)."""
    restricted = list(PageViewRestriction.objects.values_list("page_id", flat=True))
    query = Q(pk__in=[])
    for path in Page.objects.filter(pk__in=restricted).values_list("path", flat=True) if restricted else ():
        query |= Q(path__startswith=path)
    return query


def day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# --- running a query, with the fallback ---------------------------------------------


def fallback_available() -> bool:
    return FALLBACK_BACKEND in settings.WAGTAILSEARCH_BACKENDS


@dataclass
class FacetCounts:
    """Hits per portal home path, content type id and publication year (local time)."""

    homes: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    years: Counter = field(default_factory=Counter)

    def add_page(self, page) -> None:
        if len(page.path or "") >= HOME_PATH_LENGTH:
            self.homes[page.path[:HOME_PATH_LENGTH]] += 1
        self.types[page.content_type_id] += 1
        if page.first_published_at:
            self.years[timezone.localtime(page.first_published_at).year] += 1


@dataclass
class ResultPage:
    """One page of a search: its hit ids (best first), the total and, if asked, facet counts.

    ``engine_hits``: what the engine returned to show each hit (empty on the database).
    ``watch``: page ids the caller wants located (the document-number matches it puts
    first); ``found`` are those among all hits, ``sampled`` those the facets counted.
    """

    ids: list[int]
    total: int
    counts: FacetCounts | None = None
    engine_hits: dict[int, EngineHit] = field(default_factory=dict)
    found: set = field(default_factory=set)
    sampled: set = field(default_factory=set)


def _run(run, queryset, *, page: int, page_size: int, facets: bool = True, watch=(), query: str = ""):
    """``run(backend, queryset, **kwargs)`` -> results; one page of them, falling back when the engine is down."""
    options = {"page": page, "page_size": page_size, "facets": facets, "watch": list(watch), "query": query}
    try:
        return _page_of(run, get_search_backend(), queryset, **options), False
    except SearchUnavailable:
        if not fallback_available():
            raise
        logger.warning("search engine unavailable; answering from the database backend")
        return _page_of(run, get_search_backend(FALLBACK_BACKEND), queryset, **options), True


def _page_of(run, backend, queryset, *, page: int, page_size: int, facets: bool, watch: list,
             query: str) -> ResultPage:
    start = (page - 1) * page_size
    results = run(backend, queryset)
    if hasattr(results, "fetch_page"):
        return _engine_page(results, start=start, page_size=page_size, facets=facets, watch=watch, query=query)
    return _database_page(run, backend, queryset, results, start=start, page_size=page_size, facets=facets,
                          watch=watch)


# On the engine: one request brings the page of hit ids with what shows them (title
# aside: a highlighted snippet and the information date), the exact total and the facet
# counts (terms aggregations over the best FACET_HIT_LIMIT hits, as on the database).
# The hits are then checked against the database in one query of plain values.
PORTAL_BUCKETS = 5000  # more than the province has portals
TYPE_BUCKETS = 500  # more than there are page types
# Private-use characters around highlighted words: never in page text, so the
# fragment can be escaped first and marked up after.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
INFORMATION_DATE_SOURCE = "*__information_date_filter"
DISPLAY_SOURCE = "_display"  # search.backends.vietnamese.DISPLAY_FIELD: text as written


def engine_aggregations(results, watch: list) -> dict:
    from search.backends.vietnamese import PORTAL_HOME_FIELD

    def column(name):
        compiler = results.query_compiler
        return compiler.mapping.get_field_column_name(compiler._get_filterable_field(name))

    counts = {
        "portal": {"terms": {"field": PORTAL_HOME_FIELD, "size": PORTAL_BUCKETS}},
        "type": {"terms": {"field": column("content_type_id"), "size": TYPE_BUCKETS}},
        "year": {"date_histogram": {"field": column("first_published_at"), "calendar_interval": "year",
                                    "format": "yyyy", "min_doc_count": 1,
                                    "time_zone": timezone.get_current_timezone_name()}},
    }
    aggregations = {"sample": {"sampler": {"shard_size": FACET_HIT_LIMIT}, "aggs": counts}}
    if watch:
        located = {"terms": {"field": "pk", "include": [str(pk) for pk in watch], "size": len(watch)}}
        counts["watched"] = located
        aggregations["watched"] = located
    return aggregations


@lru_cache(maxsize=8)
def snippet_columns(mapping_class) -> list[str]:
    """The engine's columns of the page text a snippet is cut from, in ``page_text``'s order
    (the title aside: it is shown above the snippet)."""
    from modelsearch.index import RelatedFields, SearchField

    from search.text import FOLDED_FIELD

    columns = []
    for model in portal_page_models():
        mapping = mapping_class(model)
        for search_field in model.get_search_fields():
            if (isinstance(search_field, SearchField) and not isinstance(search_field, RelatedFields)
                    and search_field.field_name not in ("title", FOLDED_FIELD)):
                column = mapping.get_field_column_name(search_field)
                if column not in columns:
                    columns.append(column)
    return columns


def engine_highlight(columns: list[str]) -> dict:
    # no_match_size: a page found by its title alone still shows the start of its text.
    return {"type": "unified", "fields": {column: {} for column in columns}, "require_field_match": False,
            "pre_tags": [MARK_OPEN], "post_tags": [MARK_CLOSE], "fragment_size": SNIPPET_LENGTH,
            "number_of_fragments": 1, "no_match_size": SNIPPET_LENGTH}


def engine_hit(hit: dict, columns: list[str]) -> EngineHit:
    """The snippet and date of one engine hit: the first highlighted column, else the first with text."""
    from search.backends.vietnamese import DISPLAY_FIELD

    written = (hit.get("_source") or {}).get(DISPLAY_FIELD) or {}
    fragments = [(column, (hit.get("highlight") or {}).get(column)) for column in columns]
    fragments = [(column, f[0]) for column, f in fragments if f]
    marked = [(column, f) for column, f in fragments if MARK_OPEN in f]
    column, fragment = (marked or fragments or [("", "")])[0]
    if column in written:
        fragment = restore_spelling(fragment, written[column])
    dates = [v for k, v in (hit.get("_source") or {}).items() if k.endswith("__information_date_filter") and v]
    return EngineHit(snippet=fragment_html(fragment), information_date=_date_or_none(dates[0] if dates else None))


def restore_spelling(fragment: str, written: str) -> str:
    """``fragment`` (cut by the engine from the canonical spelling of ``written``, see
    ``search.text.canonical``) in the spelling of ``written``, marks kept in place. The
    canonical form has the same length as the NFC text, so positions carry over."""
    from search.text import canonical

    plain = fragment.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
    canon = canonical(written)
    at = canon.find(plain)
    if at < 0 or len(canon) != len(written):
        return fragment
    original = iter(written[at:at + len(plain)])
    return "".join(c if c in (MARK_OPEN, MARK_CLOSE) else next(original) for c in fragment)


def fragment_html(fragment: str) -> str:
    text = re.sub(r"\s+", " ", strip_tags(fragment)).strip()
    return escape(text).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


def _date_or_none(value):
    try:
        return datetime.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _engine_page(results, *, start, page_size, facets, watch, query) -> ResultPage:
    aggregations = engine_aggregations(results, watch) if facets else None
    columns = snippet_columns(results.backend.mapping_class) if query else []
    answer = results.fetch_page(start=start, size=page_size, aggregations=aggregations,
                                highlight=engine_highlight(columns) if columns else None,
                                source=[INFORMATION_DATE_SOURCE, DISPLAY_SOURCE] if columns else None)
    outcome = ResultPage(ids=[int(pk) for pk in answer.pks], total=answer.total)
    if columns:
        outcome.engine_hits = {int(hit["fields"]["pk"][0]): engine_hit(hit, columns) for hit in answer.hits}
    if facets:
        sample = answer.aggregations.get("sample", {})
        outcome.counts = FacetCounts(
            homes=Counter({b["key"]: b["doc_count"] for b in sample.get("portal", {}).get("buckets", [])}),
            types=Counter({int(b["key"]): b["doc_count"] for b in sample.get("type", {}).get("buckets", [])}),
            years=Counter({int(b["key_as_string"]): b["doc_count"] for b in sample.get("year", {}).get("buckets", [])}),
        )
        outcome.found = {int(b["key"]) for b in answer.aggregations.get("watched", {}).get("buckets", [])}
        outcome.sampled = {int(b["key"]) for b in sample.get("watched", {}).get("buckets", [])}
        if sample.get("doc_count") and not outcome.counts.homes:
            # Every page below a portal home has one: the index predates the field.
            from search.backends.vietnamese import PORTAL_HOME_FIELD

            logger.warning("the search index has no %s yet (run update_index); counting portals in the database",
                           PORTAL_HOME_FIELD)
            best = results.fetch_page(start=0, size=FACET_HIT_LIMIT)
            outcome.counts.homes = facet_counts([int(pk) for pk in best.pks]).homes
    return outcome


def _database_page(run, backend, queryset, results, *, start, page_size, facets, watch) -> ResultPage:
    """On the database backends: one ranked query for the ids (integers only) of the best
    ``FACET_HIT_LIMIT`` hits gives the page of hits and the facet sample; the facets are
    one GROUP BY over those ids."""
    if not facets:
        return ResultPage(ids=[p.pk for p in results[start:start + page_size]], total=0)
    best = _best_ids(run, backend, queryset, results)
    complete = len(best) < FACET_HIT_LIMIT  # every hit is among the best
    total = len(best) if complete else run(backend, queryset, order_by_relevance=False).count()
    if complete or start + page_size <= len(best):
        ids = best[start:start + page_size]
    else:  # a page past the best FACET_HIT_LIMIT
        ids = [p.pk for p in run(backend, queryset.only("id"))[start:start + page_size]]
    sampled = set(watch) & set(best)
    found = set(sampled)
    if not complete and set(watch) - sampled:
        found |= {p.pk for p in run(backend, queryset.filter(pk__in=set(watch) - sampled), order_by_relevance=False)}
    return ResultPage(ids=ids, total=total, counts=facet_counts(best), found=found, sampled=sampled)


def _best_ids(run, backend, queryset, results) -> list[int]:
    """Ids of the best ``FACET_HIT_LIMIT`` hits, best first, without building page objects."""
    best = results[:FACET_HIT_LIMIT]
    if hasattr(best, "get_queryset"):
        return list(best.get_queryset().values_list("pk", flat=True))
    return [p.pk for p in run(backend, queryset.only("id"))[:FACET_HIT_LIMIT]]


# Typo tolerance (issue 18 item 3): when the strict query (every word, as typed or
# folded) finds fewer than this many pages, a fuzzy query runs too and its hits follow
# the strict ones; the words of the best fuzzy hit become the suggestion.
FUZZY_MIN_RESULTS = 3


def pages_search(*, query: str, portal: Unit | None = None, kind: str = "", section: str = "",
                 page_type: str = "", locale=None, date_from=None, date_to=None, page: int = 1,
                 page_size: int = PAGE_SIZE) -> SearchOutcome:
    """Search every portal's live, public pages for ``query``."""
    from search.backends.vietnamese import FuzzyText
    from search.text import query_normalize

    query = query_normalize(query or "")
    queryset = pages_queryset(portal=portal, kind=kind, section=section, page_type=page_type, locale=locale,
                              date_from=date_from, date_to=date_to)
    number_matches = list(_document_number_matches(query, queryset))
    numbers = [p.pk for p in number_matches]

    def run(backend, queryset, order_by_relevance=True):
        return backend.search(query, queryset, operator="and", order_by_relevance=order_by_relevance)

    result, fallback = _run(run, queryset, page=page, page_size=page_size, watch=numbers, query=query)
    fuzzy = False
    if result.total + len(numbers) < FUZZY_MIN_RESULTS and query.strip():
        def run_fuzzy(backend, queryset, order_by_relevance=True):
            return backend.search(FuzzyText(query, operator="and"), queryset, order_by_relevance=order_by_relevance)

        # Fewer strict hits than one page: the fuzzy ones follow them on the first page.
        loose, loose_fallback = _run(run_fuzzy, queryset, page=page, page_size=page_size, query=query)
        strict = set(result.ids)
        extra = [pk for pk in loose.ids if pk not in strict]
        if extra:
            fuzzy, fallback = True, fallback or loose_fallback
            found = strict | set(loose.ids)
            result = ResultPage(
                ids=(result.ids + extra)[:page_size],
                total=len(found) if loose.total <= len(loose.ids) else loose.total + len(strict),
                counts=result.counts if result.total else loose.counts,
                engine_hits={**loose.engine_hits, **result.engine_hits},
                found=result.found, sampled=result.sampled)
    ids, total, counts = result.ids, result.total, result.counts
    if number_matches:
        # A document number finds that document first, on every backend (the engine
        # also boosts it; the database backend has no other way to know).
        ids = [pk for pk in ids if pk not in set(numbers)]
        if page == 1:
            ids = numbers + ids
        total += len([pk for pk in numbers if pk not in result.found])
        for match in number_matches:
            if match.pk not in result.sampled:
                counts.add_page(match)
    hits, facets = hits_and_facets(queryset, ids, query=query, engine_hits=result.engine_hits, counts=counts)
    suggestion = query_suggestion(query, hits) if fuzzy else ""
    from search.promotions import promotions_for_search

    promoted = promotions_for_search(query=query, portal=portal) if page == 1 else []
    return SearchOutcome(hits=hits, total=total, page=page, num_pages=max(1, math.ceil(total / page_size)),
                         facets=facets, fallback=fallback, suggestion=suggestion, fuzzy=fuzzy, page_size=page_size,
                         promotions=promoted)


def query_suggestion(query: str, hits: list[Hit]) -> str:
    """The query spelled as the best hits write it ("ddau tu" -> "đầu tư"), or "".

    Each word of the query is replaced by the closest word (same sound key, at most one
    edit apart) in the titles and snippets of the first hits: the index's own vocabulary,
    with its diacritics."""
    from search.text import fold, sound_key, telex_fold

    vocabulary = {}
    for hit in hits[:3]:
        for word in re.findall(r"[^\W_]+", hit.title + " " + strip_tags(hit.snippet)):
            key = sound_key(fold(word))
            vocabulary.setdefault(key, {}).setdefault(word.lower(), 0)
            vocabulary[key][word.lower()] += 1
    words = []
    changed = False
    for typed in telex_fold(query).split():
        key = sound_key(typed)
        candidates = vocabulary.get(key) or next(
            (v for k, v in vocabulary.items() if _one_edit(k, key)), None)
        if not candidates:
            words.append(typed)
            continue
        best = max(candidates, key=candidates.get)
        words.append(best)
        changed = True
    suggestion = " ".join(words)
    return suggestion if changed and suggestion != query.lower() else ""


def _one_edit(a: str, b: str) -> bool:
    """True if ``a`` and ``b`` differ by at most one insertion, deletion or substitution."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _document_number_matches(query: str, queryset):
    """Legal documents whose number is the query or a part of it ("quyết định 96/QĐ-UBND")."""
    from search.text import document_numbers

    keys = {document_number_key(number) for number in document_numbers(query or "")}
    keys = {key for key in keys if "/" in key}
    if not keys:
        return Page.objects.none()
    ids = LegalDocumentPage.objects.filter(document_number_key__in=keys).values("pk")
    return queryset.filter(pk__in=ids)


def pages_autocomplete(*, query: str, limit: int = 10) -> tuple[list[Page], bool]:
    queryset = Page.objects.live().exclude(private_q()).filter(depth__gt=HOME_DEPTH)

    def run(backend, queryset, order_by_relevance=True):
        return backend.autocomplete(query, queryset, operator="and", order_by_relevance=order_by_relevance)

    result, fallback = _run(run, queryset, page=1, page_size=limit, facets=False)
    by_pk = queryset.in_bulk(result.ids)
    return [by_pk[pk] for pk in result.ids if pk in by_pk], fallback


# --- presenting hits -----------------------------------------------------------------

HIT_COLUMNS = ("pk", "title", "url_path", "path", "content_type_id", "first_published_at")


# Characters a URL path segment keeps as they are (Django's reverse quotes nothing else here).
_PLAIN_PATH = re.compile(r"[A-Za-z0-9_\-/]*")


class PageUrls:
    """``Page.get_full_url()`` of many pages from their ``url_path`` alone, without a page each.

    Wagtail's URL of a page is its site root's URL plus the rest of its url_path, reversed
    through ``wagtail_serve`` (language prefix, quoting): a reverse per page cost a third
    of a search's Python time. Here Wagtail computes each site root's URL once (on a bare
    page, so its own rules apply) and plain ASCII paths are appended to it; any other path
    (Unicode slugs need quoting) and WAGTAIL_APPEND_SLASH = False go through Wagtail whole.
    """

    def __init__(self):
        self.bare_page = Page()
        # Wagtail orders site roots by url_path descending: of the roots a page lies
        # under, the deepest comes first (and the default site among aliases of one root).
        self.roots = {}
        for root in self.bare_page._get_site_root_paths():
            self.roots.setdefault(root.root_path, root)

    def __call__(self, url_path: str) -> str:
        from wagtail.coreutils import WAGTAIL_APPEND_SLASH

        root = self._root_of(url_path)
        if root is None:
            return ""
        rest = url_path[len(root.root_path):]
        if not WAGTAIL_APPEND_SLASH or not _PLAIN_PATH.fullmatch(rest):
            return self._wagtail_url(url_path)
        root_url = _site_root_url(root, translation.get_language(), get_urlconf() or settings.ROOT_URLCONF)
        return root_url + rest if root_url.endswith("/") else self._wagtail_url(url_path)

    def _root_of(self, url_path: str):
        """The site root Wagtail would pick: the deepest root path ``url_path`` starts with."""
        end = len(url_path)
        while end > 0:
            root = self.roots.get(url_path[:end])
            if root is not None:
                return root
            end = url_path.rfind("/", 0, end - 1) + 1
        return None

    def _wagtail_url(self, url_path: str) -> str:
        self.bare_page.url_path = url_path
        return self.bare_page.get_full_url() or ""


@lru_cache(maxsize=4096)
def _site_root_url(root, language: str, urlconf) -> str:
    """A site root's URL in ``language`` as Wagtail reverses it, once per process: the
    arguments are everything the reverse depends on (a renamed host is a new ``root``)."""
    page = Page()
    page.url_path = root.root_path
    return page.get_full_url() or ""


def hits_and_facets(queryset, ids: list[int], *, query: str, engine_hits: dict[int, EngineHit] | None = None,
                    counts: FacetCounts | None = None) -> tuple[list[Hit], dict]:
    """The hits ``ids`` (best first) that ``queryset`` still serves, and the facets of ``counts``.

    One query of plain values checks and describes the hits; only hits the engine did not
    describe (all of them on the database backend) are loaded as pages for their text.
    Portals of the hits and of the facets are read in one query.
    """
    engine_hits = engine_hits or {}
    rows = {row["pk"]: row for row in queryset.filter(pk__in=ids).annotate(also_on=republished_count())
            .values(*HIT_COLUMNS, "also_on")} if ids else {}
    ids = [pk for pk in ids if pk in rows]
    undescribed = [pk for pk in ids if pk not in engine_hits]
    pages = Page.objects.filter(pk__in=undescribed).specific().in_bulk() if undescribed else {}
    homes = {rows[pk]["path"][:HOME_PATH_LENGTH] for pk in ids} | set(counts.homes if counts else ())
    portals = portal_labels(homes)
    page_url = PageUrls()
    hits = []
    for pk in ids:
        row = rows[pk]
        page = pages.get(pk)
        described = engine_hits.get(pk)
        if described:
            snippet, date = described.snippet, described.information_date
        else:
            from search.text import page_text

            snippet, date = snippet_html(page_text(page), query), getattr(page, "information_date", None)
        model = ContentType.objects.get_for_id(row["content_type_id"]).model_class() or Page
        published = row["first_published_at"]
        hits.append(Hit(
            id=pk, page_type=page_type_label(model), title=row["title"], url=page_url(row["url_path"]),
            portal=portals.get(row["path"][:HOME_PATH_LENGTH]), section=getattr(model, "mandate_item", "") or "",
            date=date or (timezone.localtime(published).date() if published else None), snippet=snippet,
            also_on=row["also_on"] or 0,
        ))
    return hits, facets_from_counts(counts, portals=portals)


def republished_count():
    """How many portals show a live republished copy of the page (a subquery of the hits query)."""
    from django.db.models import IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from cms.models import RepublishedPage

    copies = (RepublishedPage.objects.live().filter(source_page_id=OuterRef("pk")).order_by()
              .values("source_page_id").annotate(n=Count("unit_id", distinct=True)).values("n"))
    return Coalesce(Subquery(copies, output_field=IntegerField()), 0)


PORTAL_LABELS_CACHE_KEY = "search:portal-labels"
# Saving a unit or a site drops the cached labels in this process (search.apps); other
# processes see a renamed portal after at most this long.
PORTAL_LABELS_SECONDS = 60


def portal_labels(home_paths) -> dict[str, PortalLabel]:
    """Portal home path -> what is shown of its unit, as plain values (a facet over every
    portal built ~130 page objects per search), from the cache: the join cost 5 ms a search."""
    if not home_paths:
        return {}
    labels = cache.get(PORTAL_LABELS_CACHE_KEY)
    if labels is None:
        rows = Unit.objects.filter(site__root_page__isnull=False).values_list(
            "site__root_page__path", "slug", "name", "short_name", "kind")
        labels = {path: PortalLabel(slug, name, short_name, kind) for path, slug, name, short_name, kind in rows}
        cache.set(PORTAL_LABELS_CACHE_KEY, labels, PORTAL_LABELS_SECONDS)
    return {path: labels[path] for path in home_paths if path in labels}


def portal_labels_forget(**kwargs) -> None:
    cache.delete(PORTAL_LABELS_CACHE_KEY)


# --- facets --------------------------------------------------------------------------


def facet_counts(page_ids) -> FacetCounts:
    """Counts over ``page_ids`` (a list or a subquery of ids), grouped in the database."""
    rows = (
        Page.objects.filter(pk__in=page_ids)
        .order_by()
        .annotate(home=Substr("path", 1, HOME_PATH_LENGTH), year=ExtractYear("first_published_at"))
        .values_list("home", "content_type", "year")
        .annotate(n=Count("pk"))
    )
    counts = FacetCounts()
    for home, content_type, year, n in rows:
        if len(home or "") == HOME_PATH_LENGTH:
            counts.homes[home] += n
        counts.types[content_type] += n
        if year:
            counts.years[year] += n
    return counts


def facets_for(page_ids) -> dict[str, list[dict]]:
    """Counts by portal, unit kind, section, page type and year over ``page_ids``."""
    return facets_from_counts(facet_counts(page_ids))


def facets_from_counts(counts: FacetCounts | None, *, portals: dict[str, PortalLabel] | None = None
                       ) -> dict[str, list[dict]]:
    """The facets shown to readers from raw counts (portal home path, content type, year).

    ``portals``: the labels of the portals counted, if the caller has them already."""
    from tenants.models import UnitKind

    counts = counts or FacetCounts()
    homes = portals if portals is not None else portal_labels(counts.homes)
    portal, kind, section, page_type = Counter(), Counter(), Counter(), Counter()
    for home, n in counts.homes.items():
        unit = homes.get(home)
        if unit:
            portal[unit] += n
            kind[unit.kind] += n
    for content_type, n in counts.types.items():
        try:
            model = ContentType.objects.get_for_id(content_type).model_class()
        except ContentType.DoesNotExist:
            model = None
        if model is not None:
            page_type[model] += n
            if getattr(model, "mandate_item", ""):
                section[model.mandate_item] += n
    return {
        "portal": [{"value": u.slug, "label": u.short_name, "count": n} for u, n in portal.most_common()],
        "kind": [{"value": k, "label": str(UnitKind(k).label), "count": n} for k, n in kind.most_common()],
        "section": [{"value": s, "label": str(MANDATE_ITEMS[s].label) if s in MANDATE_ITEMS else s, "count": n}
                    for s, n in section.most_common()],
        "type": [{"value": page_type_label(m), "label": str(m._meta.verbose_name), "count": n}
                 for m, n in page_type.most_common()],
        "year": [{"value": str(y), "label": str(y), "count": n} for y, n in sorted(counts.years.items(), reverse=True)],
    }


# --- legal documents (Điều 8.1.e: the document search tool) -------------------------


def legal_documents_search(*, query: str = "", number: str = "", document_type: str = "", authority: str = "",
                           date_from=None, date_to=None, portal: Unit | None = None, page: int = 1,
                           page_size: int = PAGE_SIZE) -> SearchOutcome:
    """Legal documents by number, type, issuing authority, issue date and abstract words."""
    queryset = LegalDocumentPage.objects.live().public()
    if portal is not None:
        queryset = queryset.filter(unit=portal)
    if number:
        queryset = queryset.filter(document_number_key=document_number_key(number))
    if document_type:
        queryset = queryset.filter(document_type=document_type)
    if authority:
        queryset = queryset.filter(issuing_authority=authority)
    if date_from:
        queryset = queryset.filter(issue_date__gte=date_from)
    if date_to:
        queryset = queryset.filter(issue_date__lte=date_to)
    if not query:
        ordered = queryset.order_by("-issue_date", "-pk")
        total = ordered.count()
        start = (page - 1) * page_size
        ids = list(ordered.values_list("pk", flat=True)[start:start + page_size])
        sample = ordered if total <= FACET_HIT_LIMIT else ordered[:FACET_HIT_LIMIT]
        counts, fallback, engine_hits = facet_counts(sample.values("pk")), False, {}
    else:
        def run(backend, queryset, order_by_relevance=True):
            return backend.search(query, queryset, operator="and", order_by_relevance=order_by_relevance)

        result, fallback = _run(run, queryset, page=page, page_size=page_size, query=query)
        ids, total, counts, engine_hits = result.ids, result.total, result.counts, result.engine_hits
    hits, facets = hits_and_facets(queryset, ids, query=query, engine_hits=engine_hits, counts=counts)
    return SearchOutcome(hits=hits, total=total, page=page, num_pages=max(1, math.ceil(total / page_size)),
                         facets=facets, fallback=fallback)


# --- keeping the index whole (issue #4, robustness) ---------------------------------


def index_update_defer(*, obj, action: str) -> None:
    """Record that ``obj`` could not be added to / deleted from the engine's index."""
    PendingIndexUpdate.objects.update_or_create(
        model_label=obj._meta.label_lower, object_id=str(obj.pk), defaults={"action": action}
    )


# The queue replays itself (search.tasks.pending_replay_task) once the engine accepts an
# update again: at most once per PENDING_REPLAY_INTERVAL, however many updates succeed
# (a cache.add guard, shared by every process through the Redis cache), and never from
# inside a replay or repair (``pending_replay_suppressed``), which would only recurse:
# in development and tests the task runs at once, inside the update that enqueued it.
PENDING_REPLAY_GUARD_KEY = "search:pending-replay"
PENDING_REPLAY_INTERVAL = 60  # seconds
_pending_replay_suppressed = contextvars.ContextVar("search_pending_replay_suppressed", default=False)


@contextlib.contextmanager
def pending_replay_suppressed():
    """No replay is enqueued by the updates sent inside this block (a replay, a repair)."""
    token = _pending_replay_suppressed.set(True)
    try:
        yield
    finally:
        _pending_replay_suppressed.reset(token)


def index_update_succeeded() -> bool:
    """The engine accepted an update: if updates wait in the queue, enqueue their replay.

    Called by the backend after every successful add/delete, so it costs one ``exists()``
    query while the queue is empty (the normal case) and never raises: the update itself
    succeeded, and ``search_parity --repair`` still replays the queue. Returns whether a
    replay was enqueued."""
    if _pending_replay_suppressed.get():
        return False
    try:
        if not PendingIndexUpdate.objects.exists():
            return False
        if not cache.add(PENDING_REPLAY_GUARD_KEY, 1, timeout=PENDING_REPLAY_INTERVAL):
            return False  # enqueued less than PENDING_REPLAY_INTERVAL ago
        from search.tasks import pending_replay_task

        pending_replay_task.enqueue()
    except Exception:  # noqa: BLE001 - the queue waits for the next success or the repair
        logger.exception("Could not enqueue the replay of the pending index updates")
        return False
    return True


# --- the week's queries (issue 18 item 5): counts only, no personal data ---------------

QUERY_RECORD_LENGTH = 200


def week_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def query_record(*, query: str, portal: Unit | None, found: int) -> None:
    """Count one public search of ``query`` on ``portal`` (None: all portals) this week.

    The query is kept in its normalised, lower-case form, so "Hoà giải" and "hòa giải"
    count as one; nothing about who searched is stored. Never fails the search."""
    from django.db import IntegrityError, transaction
    from django.db.models import F

    from search.models import SearchQueryStat
    from search.text import query_normalize

    text = " ".join(query_normalize(query or "").lower().split())[:QUERY_RECORD_LENGTH]
    if not text:
        return
    key = {"portal": portal.slug if portal is not None else "", "week": week_of(timezone.localdate()), "query": text}
    changes = {"count": F("count") + 1, "zero_results": F("zero_results") + (0 if found else 1)}
    try:
        if not SearchQueryStat.objects.filter(**key).update(**changes):
            try:
                with transaction.atomic():
                    SearchQueryStat.objects.create(**key, count=1, zero_results=0 if found else 1)
            except IntegrityError:  # created meanwhile by another request
                SearchQueryStat.objects.filter(**key).update(**changes)
    except Exception:  # noqa: BLE001 - statistics must never break a search
        logger.exception("could not record a search query")


@dataclass
class QueryReport:
    week: datetime.date
    portal: str  # unit slug, "" = searches across all portals
    frequent: list[tuple[str, int]]
    zero_results: list[tuple[str, int]]


def weekly_query_report(*, week: datetime.date, portal: str | None = None, limit: int = 20) -> list[QueryReport]:
    """The most frequent and the zero-result queries of ``week``, per portal (or one)."""
    from search.models import SearchQueryStat

    rows = SearchQueryStat.objects.filter(week=week_of(week))
    if portal is not None:
        rows = rows.filter(portal=portal)
    reports = []
    for slug in sorted(set(rows.values_list("portal", flat=True))):
        mine = rows.filter(portal=slug)
        reports.append(QueryReport(
            week=week_of(week), portal=slug,
            frequent=list(mine.order_by("-count", "query").values_list("query", "count")[:limit]),
            zero_results=list(mine.filter(zero_results__gt=0).order_by("-zero_results", "query")
                              .values_list("query", "zero_results")[:limit]),
        ))
    return reports
