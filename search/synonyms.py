"""Query expansion with the synonyms and abbreviations of ``search/synonyms.txt``
(issue 18 item 4), the same on every backend: a query is searched as typed and as each
variant, variants weighing a little less (engines) or matched as alternatives (database).
"""

import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from search.text import fold

SYNONYMS_FILE = Path(__file__).resolve().parent / "synonyms.txt"
MAX_VARIANTS = 6
# Words naming an administrative level: "huyện Tiên Du" is also searched as "Tiên Du".
LEVEL_WORDS = ("tinh", "huyen", "xa", "phuong", "thi tran", "thi xa", "thanh pho")
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


@lru_cache(maxsize=4)
def synonym_groups(path: str = "") -> list[list[str]]:
    path = Path(path or getattr(settings, "SEARCH_SYNONYMS_FILE", "") or SYNONYMS_FILE)
    groups = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            terms = [t.strip() for t in line.split(",") if t.strip()]
            if len(terms) > 1:
                groups.append(terms)
    return groups


def _folded_tokens(text: str) -> list[str]:
    return [fold(t) for t in _TOKEN.findall(text)]


# The folded tokens of each synonym group's terms, and the variants of recent queries,
# for the groups ``synonym_groups()`` returned last: folding every term of the file on
# each query cost ~1 ms of a search's Python time (issue 18, latency).
_MEMO: dict = {"groups": None, "folded": [], "variants": {}}
VARIANTS_MEMO_SIZE = 2048


def _folded_groups(groups) -> list[list[tuple[str, list[str], int]]]:
    if _MEMO["groups"] is not groups:
        _MEMO.update(groups=groups, variants={}, folded=[
            [(term, _folded_tokens(term), len(fold(term))) for term in group] for group in groups])
    return _MEMO["folded"]


def query_variants(query: str) -> list[str]:
    """Other ways to write ``query`` (not ``query`` itself), at most ``MAX_VARIANTS``."""
    folded_groups = _folded_groups(synonym_groups())
    memo = _MEMO["variants"]
    if query not in memo:
        if len(memo) >= VARIANTS_MEMO_SIZE:
            memo.clear()
        memo[query] = tuple(_variants(query, folded_groups))
    return (list(memo[query]) + place_variants(query))[:MAX_VARIANTS]


def place_variants(query: str) -> list[str]:
    """``query`` with a portal's short name (and the level word before it) replaced by the
    portal's search token: "rác thải Liên Bão" is also "rác thải donvilienbao", which
    every page of Xã Liên Bão's portal carries (``PortalPage.portal_name``), though the
    commune's own pages say "xã", not its name. Not a query that is the name alone: it
    would match the portal's every page."""
    names = _place_names()
    spans = [(m.start(), m.end(), fold(m.group(0))) for m in _TOKEN.finditer(query)]
    folded = [s[2] for s in spans]
    variants = []
    for start, word in enumerate(folded):
        for tokens, token in names.get(word, ()):
            end = start + len(tokens)
            if folded[start:end] != tokens or len(tokens) >= len(folded):
                continue
            first = start
            for level in _LEVELS_LONGEST_FIRST:  # "huyện Tiên Du", "thị xã Tiên Du": the level goes too
                n = len(level.split())
                if folded[max(0, start - n):start] == level.split():
                    first = start - n
                    break
            if end - first >= len(folded):
                continue
            variant = " ".join((query[:spans[first][0]] + " " + token + " " + query[spans[end - 1][1]:]).split())
            if variant not in variants:
                variants.append(variant)
    return variants


_LEVELS_LONGEST_FIRST = sorted(LEVEL_WORDS, key=lambda level: -len(level.split()))  # "thị xã" before "xã"


def _place_names() -> dict[str, list[tuple[list[str], str]]]:
    """First folded word of a portal's short name -> [(the name's folded words, token)],
    built again whenever the portal labels are (a unit renamed, a portal added)."""
    from search.services.facets import every_portal_label
    from tenants.models import unit_search_token

    labels = every_portal_label()
    if _MEMO.get("labels") is not labels:
        names: dict[str, list] = {}
        for label in labels.values():
            tokens = _folded_tokens(label.short_name or "")
            if tokens:
                names.setdefault(tokens[0], []).append((tokens, unit_search_token(label.slug)))
        _MEMO.update(labels=labels, places=names)
    return _MEMO["places"]


def _variants(query: str, folded_groups) -> list[str]:
    spans = [(m.start(), m.end(), fold(m.group(0))) for m in _TOKEN.finditer(query)]
    folded = [s[2] for s in spans]
    variants = []

    def replace(start, length, text):
        variant = query[: spans[start][0]] + text + query[spans[start + length - 1][1]:]
        variant = " ".join(variant.split())
        if variant and fold(variant) != fold(query) and variant not in variants:
            variants.append(variant)

    for group in folded_groups:
        for term, tokens, term_length in group:
            n = len(tokens)
            for start in range(len(folded) - n + 1):
                if folded[start:start + n] == tokens:
                    for other, _, other_length in group:
                        # Not towards a two-letter abbreviation ("thông báo" -> "TB"):
                        # too many other things are written with those two letters.
                        if other != term and (other_length > 2 or term_length <= 2):
                            replace(start, n, other)
    for level in LEVEL_WORDS:
        tokens = level.split()
        n = len(tokens)
        for start in range(len(folded) - n):  # not the last word: "xã" alone stays
            if folded[start:start + n] == tokens and len(folded) > n + 1:
                replace(start, n, "")
    return variants[:MAX_VARIANTS]
