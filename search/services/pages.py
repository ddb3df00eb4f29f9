"""``pages_search``: the one entry point of the public API and the search page, with
the fuzzy fallback and the "Có phải bạn muốn tìm" suggestion (issue 18)."""

import math
import re

from django.utils.html import strip_tags
from wagtail.models import Page

from cms.models.legal_documents import LegalDocumentPage, document_number_key
from tenants.models import Unit
from search.services.facets import facet_counts
from search.services.filters import pages_queryset, private_q
from search.services.hits import hits_and_facets
from search.services.outcome import HOME_DEPTH, PAGE_SIZE, Hit, ResultPage, SearchOutcome
from search.services.running import _run

# Typo tolerance (issue 18 item 3): when the strict query (every word, as typed or
# folded) finds fewer than this many pages, a fuzzy query runs too and its hits follow
# the strict ones; the words of the best fuzzy hit become the suggestion.
FUZZY_MIN_RESULTS = 3


def pages_search(*, query: str, portal: Unit | None = None, kind: str = "", section: str = "",
                 page_type: str = "", locale=None, date_from=None, date_to=None, page: int = 1,
                 page_size: int = PAGE_SIZE, archived: bool = False) -> SearchOutcome:
    """Search every portal's live, public pages for ``query``."""
    from search.backends.vietnamese import FuzzyText
    from search.text import content_words, is_document_number, query_normalize

    query = query_normalize(query or "")
    queryset = pages_queryset(portal=portal, kind=kind, section=section, page_type=page_type, locale=locale,
                              date_from=date_from, date_to=date_to, archived=archived)
    number_matches = list(_document_number_matches(query, queryset))
    numbers = [p.pk for p in number_matches]

    def run(backend, queryset, order_by_relevance=True):
        return backend.search(query, queryset, operator="and", order_by_relevance=order_by_relevance)

    result, fallback = _run(run, queryset, page=page, page_size=page_size, watch=numbers, query=query)
    fuzzy = False
    strict_result = result
    # The fallback's steps, cheapest first: a question's content words alone, as strictly
    # as the query ("hộ nghèo được hỗ trợ những gì": "hộ nghèo hỗ trợ", synonyms and
    # ranking included); then the Telex-decoded words and the words' sound keys exactly;
    # then one edit per word (the costly one, issue 18 latency), only if the steps before
    # still leave fewer than FUZZY_MIN_RESULTS hits. The typo steps correct the content
    # words when the query has function words. A document number is an identifier, not
    # words to correct: "96/QĐ-UBND" finds that document or pages quoting it, never "9"s
    # and "qd"s one edit away.
    content = content_words(query)
    for edits in ([None] if content else []) + [0, 1]:
        if result.total + len(numbers) >= FUZZY_MIN_RESULTS or not query.strip() or is_document_number(query):
            break

        if edits is None:
            def run_fuzzy(backend, queryset, order_by_relevance=True, content=content):
                return backend.search(content, queryset, operator="and", order_by_relevance=order_by_relevance)
        else:
            # One query object per step: the engines fill its corrections once (one edit).
            loose_query = FuzzyText(content or query, operator="and", edits=edits)

            def run_fuzzy(backend, queryset, order_by_relevance=True, loose_query=loose_query):
                return backend.search(loose_query, queryset, order_by_relevance=order_by_relevance)

        # Fewer hits than one page so far: each step's new ones follow them on the first
        # page. Located among the step's hits, the ones so far are counted once in the
        # total and the facets (the facets counted the strict hits alone when there were
        # some: "Tiên Du (1)" over two hits from Tiên Du).
        kept = set(result.ids)
        loose, loose_fallback = _run(run_fuzzy, queryset, page=page, page_size=page_size, query=query,
                                     watch=kept if page == 1 else ())
        extra = [pk for pk in loose.ids if pk not in kept]
        if extra:
            fuzzy, fallback = True, fallback or loose_fallback
            if page == 1:
                total = loose.total + len(kept - loose.found)
                counts = loose.counts
                if counts is not None and kept - loose.sampled:
                    counts = counts.merged(facet_counts(list(kept - loose.sampled)))
            else:
                total = loose.total + len(kept)
                counts = result.counts if result.total else loose.counts
            result = ResultPage(
                ids=(result.ids + extra)[:page_size], total=total, counts=counts,
                engine_hits={**loose.engine_hits, **result.engine_hits},
                found=strict_result.found, sampled=strict_result.sampled)
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
                         promotions=promoted,
                         exact_total=strict_result.total + len(set(numbers) - strict_result.found) if fuzzy else total)


def query_suggestion(query: str, hits: list[Hit]) -> str:
    """The query spelled as the best hits write it ("ddau tu" -> "đầu tư"), or "".

    Each word of the query is replaced by the closest word (same sound key, at most one
    edit apart) in the titles and snippets of the first hits: the index's own vocabulary,
    with its diacritics."""
    from search.text import _SYLLABLE, canonical, fold, function_words, spelling, spelling_key, telex_fold

    vocabulary, hit_words, pairs = {}, [], set()
    for hit in hits[:3]:
        words = re.findall(r"[^\W_]+", hit.title + " " + strip_tags(hit.snippet))
        hit_words.append({word.lower() for word in words})
        pairs.update(zip((fold(w) for w in words), (fold(w) for w in words[1:])))
        for word in words:
            key = spelling_key(fold(word))  # not an English stem: "register" is no spelling of "registration"
            vocabulary.setdefault(key, {}).setdefault(word.lower(), 0)
            vocabulary[key][word.lower()] += 1
    words, corrected = [], set()
    folded = telex_fold(query).split()
    as_typed = query.split()
    unchanged = function_words(query)  # "những gì" is no misspelling of "nhung y"
    if any(_with_marks(word) for word in as_typed):
        # Whoever types marks left a syllable without them on purpose ("vi" in "sử lý vi
        # phạm" is not "vị").
        unchanged |= {word for word in as_typed if not _with_marks(word) and _SYLLABLE.fullmatch(fold(word))}
    for at, (typed, typed_word) in enumerate(zip(folded, as_typed if len(as_typed) == len(folded) else folded)):
        if typed_word in unchanged:
            words.append(typed_word.lower())
            continue
        key = spelling_key(typed)
        candidates = vocabulary.get(key)
        if not candidates and not _with_marks(typed_word):
            # One edit only for a word typed without marks: one typed with them was
            # meant as written, or sounds like what was meant ("chật" for "trật").
            candidates = next((v for k, v in vocabulary.items() if _one_edit(k, key)), None)
        if not candidates:
            words.append(typed_word.lower() if _with_marks(typed_word) else typed)
            continue
        # The hits' word followed by the next word typed, as the hits write them ("chật
        # tự": "trật tự", not "chất"), then spelt as typed ("ddai" is "đai", not the more
        # frequent "đại"), then the most frequent.
        wanted = spelling(typed_word)
        after = folded[at + 1] if at + 1 < len(folded) else None

        def rank(word):
            return ((fold(word), after) in pairs, _likeness(spelling(word), wanted), candidates[word])

        best = max(candidates, key=rank)
        if _with_marks(typed_word) and not _same_rhyme(best, typed_word.lower()):
            best = typed_word.lower()  # "tờ" is no misspelling of "tổ", nor "thủ" of "thu"
        words.append(best)
        if canonical(best) != canonical(typed_word.lower()):  # "lý" for "lí" is no correction
            corrected.add(best)
    suggestion = " ".join(words)
    # Offered only when one hit has every corrected word: words taken from different
    # weak hits make no query anybody meant ("đăng ký nghĩa vụ quân sự", which no page
    # answers, became "dựng kỳ nghị vụ quan sử").
    supported = any(corrected <= found for found in hit_words)
    return suggestion if corrected and supported and suggestion != query.lower() else ""


_ONSET = re.compile(r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])")
_HOI_NGA = str.maketrans("\u0303", "\u0309")


def _with_marks(word: str) -> bool:
    """True if ``word`` was typed with tone or vowel marks ("đất"; not "đaats", which is
    Telex with its "dd" already read as "đ")."""
    import unicodedata

    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", word))


def _same_rhyme(candidate: str, typed: str) -> bool:
    """True if ``candidate`` differs from a word typed with its marks only where people
    who type marks still slip: the first consonants (s/x, ch/tr, d/gi/r: "chật" ->
    "trật"), hỏi for ngã ("sữa" -> "sửa"), or a tone left out ("dưng" -> "dựng")."""
    import unicodedata

    from search.text import TONES, canonical

    def rhyme(word):  # in the canonical spelling: "lý" and "lí" are one word
        return unicodedata.normalize("NFD", _ONSET.sub("", canonical(word))).translate(_HOI_NGA)

    def toneless(text):
        return "".join(c for c in text if c not in TONES)

    wanted, typed_rhyme = rhyme(candidate), rhyme(typed)
    untoned = toneless(typed_rhyme) == typed_rhyme
    return wanted == typed_rhyme or (untoned and toneless(wanted) == typed_rhyme)


def _likeness(candidate: tuple[str, str], wanted: tuple[str, str]) -> int:
    """2: the same letters and tone; 1: the same letters; 0: only the same sound."""
    return 2 if candidate == wanted else 1 if candidate[0] == wanted[0] else 0


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
        return []  # most queries: no empty queryset to build and evaluate (~0.4 ms, issue 18)
    ids = LegalDocumentPage.objects.filter(document_number_key__in=keys).values("pk")
    return queryset.filter(pk__in=ids)


def pages_autocomplete(*, query: str, limit: int = 10) -> tuple[list[Page], bool]:
    queryset = Page.objects.live().exclude(private_q()).filter(depth__gt=HOME_DEPTH)

    def run(backend, queryset, order_by_relevance=True):
        return backend.autocomplete(query, queryset, operator="and", order_by_relevance=order_by_relevance)

    result, fallback = _run(run, queryset, page=1, page_size=limit, facets=False)
    by_pk = queryset.in_bulk(result.ids)
    return [by_pk[pk] for pk in result.ids if pk in by_pk], fallback
