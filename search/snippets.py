"""Highlighted snippets, cut in Python so every backend shows the same (issue #4).

Matching is done on folded text (see ``search.text.fold``), so "thong bao" highlights
"thông báo"; the folded text is built character by character so positions in it are
positions in the original.
"""

import re
from functools import lru_cache

from django.utils.html import escape, strip_tags

from search.text import fold

SNIPPET_LENGTH = 240


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    return (fold(char) or char)[:1]


def fold_aligned(text: str) -> str:
    """``fold`` one character at a time, so the result has ``text``'s length."""
    return "".join(map(_fold_char, text))


def snippet_html(text: str, query: str, *, length: int = SNIPPET_LENGTH) -> str:
    """An escaped excerpt of ``text`` around the first match of ``query``, words in <mark>."""
    text = re.sub(r"\s+", " ", strip_tags(text or "")).strip()
    folded = fold_aligned(text)
    words = [re.escape(w) for w in fold(query or "").split() if len(w) > 1 or w.isdigit()]
    pattern = re.compile(r"\b(" + "|".join(words) + r")\b") if words else None
    first = pattern.search(folded) if pattern else None
    start = max(0, first.start() - length // 3) if first else 0
    end = min(len(text), start + length)
    parts, cursor = [], start
    if pattern:
        for match in pattern.finditer(folded, start, end):
            parts.append(escape(text[cursor:match.start()]))
            parts.append(f"<mark>{escape(text[match.start():match.end()])}</mark>")
            cursor = match.end()
    parts.append(escape(text[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return prefix + "".join(parts) + suffix
