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
    return list(memo[query])


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
