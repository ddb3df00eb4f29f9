"""Vietnamese text folding shared by the engine's analyzers and the database path.

"thong bao" must find "thông báo" and "dau tu" must find "đầu tư" (issue #4). Unicode
decomposition strips the tone and vowel marks, but đ/Đ are letters of their own that
do not decompose, so they are mapped first: the same rule as
``cms.models.legal_documents.document_number_key``.
"""

import functools
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


# --- normalisation (issue 18 item 1): one set of rules for indexing and querying --------
#
# Python applies them to the database backend's folded copy and to every query; the
# engines' analyzers get the same rules as token filters built from these tables
# (``search.backends.vietnamese.ANALYSIS``), so the index and the query always agree.

TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng (combining)
# Old-style tone placement on open syllables ending in oa, oe, uy ("hoà", "khoẻ",
# "thuỷ") -> the style most pages use ("hòa", "khỏe", "thủy"). "quỹ" keeps its tone:
# "qu" is the onset, the y is the vowel.
_OLD_TONE_PAIRS = ("oa", "oe", "uy")


def _toned(letter: str, tone: str) -> str:
    return unicodedata.normalize("NFC", letter + tone)


# (old ending, new ending), lower case, e.g. ("oà", "òa").
TONE_PLACEMENT = [(pair[0] + _toned(pair[1], tone), _toned(pair[0], tone) + pair[1])
                  for pair in _OLD_TONE_PAIRS for tone in TONES]
# i/y after a consonant onset ("lý"/"lí", "kỹ"/"kĩ", "Sỹ"/"Sĩ"): both spellings are
# accepted; the index and queries use i. After "qu" the reverse ("quí" -> "quý").
I_FORMS = ["i"] + [_toned("i", tone) for tone in TONES]
Y_FORMS = ["y"] + [_toned("y", tone) for tone in TONES]
CONSONANT_ONSET = "(?:[bcdđghklmnprstvx]+)"

_WORD = re.compile(r"\w+")


def _same_case(new: str, old: str) -> str:
    return "".join(n.upper() if o.isupper() else n for n, o in zip(new, old))


# Pure functions of a word or a query, called for every word of a query several times per
# search and of each snippet (issue 18, latency): kept per process, bounded.
@functools.lru_cache(maxsize=16384)
def _word_canonical(word: str) -> str:
    lower = word.lower()
    for old, new in TONE_PLACEMENT:
        if lower.endswith(old) and not (old[0] == "u" and lower.endswith("q" + old)):
            return word[: -len(old)] + _same_case(new, word[-len(old):])
    last = lower[-1:]
    if last in Y_FORMS and len(lower) > 1 and re.fullmatch(CONSONANT_ONSET, lower[:-1]):
        return word[:-1] + _same_case(I_FORMS[Y_FORMS.index(last)], word[-1])
    if last in I_FORMS and lower[:-1] == "qu":
        return word[:-1] + _same_case(Y_FORMS[I_FORMS.index(last)], word[-1])
    return word


def canonical(text: str) -> str:
    """``text`` in NFC with one tone placement and one i/y spelling (for matching only:
    pages are shown as written)."""
    text = unicodedata.normalize("NFC", text)
    return _WORD.sub(lambda m: _word_canonical(m.group(0)), text)


# A Telex leftover no Vietnamese word has: "dd" before a vowel ("ddau tu" for "đầu tư").
_TELEX_DD = re.compile(r"\b([dD])[dD](?=[aăâeêioôơuưyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ])",
                       re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def query_normalize(query: str) -> str:
    """What a query is searched as: NFC, one tone placement, i/y, and "dd" -> "đ"."""
    query = _TELEX_DD.sub(lambda m: "Đ" if m.group(1).isupper() else "đ", unicodedata.normalize("NFC", query))
    return canonical(query)


# Telex typed without the keyboard's conversion, decoded where a word cannot be
# Vietnamese as typed: a trailing tone key (s f r x j) after a vowel, doubled letters
# (aa ee oo dd) and w for the horn/breve ("ddaats" for "đất"; query_normalize decodes a
# leading dd already). Only the fuzzy fallback and the suggestion use it, so an English
# word ("tax") never changes a strict search.
_TELEX_TONE_KEYS = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}
_TELEX_MARKS = (("dd", "đ"), ("uow", "ươ"), ("aa", "â"), ("aw", "ă"), ("ee", "ê"), ("oo", "ô"), ("ow", "ơ"), ("uw", "ư"))
_TELEX_TONED = re.compile(r"^([a-zđ]*?[aeiouy][a-zđ]*?)([sfrxj])$")


# One Vietnamese syllable, folded: an initial consonant (or none), one to three vowels,
# a final consonant (or none). What Telex decoding must end in: "electronics" would
# decode to "electronic" with a sắc tone, which no page has (issue 18, an English query
# found nothing in a judged set written apart from the tuning).
_SYLLABLE = re.compile(r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnpt])?")


def _telex_decoded(letters: str) -> tuple[str, str]:
    """(letters with their vowel marks, tone mark) of a lower-case word of plain letters
    typed in Telex ("ddaats" -> ("đât", sắc)); the word as it is when decoding would not
    make it one Vietnamese syllable ("investments", "tax")."""
    toned = _TELEX_TONED.match(letters) if len(letters) > 2 else None
    tone, typed = "", letters
    if toned:
        letters, tone = toned.group(1), _TELEX_TONE_KEYS[toned.group(2)]
    for keys, letter in _TELEX_MARKS:
        letters = letters.replace(keys, letter)
    if letters != typed and not _SYLLABLE.fullmatch(fold(letters)):
        return typed, ""
    return letters, tone


# VNI typed without the keyboard's conversion: a digit after the letter it marks (1-5
# the tones, 6 circumflex, 7 horn, 8 breve, 9 the bar of đ): "d9a6u2 tu7" for "đầu tư".
# Folded, the digits just go, where what is left is one Vietnamese syllable ("covid19",
# "h5n1" and "96" stay).
_VNI_WORD = re.compile(r"[a-z]+[1-9][a-z1-9]*")


def _vni_folded(word: str) -> str:
    if not _VNI_WORD.fullmatch(word):
        return word
    letters = re.sub(r"[1-9]", "", word)
    return letters if _SYLLABLE.fullmatch(letters) else word


@functools.lru_cache(maxsize=4096)
def _syllables(word: str) -> tuple[str, ...]:
    """A folded ``word`` that is no syllable, cut into the fewest syllables it can be
    ("xaydung" -> "xay dung": two words typed without the space), or itself."""
    if _SYLLABLE.fullmatch(word) or not word.isalpha() or len(word) > 24:
        return (word,)
    best = None
    for cut in range(1, len(word)):
        head = word[:cut]
        if _SYLLABLE.fullmatch(head):
            rest = _syllables(word[cut:])
            if all(_SYLLABLE.fullmatch(part) for part in rest) and (best is None or len(rest) + 1 < len(best)):
                best = (head, *rest)
    return best or (word,)


def telex_fold(query: str) -> str:
    """``query`` folded with Telex and VNI leftovers decoded and glued syllables typed
    with marks cut ("ddaof quang khair" -> "dao quang khai", "d9a6u2 tu7" -> "dau tu",
    "xâydựng" -> "xay dung")."""
    folded = []
    for typed in query_normalize(query).split():
        word = fold(_telex_decoded(_vni_folded(fold(typed)))[0])
        # Only a word typed with marks is cut: "Hanoi" is the English pages' word.
        folded += _syllables(word) if fold(typed) != typed.lower() else [word]
    return " ".join(folded)


def spelling(word: str) -> tuple[str, str]:
    """(letters with their vowel marks, tone mark) of ``word`` as written, or as typed in
    Telex without the keyboard's conversion: "đất" and "ddaats" are both ("đât", sắc),
    "ddai" is ("đai", no tone). The suggestion prefers the hits' word spelt so."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tone = next((c for c in decomposed if c in TONES), "")
    letters = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
    if not tone and re.fullmatch(r"[a-zđ]+", letters):
        return _telex_decoded(letters)
    return letters, tone


# Spellings that sound alike in most of the country (s/x, d/gi/r, ch/tr, final i/y):
# a folded word's sound key. Matching on keys is the fuzzy fallback's second chance.
_SOUND_RULES = [(re.compile(p), r) for p, r in (
    (r"^gi(?=[aeiouy])", "d"), (r"^gi$", "di"), (r"^r", "d"), (r"^x", "s"), (r"^tr", "ch"), (r"^ngh", "ng"),
    (r"^gh", "g"), (r"^k", "c"), (r"^q(?=u)", "c"), (r"y$", "i"),
)]
# And l/n, which the Red River delta's speech (Bắc Ninh's) confuses: "lồng độ cồn" for
# "nồng độ cồn". Not on the database backend, whose keys share one column with the
# words: "năm" keyed "lam" would match every "làm" as typed.
_L_N = re.compile(r"^n(?=[aeiouy])")


def spelling_key(folded_word: str, *, l_n: bool = True) -> str:
    """``folded_word`` with the spellings that sound alike made one (``_SOUND_RULES``)."""
    for pattern, replacement in _SOUND_RULES:
        folded_word = pattern.sub(replacement, folded_word)
    return _L_N.sub("l", folded_word) if l_n else folded_word


# A word that is no Vietnamese syllable is mostly English (the English pages, "VNeID",
# "Smart"): its key is its stem cut to this many letters, so that "registration" finds
# "register", "inspection" "inspects", "investors" "investment" (Snowball's English
# stemmer leaves "registr", "regist"; "investor", "invest"). Cut stems may join words
# that differ ("investigation"): keys serve only the fallback, after the exact words.
ENGLISH_STEM_LENGTH = 6


@functools.lru_cache(maxsize=8192)
def sound_key(folded_word: str, *, l_n: bool = True) -> str:
    """The key a word is matched by in the fuzzy fallback: its sound (``spelling_key``),
    and for an English word its cut stem first."""
    if len(folded_word) > 3 and folded_word.isascii() and folded_word.isalpha() and not _SYLLABLE.fullmatch(folded_word):
        folded_word = _english_stemmer().stemWord(folded_word)[:ENGLISH_STEM_LENGTH]
    return spelling_key(folded_word, l_n=l_n)


@functools.lru_cache(maxsize=1)
def _english_stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def sound_fold(text: str, *, l_n: bool = True) -> str:
    """Folded text with every word replaced by its sound key ("sử lý" -> "su li")."""
    return " ".join(sound_key(word, l_n=l_n) for word in fold(canonical(text)).split())


FOLDED_FIELD = "search_folded_text"
# The name of the page's portal (``PortalPage.portal_name``): searched, never a snippet.
PORTAL_NAME_FIELD = "portal_name"


def page_text(page) -> str:
    """The text of ``page``'s full-text search fields (what a snippet is cut from)."""
    from modelsearch.index import RelatedFields, SearchField

    parts = []
    for field in page.get_search_fields():
        if (isinstance(field, SearchField) and not isinstance(field, RelatedFields)
                and field.field_name not in (FOLDED_FIELD, PORTAL_NAME_FIELD)):
            value = field.get_value(page)
            if isinstance(value, (list, tuple)):
                value = " ".join(str(v) for v in value if v)
            if value:
                parts.append(str(value))
    return " ".join(parts)


def page_folded_text(page) -> str:
    """The database backend's matching copy of a page: folded, canonical spelling, and the
    sound keys of the words that have one of their own (the fuzzy fallback's vocabulary)."""
    folded = fold(canonical(" ".join(filter(None, (page_text(page), getattr(page, PORTAL_NAME_FIELD, str)())))))
    words = set(folded.split())
    # PostgreSQL's parser reads "45/kh-ubnd" as one token (a file path): its parts are
    # words too, or "45 KH UBND" and "qđ 96" find nothing there (SQLite splits it), and
    # have their keys ("đồng/trang": "chang").
    words_and_parts = words | {part for w in words if "/" in w for part in w.split("/") if part}
    extra = (words_and_parts | {sound_key(w, l_n=False) for w in words_and_parts}) - words
    return folded + (" " + " ".join(sorted(extra)) if extra else "")


# A document number/symbol inside a query ("quyết định 96/QĐ-UBND"): digits, a slash,
# letters and hyphens ("15/2024/QĐ-UBND", "37/NQ-HĐND", "22/2023/TT-BTTTT").
_DOCUMENT_NUMBER = re.compile(r"\d+(?:\s*/\s*[\w-]+)+(?:\s*-\s*[\w]+)*")


def document_numbers(query: str) -> list[str]:
    """The document-number-shaped parts of ``query``, as typed."""
    return [m.group(0) for m in _DOCUMENT_NUMBER.finditer(query)]


# Words that frame a question or join words, not what it is about ("hộ nghèo được hỗ trợ
# những gì"): a page answering it seldom has them. Written with their diacritics, which
# tell them apart from the words they fold to ("cho" for, "chợ" market; "của" of, "cua"
# crab), except the few whose folded form is theirs alone; a query typed without any
# diacritics keeps "cho", "la", "co".
FUNCTION_WORDS = frozenset("""
    được những gì nào không là của cho và các ở đâu thế như bao nhiêu khi thì mà với về tại
    để bị đã sẽ đang hay hoặc một tôi em muốn cần sao có số phải làm nhé ạ vậy nên hỏi mấy
    """.split())
# Without marks: the Vietnamese words no other folds to, and English question words
# that are no Vietnamese syllable ("an", "to", "do", "can", "the", "my" are: an toàn, tổ,
# đo, cần, thẻ, Mỹ).
FUNCTION_WORDS_FOLDED = frozenset("""
    duoc nhung khong gi nhieu hoac
    how what when where which who why does did are was were is of and or for from with about
    your this that there these those will would should could please a i it
    """.split())
# "how long", "how much", "how many": the second word asks too ("long" alone is a
# Vietnamese word: Hòa Long, long trọng).
_ENGLISH_HOW = re.compile(r"\bhow\s+(long|much|many)\b", re.IGNORECASE)


def function_words(query: str) -> set[str]:
    """The words of ``query`` (as typed) that are function words (``FUNCTION_WORDS``)."""
    folded_only = fold(query) == query.lower()
    words = FUNCTION_WORDS_FOLDED if folded_only else FUNCTION_WORDS
    dropped = {w for w in query.split() if w.lower() in words}
    if folded_only:
        dropped |= {m.group(1) for m in _ENGLISH_HOW.finditer(query)}
    return dropped


def content_words(query: str) -> str:
    """``query`` without its function words, or "" when it has none or would keep none:
    the fallback's first step when every word finds too little."""
    words = query.split()
    dropped = function_words(query)
    kept = [w for w in words if w not in dropped]
    return " ".join(kept) if kept and len(kept) < len(words) else ""


def is_document_number(query: str) -> bool:
    """True if ``query`` is document numbers and nothing else ("96/QĐ-UBND")."""
    rest = _DOCUMENT_NUMBER.sub(" ", query)
    return rest != query and not re.search(r"\w", rest)
