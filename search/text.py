"""Vietnamese text folding shared by the engine's analyzers and the database path.

"thong bao" must find "thông báo" and "dau tu" must find "đầu tư" (issue #4). Unicode
decomposition strips the tone and vowel marks, but đ/Đ are letters of their own that
do not decompose, so they are mapped first: the same rule as
``cms.models.legal_documents.document_number_key``.
"""

import re
import unicodedata

# Every mark Vietnamese decomposes into (tones, circumflex, breve, horn) lies in the
# Combining Diacritical Marks block; one regex pass removes them, and only text still
# holding other non-ASCII characters pays for the per-character category check.
_COMBINING_BLOCK = re.compile("[\u0300-\u036f]")


def fold(text: str) -> str:
    """Lower-case ``text`` without Vietnamese diacritics ("Đầu tư" -> "dau tu")."""
    text = _COMBINING_BLOCK.sub("", unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D")))
    if not text.isascii():
        text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return text.lower()


def has_diacritics(text: str) -> bool:
    return fold(text) != text.lower()


FOLDED_FIELD = "search_folded_text"


def page_text(page) -> str:
    """The text of ``page``'s full-text search fields (what a snippet is cut from)."""
    from modelsearch.index import RelatedFields, SearchField

    parts = []
    for field in page.get_search_fields():
        if isinstance(field, SearchField) and not isinstance(field, RelatedFields) and field.field_name != FOLDED_FIELD:
            value = field.get_value(page)
            if isinstance(value, (list, tuple)):
                value = " ".join(str(v) for v in value if v)
            if value:
                parts.append(str(value))
    return " ".join(parts)


def page_folded_text(page) -> str:
    return fold(page_text(page))
