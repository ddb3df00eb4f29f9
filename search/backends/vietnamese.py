"""What our engine backends add to modelsearch's Elasticsearch/OpenSearch backends.

- Analysis: every text field is folded (lower case, đ->d, tone marks removed), so
  "thong bao" finds "thông báo"; each text field also gets an ``exact`` sub-field that
  keeps the diacritics, searched with a boost, so exact matches rank above folded ones.
- A document number in the query ("96/qd-ubnd", "96/QĐ-UBND") is matched against
  ``document_number_key`` and boosted above everything else.
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

from cms.models.legal_documents import document_number_key
from search.text import FOLDED_FIELD

logger = logging.getLogger(__name__)

# Standalone "đ" is folded by a char filter before asciifolding sees it: explicit, and
# independent of the asciifolding tables of whichever engine version runs.
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
# How much an exact (with diacritics) match outweighs a folded one, and a document
# number match everything else: a citizen typing "96/QĐ-UBND" wants that decision first.
EXACT_BOOST = 3.0
DOCUMENT_NUMBER_BOOST = 50.0
DOCUMENT_NUMBER_FIELD = "cms_legaldocumentpage__document_number_key_filter"


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


class VietnameseMappingMixin:
    def get_mapping(self):
        mapping = super().get_mapping()
        with_exact_subfields(mapping["properties"])
        if _is_page_model(self.model):
            mapping["properties"][PORTAL_HOME_FIELD] = {"type": "keyword"}
        return mapping

    def _get_document_field_data(self, field, obj):
        # The folded copy of a page's text exists for the database backend, which cannot
        # fold; the engine folds every text field itself (ANALYSIS), so the copy would
        # only be computed, sent and analysed twice for nothing.
        if field.field_name == FOLDED_FIELD and not isinstance(field, FilterField):
            return self.get_field_column_name(field), None, []
        return super()._get_document_field_data(field, obj)

    def get_document(self, obj):
        doc = super().get_document(obj)
        if _is_page_model(self.model):
            home_length = obj.steplen * PORTAL_HOME_DEPTH
            doc[PORTAL_HOME_FIELD] = obj.path[:home_length] if len(obj.path or "") >= home_length else None
        return doc


class VietnameseQueryCompilerMixin:
    def get_inner_query(self):
        folded = super().get_inner_query()
        if not isinstance(self.query, PlainText):
            return folded
        text = self.query.query_string
        should = [folded]
        exact_fields = [f"{f.field_name}.{EXACT_SUBFIELD}^{f.boost * EXACT_BOOST}" for f in self.remapped_fields]
        exact = {"query": text, "fields": exact_fields}
        if self.query.operator != "or":
            exact["operator"] = self.query.operator
        should.append({"multi_match": exact})
        key = document_number_key(text)
        if "/" in key:  # only something shaped like a number/symbol
            should.append({"term": {DOCUMENT_NUMBER_FIELD: {"value": key, "boost": DOCUMENT_NUMBER_BOOST}}})
        return {"bool": {"should": should, "minimum_should_match": 1}}


class UnavailableResultsMixin:
    """Turn the client's transport errors into ``SearchUnavailable``."""

    unavailable_errors: tuple = ()

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
                   source: list[str] | None = None) -> "EnginePage":
        """One request: the hits ``start``..``start + size``, the exact total and ``aggregations``.

        modelsearch would need one request for the page, one for the count and a
        scroll for anything else; this is the whole result page in one round trip.
        ``highlight`` and ``source`` ask for what shows each hit without loading it.
        """
        body = self._get_es_body()
        if aggregations:
            body["aggs"] = aggregations
        if highlight:
            body["highlight"] = highlight
        params = {
            "index": self.backend.get_index_for_model(self.query_compiler.queryset.model).name,
            "_source": source or False,
            self.fields_param_name: "pk",
            "from_": start,
            "size": size,
            "track_total_hits": True,
        }
        try:
            response = self._backend_do_search(body, **params)
        except self.unavailable_errors as exc:
            raise SearchUnavailable(str(exc)) from exc
        total = response["hits"]["total"]
        total = total["value"] if isinstance(total, dict) else total
        hits = response["hits"]["hits"]
        return EnginePage(pks=[hit["fields"]["pk"][0] for hit in hits], total=total,
                          aggregations=response.get("aggregations") or {}, hits=hits)


class EnginePage(NamedTuple):
    pks: list[str]
    total: int
    aggregations: dict
    hits: list[dict]  # as the engine returned them (highlight, _source)


# Index names known to exist in this process (see ``_index_ensure``): one check each.
_ENSURED_INDEXES: set[str] = set()


class QueuedIndexingBackendMixin:
    """Queue what could not be indexed; modelsearch itself only logs it."""

    def __init__(self, params):
        from copy import deepcopy

        from modelsearch.utils import deep_update

        params = dict(params)
        params["INDEX_SETTINGS"] = deep_update(deepcopy(INDEX_SETTINGS), params.get("INDEX_SETTINGS", {}))
        super().__init__(params)

    def add(self, obj):
        try:
            self._index_ensure(self.get_index_for_object(obj))
            result = super().add(obj)
        except Exception:
            from search.services import index_update_defer

            index_update_defer(obj=obj, action="add")
            raise
        self._index_update_succeeded()
        return result

    def add_bulk(self, model, obj_list):
        self._index_ensure(self.get_index_for_model(model))
        return super().add_bulk(model, obj_list)

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
        self._index_update_succeeded()
        return result


def vietnamese_backend(engine_module, *, unavailable_errors: tuple):
    """Our backend class built on one of modelsearch's engine modules."""
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
        (QueuedIndexingBackendMixin, base),
        {"mapping_class": mapping, "query_compiler_class": compiler,
         "autocomplete_query_compiler_class": autocomplete, "results_class": results},
    )
