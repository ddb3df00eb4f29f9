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

from search.text import canonical, fold, query_normalize, sound_fold, telex_fold


def vietnamese_query(query, operator=None):
    """``query`` as the database can match it: normalised (``search.text``), and as
    ``Or`` of the words as typed, folded (the page's folded copy, canonical spelling) and
    each synonym variant folded. A fuzzy fallback (``FuzzyText``) matches the Telex-decoded
    and the sound-key forms against the folded copy, which holds the sound keys too."""
    from search.backends.vietnamese import FuzzyText
    from search.synonyms import query_variants

    text = query if isinstance(query, str) else getattr(query, "query_string", None)
    if text is None or not text.strip():
        return query
    operator = operator or getattr(query, "operator", None) or "or"
    # The fallback's FuzzyText carries the query as typed: its quotes broke SQLite's FTS5
    # as the typed query's did (issue 9).
    text = plain_query(query_normalize(text))
    if not text:
        return text
    if isinstance(query, FuzzyText):
        decoded = telex_fold(text)
        sound = sound_fold(decoded, l_n=False)  # keys as the folded copy has them
        forms = [decoded, sound]
        if len(decoded.split()) >= 3 and query.edits:  # most of the words, as on the engines (MOST_WORDS)
            # By their keys: the folded copy holds each word's key, so a page with the
            # words has their keys, and "pagoda visits spring festivals" finds "pagoda",
            # "spring festival" (English stems) where the words alone do not.
            forms += most_words_forms(sound.split())
            as_typed = fold(text)
            if as_typed != decoded:  # and as typed: Telex reads "tã" into the English "tax"
                forms += most_words_forms(as_typed.split())
    else:
        forms = [text, fold(canonical(text))] + [fold(canonical(v)) for v in query_variants(text)]
        if "/" in text:  # "nđ 23/2015": the parts of "23/2015/nđ-cp" (search.text.page_folded_text)
            forms.append(fold(canonical(text)).replace("/", " "))
    forms = list(dict.fromkeys(f for f in forms if f.strip()))
    if len(forms) == 1:
        return PlainText(forms[0], operator=operator)
    return Or([PlainText(form, operator=operator) for form in forms])


# At most this many forms for a long question (10 words: 210 ways to keep 6). Each form
# is matched against every index row the query reaches: 64 took seconds a query on
# PostgreSQL when its statistics were stale, and the database backend answers when the
# engine is down.
MOST_WORDS_FORMS = 12


def most_words_forms(words: list[str]) -> list[str]:
    """The engines' ``MOST_WORDS`` as forms the database can match: all words but one
    (three or four words), or 60% of them (five and more).

    At five words the database keeps three, where the engines keep four: an engine
    drops a misspelt word it cannot correct and corrects the others one edit away, the
    database has no edit distance. Most Vietnamese words have two syllables, and a page
    often lacks one of them: "xây dựng nông thôn mới" finds "về đích nông thôn mới".

    The words a page lacks come in runs ("tháng 7/2024", "cần mang theo", "những gì"),
    so the forms leaving out one run come first, then the others; in each, the first
    words are kept longest: a question states its subject first. Combinations are
    generated lazily: a 200-character query has too many to list (30 words: 86 million)."""
    import itertools
    import math

    count = len(words)
    keep = count - 1 if count <= 4 else math.ceil(count * 0.6)
    left_out = count - keep
    one_run = [tuple(i for i in range(count) if not start <= i < start + left_out)
               for start in range(count - left_out, -1, -1)]
    others = (kept for kept in itertools.combinations(range(count), keep) if kept not in one_run)
    chosen = itertools.islice(itertools.chain(one_run, others), MOST_WORDS_FORMS)
    return [" ".join(words[i] for i in kept) for kept in chosen]


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


def sqlite_ranked_compiler(compiler_class):
    """modelsearch's SQLite compiler with relevance computed in one FTS query.

    Upstream orders the hits by a score subquery correlated to each candidate page, which
    runs the FTS match once per candidate: 16 s for the 3,500 hits of "du lich" over
    10,000 pages. Here one query ranks every match (bm25, the same expression), one
    query keeps those the page queryset allows, and the page of hits is returned in that
    order. Everything else (counts, facets, unranked searches) stays upstream's.
    """
    from django.db.models import Case, IntegerField, Value, When
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry
    from modelsearch.query import MatchAll, Not
    from modelsearch.utils import get_descendants_content_types_pks

    class RankedCompiler(compiler_class):
        def search(self, config, start, stop, score_field=None):
            query = normalize(self.query)
            if not self.order_by_relevance or score_field is not None or isinstance(query, (MatchAll, Not)):
                return super().search(config, start, stop, score_field=score_field)
            match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config))
            matches = (SQLiteFTSIndexEntry.objects.filter(match)
                       .filter(index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model))
                       .annotate(score=self._build_rank_expression(self.get_search_vectors(), config)))
            ranked = list(matches.order_by("score").values_list("index_entry__object_id", flat=True))
            allowed = set(self.queryset.filter(pk__in=matches.values("index_entry__object_id"))
                          .values_list("pk", flat=True))
            ids = [pk for pk in map(int, ranked) if pk in allowed][start:stop]
            position = Case(*[When(pk=pk, then=Value(n)) for n, pk in enumerate(ids)], output_field=IntegerField())
            return self.queryset.filter(pk__in=ids).order_by(position) if ids else self.queryset.none()

    RankedCompiler.__name__ = f"Ranked{compiler_class.__name__}"
    return RankedCompiler


def SearchBackend(params):  # noqa: N802 - the name modelsearch looks for
    """The vendor's database backend (chosen by modelsearch) with folding added, and on
    SQLite with relevance ranked in one query."""
    backend = database.SearchBackend(params)
    attributes = {}
    if type(backend).__module__.endswith("sqlite.sqlite"):
        attributes = {name: sqlite_ranked_compiler(getattr(backend, name))
                      for name in ("query_compiler_class", "autocomplete_query_compiler_class")}
    cls = type(f"Folding{type(backend).__name__}", (FoldingMixin, type(backend)), attributes)
    backend.__class__ = cls
    return backend
