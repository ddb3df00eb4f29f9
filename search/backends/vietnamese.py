"""What our engine backends add to modelsearch's Elasticsearch/OpenSearch backends.

- Analysis: every text field is folded (lower case, đ->d, tone marks removed), so
  "thong bao" finds "thông báo"; each text field also gets an ``exact`` sub-field that
  keeps the diacritics, searched with a boost, so exact matches rank above folded ones.
- A document number in the query ("96/qd-ubnd", "96/QĐ-UBND") is matched exactly on
  every filter field a model's ``search_fields`` declares with ``exact_key`` (the
  function giving the stored key of a typed number: ``LegalDocumentPage``'s
  ``document_number_key``) and boosted above everything else.
- Indexing errors (engine down) are queued in ``search.models.PendingIndexUpdate``
  instead of being only logged, so nothing is lost. The next update the engine accepts
  enqueues the queue's replay (``search.tasks.pending_replay_task``, at most once a
  minute, see ``search.services.index_update_succeeded``); ``search_parity --repair``
  replays it too, with a full comparison of index and database.
- Search errors (engine down) surface as ``SearchUnavailable`` for the service to
  fall back to the database backend.
- Every page document carries ``_portal_home`` (keyword: the first ``HOME_DEPTH``
  steps of its ``path``, i.e. its portal home's path) so the search service can count
  hits per portal with a terms aggregation; ``fetch_page`` runs one request for a page
  of hit ids, the total and the aggregations (see ``search.services``).
"""

import logging
from typing import NamedTuple

from modelsearch.index import FilterField
from modelsearch.query import PlainText

from search.text import FOLDED_FIELD

logger = logging.getLogger(__name__)

# Standalone "đ" is folded by a char filter before asciifolding sees it: explicit, and
# independent of the asciifolding tables of whichever engine version runs.
# The spelling rules of issue 18 (NFC, one tone placement, one i/y spelling) are applied
# in Python to every text value sent (``VietnameseMappingMixin.get_document``) and to
# every query (``search.text.query_normalize``): one implementation for both engines and
# the database, and no analysis component beyond the mapping char filter, asciifolding
# and lowercase, which every engine distribution we run has.
ANALYSIS = {
    "char_filter": {"vi_dd": {"type": "mapping", "mappings": ["đ => d", "Đ => D"]}},
    "analyzer": {
        # The index's default: every text field (title, _all_text …) is folded.
        "default": {"type": "custom", "tokenizer": "standard", "char_filter": ["vi_dd"],
                    "filter": ["lowercase", "asciifolding"]},
        "vi_exact": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
        "edgengram_analyzer": {"type": "custom", "tokenizer": "standard", "char_filter": ["vi_dd"],
                               "filter": ["asciifolding", "lowercase", "edgengram"]},
        "ngram_analyzer": {"type": "custom", "tokenizer": "standard", "char_filter": ["vi_dd"],
                           "filter": ["asciifolding", "lowercase", "ngram"]},
    },
}
INDEX_SETTINGS = {"settings": {"analysis": ANALYSIS}}

EXACT_SUBFIELD = "exact"
# Every searched text of a document, folded (modelsearch's ``all_field_name``).
ALL_TEXT_FIELD = "_all_text"
# A page's words as sound keys (``search.text.sound_fold``), for the fuzzy fallback.
SOUND_FIELD = "_sound"
# The text values as written (NFC), kept unindexed: snippets show the page's own
# spelling, not the canonical one the index matches on.
DISPLAY_FIELD = "_display"
# Keys of a page document that are not text to normalise.
_NOT_TEXT = {"pk", "_django_content_type", "content_type", SOUND_FIELD, DISPLAY_FIELD}
# How much an exact (with diacritics) match outweighs a folded one, and a document
# number match everything else: a citizen typing "96/QĐ-UBND" wants that decision first.
EXACT_BOOST = 3.0
DOCUMENT_NUMBER_BOOST = 50.0
# The option of a ``FilterField`` in a model's ``search_fields`` naming its exact-key function.
EXACT_KEY_OPTION = "exact_key"


def exact_key_columns(mapping_class) -> list[tuple[str, object, float]]:
    """(index column, key function, boost) of every filter field an indexed model declares
    with ``exact_key`` in its ``search_fields``: the backend knows no model by name."""
    columns = _EXACT_KEY_COLUMNS.get(mapping_class)
    if columns is None:
        from modelsearch.index import get_indexed_models

        columns = []
        for model in get_indexed_models():
            for search_field in model.get_search_fields():
                key = search_field.kwargs.get(EXACT_KEY_OPTION) if isinstance(search_field, FilterField) else None
                if key is None or search_field.get_definition_model(model) is not model:
                    continue  # declared on a parent: listed once, under the model defining it
                column = mapping_class(model).get_field_column_name(search_field)
                boost = search_field.kwargs.get("boost", DOCUMENT_NUMBER_BOOST)
                if all(column != c for c, _, _ in columns):
                    columns.append((column, key, boost))
        _EXACT_KEY_COLUMNS[mapping_class] = columns
    return columns


_EXACT_KEY_COLUMNS: dict = {}


class SearchUnavailable(Exception):
    """The search engine did not answer; the caller may fall back to the database."""


def with_exact_subfields(properties: dict) -> dict:
    """Add an unfolded ``exact`` sub-field to every full-text field of a mapping, and fold
    what is typed into autocomplete as the prefixes were folded when indexed: modelsearch
    searches them with "standard", so "thôn" found nothing while "thon" found "thông"."""
    for name, field in properties.items():
        if field.get("type") == "text" and "analyzer" not in field and name != "_edgengrams":
            field.setdefault("fields", {})[EXACT_SUBFIELD] = {"type": "text", "analyzer": "vi_exact"}
        if field.get("analyzer") in ("edgengram_analyzer", "ngram_analyzer"):
            field["search_analyzer"] = "default"
        if field.get("type") == "nested":
            with_exact_subfields(field["properties"])
    return properties


# The portal of a page, for facet counts (issue #4): its home's path (root > provincial
# root > portal home = 3 steps). A prefix of the real ``path`` column, so it is exactly
# what the database facets group by (``Substr(path, 1, PORTAL_HOME_PATH_LENGTH)``).
PORTAL_HOME_FIELD = "_portal_home"
PORTAL_HOME_DEPTH = 3


def _is_page_model(model) -> bool:
    from wagtail.models import Page

    return issubclass(model, Page)


def nfc_values(value):
    """``value`` (a document: dicts, lists, strings) with every string in NFC."""
    import unicodedata

    if isinstance(value, str):
        return value if value.isascii() else unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {k: nfc_values(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nfc_values(v) for v in value]
    return value


def canonical_values(value):
    from search.text import canonical

    if isinstance(value, str):
        return canonical(value)
    if isinstance(value, dict):
        return {k: canonical_values(v) for k, v in value.items()}
    if isinstance(value, list):
        return [canonical_values(v) for v in value]
    return value


def _strings(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return " ".join(_strings(v) for v in value.values())
    if isinstance(value, list):
        return " ".join(_strings(v) for v in value)
    return ""


def sound_fold(text: str) -> str:
    from search.text import sound_fold

    return sound_fold(text)


class VietnameseMappingMixin:
    def get_mapping(self):
        mapping = super().get_mapping()
        with_exact_subfields(mapping["properties"])
        if _is_page_model(self.model):
            mapping["properties"][PORTAL_HOME_FIELD] = {"type": "keyword"}
        mapping["properties"][SOUND_FIELD] = {"type": "text"}
        mapping["properties"][DISPLAY_FIELD] = {"type": "object", "enabled": False}
        return mapping

    def _get_document_field_data(self, field, obj):
        # The folded copy of a page's text exists for the database backend, which cannot
        # fold; the engine folds every text field itself (ANALYSIS), so the copy would
        # only be computed, sent and analysed twice for nothing.
        if field.field_name == FOLDED_FIELD and not isinstance(field, FilterField):
            return self.get_field_column_name(field), None, []
        return super()._get_document_field_data(field, obj)

    def get_document(self, obj):
        # Every text value (StreamField and rich text included) in the spelling queries
        # are searched with (an NFD body was not found; "hoà" missed "hòa"); the values
        # as written stay in DISPLAY_FIELD for snippets.
        doc = super().get_document(obj)
        display, words = {}, []
        for key, value in doc.items():
            if key in _NOT_TEXT or key.endswith("_filter") or not isinstance(value, (str, list, dict)):
                continue
            written = nfc_values(value)
            doc[key] = canonical_values(written)
            if doc[key] != written and isinstance(written, str):
                display[key] = written
            words.append(_strings(written))
        doc[DISPLAY_FIELD] = display
        doc[SOUND_FIELD] = sound_fold(" ".join(words))
        if _is_page_model(self.model):
            home_length = obj.steplen * PORTAL_HOME_DEPTH
            doc[PORTAL_HOME_FIELD] = obj.path[:home_length] if len(obj.path or "") >= home_length else None
        return doc


class FuzzyText(PlainText):
    """The fuzzy fallback of a query (``search.services``): what the strict query missed
    because of a typo, a Telex leftover or a confusable spelling.

    ``edits``: 0 matches the Telex-decoded words and the words' sound keys exactly (the
    fallback's first, cheap step: "ddaats ddai", "sử lý" for "xử lý"); 1 also allows one
    edit per word (a letter missing, swapped or wrong): each word or one of the index's
    terms one edit away from it, which the engines' term suggester finds (``corrections``).
    A fuzzy query expanding every word in the engine cost 3-5 times more (issue 18, latency)."""

    def __init__(self, query_string: str, operator: str = PlainText.DEFAULT_OPERATOR, boost: float = 1,
                 edits: int = 1):
        super().__init__(query_string, operator=operator, boost=boost)
        self.edits = edits
        # The engines' one-edit step: [(column, [(word, [index terms one edit away])])]
        # (``CorrectingBackendMixin.term_corrections``), filled by the backend before
        # the query is compiled. None on the database backend, which has its own forms.
        self.corrections: list[tuple[str, list[tuple[str, list[str]]]]] | None = None

    def correction_texts(self) -> list[tuple[str, str]]:
        """(column, text) the one-edit step corrects: the words as typed and Telex-decoded
        (when that differs) on the folded text, and their sound keys."""
        from search.text import fold, query_normalize, sound_fold, telex_fold

        text = query_normalize(self.query_string)
        decoded = telex_fold(text)
        # The engine folds ``text`` as ``fold`` does: one text when decoding changed nothing.
        texts = [text] if " ".join(fold(text).split()) == decoded else [text, decoded]
        return [(ALL_TEXT_FIELD, t) for t in texts] + [(SOUND_FIELD, sound_fold(decoded))]


# Ranking (issue 18 item 2): the words as a phrase (slop) in the title and the text
# above the same words scattered; title > summary/abstract > body comes from the field
# boosts (title 2, modelsearch's ``_all_text_boost_*``); synonyms' variants weigh a
# little less than the words as typed; news is boosted mildly by recency.
PHRASE_SLOP = 2
TITLE_PHRASE_BOOST = 6.0
TEXT_PHRASE_BOOST = 3.0
VARIANT_WEIGHT = 0.8
RECENCY_WEIGHT = 0.15  # at most +15% for a page published today, half of it after a year
RECENCY_SCALE = "365d"
FUZZY_PREFIX_LENGTH = 1
# The index's terms one edit away that a word is corrected to, closest first (as many as
# the fuzzy query it replaces expanded to). Fewer would be faster on a broad query, but 5
# lost "xã" (sound key "sa") for "sây" ("sai"), 8th of 9, and with it the one page for
# "sây dựng nông thôn mới" in the judged set (search/relevance).
CORRECTIONS_PER_WORD = 10
FUZZY_SOUND_BOOST = 3.0
# A word's correction (one edit away) against the word as typed.
CORRECTION_WEIGHT = 0.7
# How many of the words the one-edit step's last resort needs (the engines' syntax): all
# of two, all but one of three to five, 60% of more ("đăng ký kết hôn mang theo giấy
# tờ": the page has six of the eight). search.backends.database.most_words_forms agrees,
# but for five words (three kept: the database corrects no word one edit away).
MOST_WORDS = "2<-1 4<60%"
SOUND_PHRASE_BOOST = 2.0
SYLLABLE_PAIR_BOOST = 1.0
PUBLISHED_FIELD = "first_published_at_filter"


def _corrected(positions: list[tuple[str, list[str]]], fields: list[str]) -> dict:
    """Every word, as typed or as one of its corrections (weighing a little less), in any
    of ``fields``: the one-edit step as exact terms, which the engine matches far faster
    than a fuzzy query expands (issue 18, latency). Of three words or more, most will do
    (``MOST_WORDS``), so a misspelt word is still corrected when another one is a word no
    page has ("nạo vét kên mương": "kênh", and no "mương" on the page)."""
    words = []
    for word, terms in positions:
        clause = {"multi_match": {"query": word, "fields": fields}}
        if terms:
            clause = {"bool": {"should": [clause, {"multi_match": {"query": " ".join(terms), "fields": fields,
                                                                   "boost": CORRECTION_WEIGHT}}]}}
        words.append(clause)
    if len(words) < 3:
        return {"bool": {"must": words}}
    return {"bool": {"should": words, "minimum_should_match": -1}}


# Index columns and boosts of the searched fields, per model and field list: modelsearch
# recomputes them over every indexed model's search fields for each query (~1 ms of a
# search's Python time, issue 18 latency); they are fixed once the models are loaded.
_REMAPPED_FIELDS: dict = {}


class VietnameseQueryCompilerMixin:
    def _get_filters_from_queryset(self, check_only=False):
        """modelsearch's compiled filters, once per kept queryset (``engine_filters``,
        set by ``search.services.filters.pages_queryset`` on the copies of the queryset
        it keeps): it compiles the where clause (private paths, hidden sections, archived
        portals ...) at least twice per engine request, ~0.5 ms of a search's Python time
        (issue 18, latency). A queryset narrowed further is a new object without it."""
        memo = getattr(self.queryset, "engine_filters", None)
        if memo is None:
            return super()._get_filters_from_queryset(check_only=check_only)
        key = (type(self), check_only)
        if key not in memo:
            memo[key] = super()._get_filters_from_queryset(check_only=check_only)
        return memo[key]

    def _remap_fields(self, fields):
        key = (type(self), self.queryset.model, tuple(fields) if fields else None)
        remapped = _REMAPPED_FIELDS.get(key)
        if remapped is None:
            remapped = _REMAPPED_FIELDS[key] = tuple(super()._remap_fields(fields))
        return list(remapped)

    def get_inner_query(self):
        self.ranking, self.recency = [], False
        if not isinstance(self.query, PlainText):
            return super().get_inner_query()
        from search.synonyms import query_variants
        from search.text import query_normalize, telex_fold

        text = query_normalize(self.query.query_string)
        fields = self.remapped_fields
        operator = {"operator": self.query.operator} if self.query.operator != "or" else {}
        folded = [f.field_name_with_boost for f in fields]
        exact = [f"{f.field_name}.{EXACT_SUBFIELD}^{f.boost * EXACT_BOOST}" for f in fields]
        if isinstance(self.query, FuzzyText):
            from search.text import sound_fold

            decoded = telex_fold(text)
            sound = sound_fold(decoded)
            # Same sound (s/x, d/gi/r, ch/tr, i/y): stronger evidence than one edit.
            same_sound = {"match": {SOUND_FIELD: {"query": sound, "boost": FUZZY_SOUND_BOOST, **operator}}}
            self.ranking = [{"match_phrase": {SOUND_FIELD: {"query": sound, "slop": 1, "boost": SOUND_PHRASE_BOOST}}}]
            # Most Vietnamese words are two syllables: a page with "hiến máu" has the
            # word, one with "hiện" and "mau" apart (one edit each) does not. Each pair of
            # neighbouring syllables found together ranks a hit up.
            keys = sound.split()
            if len(keys) >= 3:
                self.ranking += [{"match_phrase": {SOUND_FIELD: {"query": pair, "boost": SYLLABLE_PAIR_BOOST}}}
                                 for pair in dict.fromkeys(f"{a} {b}" for a, b in zip(keys, keys[1:]))]
            if not self.query.edits:
                should = [{"multi_match": {"query": decoded, "fields": folded, **operator}}, same_sound]
                return {"bool": {"should": should, "minimum_should_match": 1}}
            # One edit per word: each word or one of its corrections (filled by the backend).
            should = [_corrected(positions, folded if column != SOUND_FIELD else [SOUND_FIELD])
                      for column, positions in self.query.corrections or () if positions]
            should.append(same_sound)
            if len(decoded.split()) >= 3:
                # All words but one (a word no page has), three in five of a long question:
                # still better than nothing. As typed too when Telex read something into
                # it: "tax" is "tã" in Telex and a word of the English pages.
                for reading in dict.fromkeys((decoded, text)):
                    should.append({"multi_match": {"query": reading, "fields": folded,
                                                   "minimum_should_match": MOST_WORDS, "boost": 0.5}})
            return {"bool": {"should": should, "minimum_should_match": 1}}
        variants, ranking, others = [], [], query_variants(text)
        for weight, variant in [(1.0, text)] + [(VARIANT_WEIGHT, v) for v in others]:
            variants.append({"multi_match": {"query": variant, "fields": folded, "boost": weight, **operator}})
        # A page matching the exact spelling matches the folded one too: the exact clause
        # only ranks, so it scores the best hits alone (see get_rescore). Exact is as the
        # reader typed it: a synonym's variant is our spelling, not theirs, and its exact
        # clauses cost the rescore 2-3 ms at 100k pages (issue 18, latency).
        ranking.append({"multi_match": {"query": text, "fields": exact, **operator}})
        phrases = []
        title = ["title"] + [f.field_name for f in fields if f.boost >= 2 and f.field_name != "title"]
        for suffix in ("", f".{EXACT_SUBFIELD}"):
            phrases.append({"multi_match": {"query": text, "type": "phrase", "slop": PHRASE_SLOP,
                                            "fields": [f + suffix for f in title], "boost": TITLE_PHRASE_BOOST}})
            phrases.append({"match_phrase": {f"_all_text{suffix}": {"query": text, "slop": PHRASE_SLOP,
                                                                     "boost": TEXT_PHRASE_BOOST}}})
        # A synonym's words in the page's order count as the phrase too ("chủ tịch UBND
        # xã Liên Bão": the page says "Chủ tịch Ủy ban nhân dân xã Liên Bão"), folded only
        # and at the variant's weight.
        phrases += [{"match_phrase": {"_all_text": {"query": variant, "slop": PHRASE_SLOP,
                                                    "boost": TEXT_PHRASE_BOOST * VARIANT_WEIGHT}}}
                    for variant in others if len(variant.split()) > 1]
        from search.text import document_numbers, sound_fold

        # A page scores by the best reading of the query (the words as typed, or a
        # synonym's variant), not their sum: the same words said twice ("UBND" and "Ủy
        # ban nhân dân") are not twice the evidence, and the engine can skip the pages
        # that cannot reach the first page under the best reading alone, which it could
        # not under the sum (issue 18, latency: "UBND tỉnh cải cách hành chính" at 100k
        # pages, 15 -> 8 ms for the words' query).
        should = [variants[0] if len(variants) == 1 else {"dis_max": {"queries": variants}}]
        for number in document_numbers(text):
            for column, key_of, boost in exact_key_columns(self.mapping_class):
                key = key_of(number)
                if "/" in key:  # only something shaped like a number/symbol
                    should.append({"term": {column: {"value": key, "boost": boost}}})
        # Ranking only (a page must match the words above): the words in their order
        # as they sound ("dá đất" ranks "giá đất" above "đã … đất").
        ranking.append({"match_phrase": {SOUND_FIELD: {"query": sound_fold(text), "slop": 1,
                                                        "boost": SOUND_PHRASE_BOOST}}})
        if len(text.split()) > 1:
            ranking += phrases
        self.ranking = ranking
        # Recency multiplies the whole score (get_rescore's second step). Images and
        # documents (the admin's choosers and API) have no publication date to decay
        # on: the engine refuses the unknown field with a 400.
        self.recency = self._has_publication_date()
        return {"bool": {"should": should, "minimum_should_match": 1}}

    # Ranking-only clauses (exact diacritics, phrase and proximity, sound order) and the
    # recency boost score the best RESCORE_WINDOW hits of the words' query, not every
    # page with the words (issue 18, latency): at 100k pages a broad query matches 30-40k
    # pages, and phrase clauses over all of them, with a function_score that keeps the
    # engine from skipping any, cost 50-200 ms; the words alone let it skip (block-max
    # WAND). The final score of a hit in the window is what it was as one query:
    # (words + exact + phrases) x (1 + recency).
    ranking: list | None = None  # set by get_inner_query
    recency = False

    def get_rescore(self, window: int) -> list[dict]:
        if self.ranking is None:
            self.get_inner_query()
        rescore = []
        if self.ranking:
            # The zero-weight match_all anchors the clauses on each hit of the window: the
            # rescorer advances the query to each hit in turn, and a disjunction of phrase
            # clauses alone, on a hit without the phrase, would search on through the
            # index for the next page that has it, checking positions on every candidate
            # (issue 18, latency: "ke hoach phat trien" at 100k pages, 43 -> 18 ms, same
            # hits and scores: a hit no clause matches keeps its score either way).
            should = [*self.ranking, {"match_all": {"boost": 0.0}}]
            rescore.append({"window_size": window, "query": {
                "rescore_query": {"bool": {"should": should}}, "score_mode": "total"}})
        if self.recency:
            recency = {"function_score": {
                "query": {"match_all": {}},
                "functions": [{"weight": 1}, {"gauss": {PUBLISHED_FIELD: {"scale": RECENCY_SCALE, "decay": 0.5}},
                                              "weight": RECENCY_WEIGHT}],
                "score_mode": "sum", "boost_mode": "replace"}}
            rescore.append({"window_size": window, "query": {"rescore_query": recency, "score_mode": "multiply"}})
        return rescore

    def get_highlight_query(self) -> dict | None:
        """What the highlighter marks: the words of the query (and of its synonyms'
        variants; the misspelt words within one edit on the fuzzy fallback), each alone.

        Without it the engine highlights with the whole query: every phrase, sound and
        exact-diacritics clause, and the fuzzy expansions, over each of the ~50 snippet
        columns of each hit, which was most of the engine's time for a search (issue 18,
        latency: p95 137 -> 45 ms on the 10k bench, bench/search_engine_parts.py). The
        folded analysis marks a word as typed or without its diacritics alike."""
        if not isinstance(self.query, PlainText):
            return None
        from search.synonyms import query_variants
        from search.text import query_normalize, telex_fold

        text = query_normalize(self.query.query_string)
        if isinstance(self.query, FuzzyText):
            typed = f"{text} {telex_fold(text)}".split()
            corrected = [term for column, positions in self.query.corrections or () if column != SOUND_FIELD
                         for word, terms in positions for term in terms]
            words = {"query": " ".join(dict.fromkeys(typed + corrected))}
            # Both steps mark exact words (as typed, Telex-decoded, and the one-edit step's
            # corrections): a fuzzy highlighter expands each word over each of the ~50
            # snippet columns of each hit (issue 18, latency: "ddaats ddai" at 100k pages,
            # 43 -> 8 ms).
            return {"match": {"_all_text": words}}
        # The highlighter marks words, not readings: the variants' words in one match
        # mark what a clause per variant marked, and are weighed once for each of the
        # ~50 snippet columns instead of once per variant ("UBND tỉnh cải cách hành
        # chính": 4 variants, issue 18 latency).
        words = " ".join(dict.fromkeys(" ".join([text] + query_variants(text)).split()))
        return {"match": {"_all_text": {"query": words}}}

    def _has_publication_date(self) -> bool:
        from wagtail.models import Page

        model = getattr(self.queryset, "model", None)
        return model is not None and issubclass(model, Page)


# How many best hits the ranking-only clauses rescore (get_rescore): the first pages a
# reader looks at, and more than the facets' terms need to be in order.
RESCORE_WINDOW = 200
# Above this many hits modelsearch scrolls (its ``_do_search``'s PAGE_SIZE).
MODELSEARCH_PAGE_SIZE = 100


class UnavailableResultsMixin:
    """Turn the client's transport errors into ``SearchUnavailable``; add the rescoring
    of the best hits (``VietnameseQueryCompilerMixin.get_rescore``) to every search
    ordered by relevance."""

    unavailable_errors: tuple = ()

    def _get_es_body(self, for_count=False, window: int | None = None):
        body = super()._get_es_body(for_count=for_count)
        rescore = getattr(self.query_compiler, "get_rescore", None)
        if window is None:  # modelsearch's own fetching: a page of hits, or a scroll through all
            limit = None if self.stop is None else self.stop - self.start
            # The engine refuses a rescore in a scroll: all the hits come in the words' order.
            window = None if limit is None or limit > MODELSEARCH_PAGE_SIZE else self.stop
        if not for_count and "sort" not in body and rescore is not None and window is not None:
            steps = rescore(max(RESCORE_WINDOW, window))
            if steps:
                body["rescore"] = steps
        return body

    def _do_search(self):
        try:
            yield from super()._do_search()
        except self.unavailable_errors as exc:
            raise SearchUnavailable(str(exc)) from exc

    def _do_count(self):
        try:
            return super()._do_count()
        except self.unavailable_errors as exc:
            raise SearchUnavailable(str(exc)) from exc

    def facet(self, field_name):
        try:
            return super().facet(field_name)
        except self.unavailable_errors as exc:
            raise SearchUnavailable(str(exc)) from exc

    def fetch_page(self, *, start: int, size: int, aggregations: dict | None = None, highlight: dict | None = None,
                   source: list[str] | None = None, kept=None) -> "EnginePage":
        """One request: the hits ``start``..``start + size``, the exact total and ``aggregations``.

        modelsearch would need one request for the page, one for the count and a
        scroll for anything else; this is the whole result page in one round trip.
        ``highlight`` and ``source`` ask for what shows each hit without loading it.

        ``kept``: a cache (``get``/``set``) of the total and the aggregations by request.
        When it holds this request's, the engine is asked for the page of hits alone,
        without the exact total: counting every match and aggregating over the best
        ``sampler`` hits means scoring every page with the words, which the page alone
        does not (issue 18, latency: the engine skips blocks that cannot reach the page).
        """
        body = self._get_es_body(window=start + size)
        key = remembered = None
        if aggregations and kept is not None:
            import hashlib

            import orjson

            key = "search:engine-counts:" + hashlib.sha1(orjson.dumps(
                [self.backend.index_prefix, body["query"], aggregations], option=orjson.OPT_SORT_KEYS)).hexdigest()
            remembered = kept.get(key)
        if aggregations and remembered is None:
            body["aggs"] = aggregations
        if highlight:
            body["highlight"] = highlight
            words = getattr(self.query_compiler, "get_highlight_query", lambda: None)()
            if words is not None:
                body["highlight"] = {**highlight, "highlight_query": words}
        params = {
            "index": self.backend.get_index_for_model(self.query_compiler.queryset.model).name,
            "_source": source or False,
            self.fields_param_name: "pk",
            "from_": start,
            "size": size,
            "track_total_hits": remembered is None,
        }
        try:
            response = self._backend_do_search(body, **params)
        except self.unavailable_errors as exc:
            raise SearchUnavailable(str(exc)) from exc
        hits = response["hits"]["hits"]
        if remembered is not None:
            total, found = remembered
        else:
            total = response["hits"]["total"]
            total = total["value"] if isinstance(total, dict) else total
            found = response.get("aggregations") or {}
            if key is not None:
                kept.set(key, (total, found))
        return EnginePage(pks=[hit["fields"]["pk"][0] for hit in hits], total=total, aggregations=found, hits=hits)


class EnginePage(NamedTuple):
    pks: list[str]
    total: int
    aggregations: dict
    hits: list[dict]  # as the engine returned them (highlight, _source)


# Renewed by every write to an index (a page added, updated or deleted): what was
# cached of a search's counts before holds no longer (search.services.engine).
INDEX_GENERATION_KEY = "search:index-generation"


def index_generation_renew() -> None:
    import uuid

    from django.core.cache import cache

    cache.set(INDEX_GENERATION_KEY, uuid.uuid4().hex, None)


# Index names known to exist in this process (see ``_index_ensure``): one check each.
_ENSURED_INDEXES: set[str] = set()


class QueuedIndexingBackendMixin:
    """Queue what could not be indexed; modelsearch itself only logs it."""

    client_options = None  # a function giving extra options of the engine client

    def __init__(self, params):
        from copy import deepcopy

        from modelsearch.utils import deep_update

        params = dict(params)
        params["INDEX_SETTINGS"] = deep_update(deepcopy(INDEX_SETTINGS), params.get("INDEX_SETTINGS", {}))
        if self.client_options is not None:
            params["OPTIONS"] = {**self.client_options(), **params.get("OPTIONS", {})}
        super().__init__(params)

    def add(self, obj):
        try:
            self._index_ensure(self.get_index_for_object(obj))
            result = super().add(obj)
        except Exception:
            from search.services import index_update_defer

            index_update_defer(obj=obj, action="add")
            raise
        index_generation_renew()
        self._index_update_succeeded()
        return result

    def add_bulk(self, model, obj_list):
        self._index_ensure(self.get_index_for_model(model))
        try:
            return super().add_bulk(model, obj_list)
        finally:
            index_generation_renew()

    def _index_ensure(self, index):
        """Create ``index`` with our settings and its models' mappings before the first write.

        modelsearch writes a document into whatever index name it is given; when the
        index does not exist yet (a fresh environment, before any ``update_index``) the
        engine creates it with a guessed mapping, where ``pk`` is not a stored field:
        every hit then lacks ``fields`` and the admin's page search failed with
        ``KeyError: 'fields'``; the Vietnamese analysis was missing too."""
        if index.name in _ENSURED_INDEXES:
            return
        # keyword argument: the Elasticsearch 8 client refuses the positional one of index.exists()
        exists = lambda: bool(index.es.indices.exists(index=index.name))  # noqa: E731
        if not exists():
            from modelsearch.index import get_indexed_models

            try:
                index.put()
            except Exception:
                if not exists():  # else another process created it first
                    raise
            else:
                for model in get_indexed_models():
                    if self.get_index_for_model(model).name == index.name:
                        index.add_model(model)
        _ENSURED_INDEXES.add(index.name)

    @staticmethod
    def _index_update_succeeded():
        """The engine answers again: replay what it missed (``search.tasks``)."""
        from search.services import index_update_succeeded

        index_update_succeeded()

    def document_fingerprints(self, model) -> dict[str, str]:
        """pk -> fingerprint (see ``search.parity.fingerprint``) of every document of ``model``'s index."""
        index = self.get_index_for_model(model)
        fields = ["pk", "last_published_at_filter", "latest_revision_created_at_filter", "title_filter"]
        request = {"index": index.name, "scroll": "2m", "size": 1000, "_source": fields}
        query = {"match": {"_django_content_type": self.mapping_class(model).get_content_type()}}
        if self.use_new_elasticsearch_api:
            page = self.es.search(query=query, **request)
        else:
            page = self.es.search(body={"query": query}, **request)
        found = {}
        while page["hits"]["hits"]:
            for hit in page["hits"]["hits"]:
                doc = hit["_source"]
                found[str(doc["pk"])] = "|".join(str(doc.get(f) or "")[:19] for f in fields[1:])
            page = self.es.scroll(scroll_id=page["_scroll_id"], scroll="2m")
        self.es.clear_scroll(scroll_id=page["_scroll_id"])
        return found

    def delete(self, obj):
        try:
            result = super().delete(obj)
        except Exception:
            from search.services import index_update_defer

            index_update_defer(obj=obj, action="delete")
            raise
        index_generation_renew()
        self._index_update_succeeded()
        return result


# The term suggester of the one-edit step: the index's terms one edit away from a word
# (transpositions count as one), first letter kept. Vietnamese syllables are short: the
# default minimum of 4 letters corrected neither "thu" nor "tuc". Frequent words are corrected too ("dung" may be a "dong"):
# ``max_term_freq`` is a share of the documents below 1, a number of documents from 1 on.
TERM_SUGGESTER = {"suggest_mode": "always", "max_edits": 1, "prefix_length": FUZZY_PREFIX_LENGTH,
                  "min_word_length": 2, "max_term_freq": 0.999, "size": CORRECTIONS_PER_WORD}


class CorrectingBackendMixin:
    """Fill a ``FuzzyText``'s corrections before it is compiled (its one-edit step)."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        if isinstance(query, FuzzyText) and query.edits and query.corrections is None and query.query_string.strip():
            model = getattr(model_or_queryset, "model", model_or_queryset)
            query.corrections = self.term_corrections(model, query.correction_texts())
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)

    def term_corrections(self, model, texts: list[tuple[str, str]]) -> list[tuple[str, list[tuple[str, list[str]]]]]:
        """[(column, [(word, [the index's terms one edit away])])] of each (column, text),
        the words as the column's analyzer splits them; one request, ~1 ms of engine time."""
        suggest = {str(i): {"text": text, "term": {"field": column, **TERM_SUGGESTER}}
                   for i, (column, text) in enumerate(texts)}
        request = {"index": self.get_index_for_model(model).name, "size": 0}
        try:
            if self.use_new_elasticsearch_api:
                response = self.es.search(suggest=suggest, **request)
            else:
                response = self.es.search(body={"suggest": suggest}, **request)
        except self.results_class.unavailable_errors as exc:
            raise SearchUnavailable(str(exc)) from exc
        found = response.get("suggest") or {}
        return [(column, [(entry["text"], [o["text"] for o in entry["options"] if o["text"] != entry["text"]])
                          for entry in found.get(str(i), [])])
                for i, (column, text) in enumerate(texts)]


def vietnamese_backend(engine_module, *, unavailable_errors: tuple, client_options=None):
    """Our backend class built on one of modelsearch's engine modules; ``client_options``:
    a function giving extra options of its client (a faster JSON serializer)."""
    base = engine_module.SearchBackend
    mapping = type("VietnameseMapping", (VietnameseMappingMixin, base.mapping_class), {})
    compiler = type("VietnameseQueryCompiler", (VietnameseQueryCompilerMixin, base.query_compiler_class),
                    {"mapping_class": mapping})
    autocomplete = type("VietnameseAutocompleteQueryCompiler", (base.autocomplete_query_compiler_class,),
                        {"mapping_class": mapping})
    results = type("VietnameseResults", (UnavailableResultsMixin, base.results_class),
                   {"unavailable_errors": unavailable_errors})
    return type(
        f"Vietnamese{base.__name__}",
        (CorrectingBackendMixin, QueuedIndexingBackendMixin, base),
        {"mapping_class": mapping, "query_compiler_class": compiler,
         "autocomplete_query_compiler_class": autocomplete, "results_class": results,
         "client_options": staticmethod(client_options) if client_options else None},
    )
