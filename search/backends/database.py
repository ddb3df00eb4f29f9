"""Wagtail's database backend (PostgreSQL FTS, SQLite FTS5 or the plain fallback) with
Vietnamese folding, as far as a database can do it (issue #4).

The database has no analyzer to configure, so folding happens on both sides in Python:
``PortalPage.search_folded_text`` indexes a folded copy of each page's text, and a
query is expanded to ``Or(query as typed, folded query)``. "thong bao" then matches the
folded copy of "thông báo"; a query typed with diacritics matches both the original
words and the folded copy, so exact matches collect more matches and rank first where
the database ranks (PostgreSQL, SQLite FTS5; the plain fallback does not rank).
Document numbers are matched exactly on the real ``document_number_key`` column by the
search service, which works on every backend.
"""

from modelsearch.backends import database
from modelsearch.query import Or, PlainText

from search.text import fold


def vietnamese_query(query, operator=None):
    """``query`` or, when folding changes it, ``Or(query, folded query)``."""
    text = query if isinstance(query, str) else getattr(query, "query_string", None)
    if text is None or fold(text) == text:
        return query
    operator = operator or getattr(query, "operator", None) or "or"
    return Or([PlainText(text, operator=operator), PlainText(fold(text), operator=operator)])


def plain_query(query):
    """A typed query the database backends can take whatever it holds (issue #9).

    SQLite's FTS5 reads a double quote as the start of a phrase ("unterminated string"
    when it has no end), and modelsearch's SQLite backend compiles a query of only
    whitespace (spaces, ideographic space) to nothing and fails; both were a 500 on the
    API's ?search=, the search page and autocomplete. The database backends take the words as plain
    text anyway, so quotes go and a blank query is the empty query (no results).
    """
    if not isinstance(query, str):
        return query
    query = query.replace('"', " ")
    return query if query.strip() else ""


class FoldingMixin:
    # Whole-word search only: autocomplete matches prefixes of the folded copy as is.
    def search(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        query = plain_query(query)
        expanded = vietnamese_query(query, operator)
        if expanded is not query:
            operator = None  # carried by the PlainText parts
        return super().search(expanded, model_or_queryset, fields=fields, operator=operator,
                              order_by_relevance=order_by_relevance)

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        return super().autocomplete(plain_query(query), model_or_queryset, fields=fields, operator=operator,
                                    order_by_relevance=order_by_relevance)


def SearchBackend(params):  # noqa: N802 - the name modelsearch looks for
    """The vendor's database backend (chosen by modelsearch) with folding added."""
    backend = database.SearchBackend(params)
    cls = type(f"Folding{type(backend).__name__}", (FoldingMixin, type(backend)), {})
    backend.__class__ = cls
    return backend
