"""The engine's side of a search: one request for a page of hits, the total, the facet
aggregations and highlighted snippets, and reading its answer."""

import datetime
import logging
from collections import Counter
from functools import lru_cache

from django.utils import timezone
from django.utils.html import escape, strip_tags

from cms.models.base import portal_page_models
from search.snippets import SNIPPET_LENGTH
from search.services import facets as facet_counting
from search.services.facets import facet_counts
from search.services.outcome import EngineHit, FacetCounts, ResultPage

# One logger for the package, under the name the module had before it was split.
logger = logging.getLogger("search.services")

# On the engine: one request brings the page of hit ids with what shows them (title
# aside: a highlighted snippet and the information date), the exact total and the facet
# counts (terms aggregations over the best facet_counting.FACET_HIT_LIMIT hits, as on the database).
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
        return _filter_column(results.query_compiler, name)

    counts = {
        "portal": {"terms": {"field": PORTAL_HOME_FIELD, "size": PORTAL_BUCKETS}},
        "type": {"terms": {"field": column("content_type_id"), "size": TYPE_BUCKETS}},
        "year": {"date_histogram": {"field": column("first_published_at"), "calendar_interval": "year",
                                    "format": "yyyy", "min_doc_count": 1,
                                    "time_zone": timezone.get_current_timezone_name()}},
    }
    aggregations = {"sample": {"sampler": {"shard_size": facet_counting.FACET_HIT_LIMIT}, "aggs": counts}}
    if watch:
        located = {"terms": {"field": "pk", "include": [str(pk) for pk in watch], "size": len(watch)}}
        counts["watched"] = located
        aggregations["watched"] = located
    return aggregations


_FILTER_COLUMNS: dict = {}


def _filter_column(compiler, name: str) -> str:
    """The index column of filter field ``name``, once per compiler class and model
    (modelsearch builds a dict of every filter field to find one)."""
    key = (type(compiler), compiler.queryset.model, name)
    column = _FILTER_COLUMNS.get(key)
    if column is None:
        column = _FILTER_COLUMNS[key] = compiler.mapping.get_field_column_name(compiler._get_filterable_field(name))
    return column


@lru_cache(maxsize=8)
def snippet_columns(mapping_class) -> list[str]:
    """The engine's columns of the page text a snippet is cut from, in ``page_text``'s order
    (the title aside: it is shown above the snippet)."""
    from modelsearch.index import RelatedFields, SearchField

    from search.text import FOLDED_FIELD, PORTAL_NAME_FIELD

    columns = []
    for model in portal_page_models():
        mapping = mapping_class(model)
        for search_field in model.get_search_fields():
            if (isinstance(search_field, SearchField) and not isinstance(search_field, RelatedFields)
                    and search_field.field_name not in ("title", FOLDED_FIELD, PORTAL_NAME_FIELD)):
                column = mapping.get_field_column_name(search_field)
                if column not in columns:
                    columns.append(column)
    return columns


def engine_highlight(columns: list[str]) -> dict:
    # no_match_size: a page found by its title alone still shows the start of its text.
    return {"type": "unified", "fields": {column: {} for column in columns}, "require_field_match": False,
            "pre_tags": [MARK_OPEN], "post_tags": [MARK_CLOSE], "fragment_size": SNIPPET_LENGTH,
            "number_of_fragments": 1, "no_match_size": SNIPPET_LENGTH}


_COLUMN_ORDERS: dict = {}


def _order(columns: list[str]) -> dict[str, int]:
    """Column -> its place in ``columns`` (the few lists of ``snippet_columns``, kept)."""
    key = tuple(columns)
    order = _COLUMN_ORDERS.get(key)
    if order is None:
        order = _COLUMN_ORDERS[key] = {column: i for i, column in enumerate(columns)}
    return order


def engine_hit(hit: dict, columns: list[str]) -> EngineHit:
    """The snippet and date of one engine hit: the first highlighted column, else the first with text."""
    from search.backends.vietnamese import DISPLAY_FIELD

    written = (hit.get("_source") or {}).get(DISPLAY_FIELD) or {}
    highlight = hit.get("highlight") or {}
    # In the columns' order; only the few the engine highlighted (of ~50 columns).
    order = _order(columns)
    fragments = sorted(((column, f[0]) for column, f in highlight.items() if f and column in order),
                       key=lambda item: order[item[0]])
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
    plain = fragment.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
    at = _canonical_find(plain, written)
    if at < 0:
        return fragment
    original = iter(written[at:at + len(plain)])
    return "".join(c if c in (MARK_OPEN, MARK_CLOSE) else next(original) for c in fragment)


@lru_cache(maxsize=1)
def _loose_table() -> dict:
    """Each precomposed Latin letter (Vietnamese's among them) -> its base letter, and y -> i."""
    import unicodedata

    table = {ord("đ"): "d", ord("Đ"): "d", ord("y"): "i", ord("Y"): "i"}
    for code in range(0xC0, 0x1F00):
        base = unicodedata.normalize("NFD", chr(code))[:1]
        if base.isascii() and base.isalpha() and base != chr(code):
            table[code] = "i" if base in "yY" else base.lower()
    return table


def _loose(text: str) -> str:
    """``text`` without tone and vowel marks, with y as i, lower case: what canonical
    spelling cannot change, one character for one (``str.translate``, C speed)."""
    return text.translate(_loose_table()).lower()


def _canonical_find(plain: str, written: str) -> int:
    """Where ``plain`` (canonical spelling) starts in ``canonical(written)``, or -1.

    ``canonical`` runs a Python function per word: over a whole page body for each of 20
    hits it was most of a search's Python time (issue 18, latency). The fragment is
    found in the loose form first, and only that stretch is made canonical to confirm it;
    a stretch not on word boundaries (canonical spelling depends on the whole word) or
    text whose loose form changes length takes the whole-text way."""
    from search.text import canonical

    loose, target = _loose(written), _loose(plain)
    if len(loose) == len(written) and len(target) == len(plain) and plain:
        at = loose.find(target)
        while at >= 0:
            end = at + len(plain)
            on_words = (at == 0 or not written[at - 1].isalnum()) and (end == len(written) or not written[end].isalnum())
            if on_words and canonical(written[at:end]) == plain:
                return at
            at = loose.find(target, at + 1)
    canon = canonical(written)
    return canon.find(plain) if len(canon) == len(written) else -1


def fragment_html(fragment: str) -> str:
    # Django's strip_tags runs an HTML parser (~40 us a hit, issue 18 latency); text
    # without "<" has no tag for it to strip, and the result is escaped either way.
    text = " ".join((strip_tags(fragment) if "<" in fragment else fragment).split())
    return escape(text).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


def _date_or_none(value):
    try:
        return datetime.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


# The total and facet counts of a search (by its engine request: words, filters) are
# kept this long: a query asked again (the next page, a popular query, the same words on
# another visit) gets its page of hits without the engine counting every match again
# (issue 18, latency). Hits are always fresh; the counts may lag an edit by this long.
ENGINE_COUNTS_SECONDS = 60


class _EngineCounts:
    """The Django cache, as ``fetch_page``'s ``kept``: an entry holds while the index has
    not changed since (``search.backends.vietnamese.INDEX_GENERATION_KEY``, renewed by
    every indexing write): a page published, edited or deleted counts at once."""

    def __init__(self):
        self.generation = None

    def get(self, key):
        from django.core.cache import cache

        from search.backends.vietnamese import INDEX_GENERATION_KEY

        values = cache.get_many([INDEX_GENERATION_KEY, key])
        self.generation = values.get(INDEX_GENERATION_KEY)
        if self.generation is None:  # an empty cache: whatever was indexed before is new to it
            import uuid

            cache.add(INDEX_GENERATION_KEY, uuid.uuid4().hex, None)
            self.generation = cache.get(INDEX_GENERATION_KEY)
            return None
        entry = values.get(key)
        return entry[1] if entry and self.generation is not None and entry[0] == self.generation else None

    def set(self, key, value):
        from django.core.cache import cache

        if self.generation is not None:
            cache.set(key, (self.generation, value), ENGINE_COUNTS_SECONDS)


def _engine_page(results, *, start, page_size, facets, watch, query) -> ResultPage:
    aggregations = engine_aggregations(results, watch) if facets else None
    columns = snippet_columns(results.backend.mapping_class) if query else []
    answer = results.fetch_page(start=start, size=page_size, aggregations=aggregations,
                                highlight=engine_highlight(columns) if columns else None,
                                source=[INFORMATION_DATE_SOURCE, DISPLAY_SOURCE] if columns else None,
                                kept=_EngineCounts())
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
            best = results.fetch_page(start=0, size=facet_counting.FACET_HIT_LIMIT)
            outcome.counts.homes = facet_counts([int(pk) for pk in best.pks]).homes
    return outcome
