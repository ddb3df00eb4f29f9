"""Mapping tables for the two legacy Vietnamese encodings we still meet.

Both encodings are 8-bit "font hacks": the bytes are ordinary Windows-1252 /
Latin-1 bytes and only a special font (.VnTime for TCVN3, VNI-Times for VNI)
draws them as Vietnamese letters.  When such text is copied out of an old Word
document or PDF and pasted into a browser, the font is lost and the browser
sees the Latin-1 characters, e.g. ``"Th«ng b¸o"`` instead of ``"Thông báo"``.

The tables are therefore keyed on those Latin-1 *characters* (byte value ==
code point for 0xA0-0xFF, where cp1252 and Latin-1 agree; neither encoding
uses 0x80-0x9F).  They are written as data, one row per Vietnamese vowel, and
expanded into lookup dicts by the small builders at the bottom of the file.

Sources: TCVN 5712:1993 "VN3" (the single-font ABC table, checked against
GNU libiconv's TCVN-5712 table) and the VNI-Windows layout used by
VNI-Times and the VNI keyboard drivers.
"""

from __future__ import annotations

import unicodedata

# Unicode combining tone marks, in the order the rows below list them.
GRAVE = "\u0300"  # huyền
HOOK = "\u0309"  # hỏi
TILDE = "\u0303"  # ngã
ACUTE = "\u0301"  # sắc
DOT = "\u0323"  # nặng

TONES = (GRAVE, HOOK, TILDE, ACUTE, DOT)


def compose(base: str, tone: str | None = None) -> str:
    """Return the precomposed (NFC) letter for ``base`` + ``tone``."""
    return unicodedata.normalize("NFC", base + (tone or ""))


# ---------------------------------------------------------------------------
# TCVN3 (ABC, TCVN 5712:1993 VN3)
# ---------------------------------------------------------------------------

#: Byte codes of the twelve toned vowels, columns in ``TONES`` order
#: (huyền, hỏi, ngã, sắc, nặng).  TCVN3 only has *lowercase* toned vowels:
#: uppercase toned letters were drawn by typing the same codes in a separate
#: uppercase font (.VnTimeH), so the case is lost once the font is gone.
TCVN3_TONED_VOWELS: dict[str, tuple[int, int, int, int, int]] = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}

#: The fourteen non-ASCII letters without tone mark, which *do* exist in
#: both cases in the single-font table.
TCVN3_PLAIN_LETTERS: dict[int, str] = {
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
    0xA8: "ă",
    0xA9: "â",
    0xAA: "ê",
    0xAB: "ô",
    0xAC: "ơ",
    0xAD: "ư",  # U+00AD SOFT HYPHEN: invisible in a browser, e.g. "n\xadíc"
    0xAE: "đ",
}

#: Characters that are not Latin-1 but show up for TCVN3 bytes in practice.
#: Text extracted from PDFs made with .VnTime fonts usually carries the glyph
#: name of 0xAD, so "ư" arrives as U+2212 MINUS SIGN ("®−îc" for "được").
TCVN3_ALIASES: dict[str, str] = {
    "\u2212": "ư",
}


def _build_tcvn3() -> dict[str, str]:
    table: dict[str, str] = {}
    for base, codes in TCVN3_TONED_VOWELS.items():
        for tone, code in zip(TONES, codes):
            table[chr(code)] = compose(base, tone)
    for code, letter in TCVN3_PLAIN_LETTERS.items():
        table[chr(code)] = letter
    return table


#: Latin-1 character -> Unicode letter (without the aliases).
TCVN3_TO_UNICODE: dict[str, str] = _build_tcvn3()
#: ``str.translate`` table for decoding TCVN3, aliases included.
TCVN3_DECODE_TRANSLATION = str.maketrans({**TCVN3_TO_UNICODE, **TCVN3_ALIASES})
#: Every character the TCVN3 decoder changes.
TCVN3_DECODE_TRANSLATION_KEYS: frozenset[str] = frozenset({**TCVN3_TO_UNICODE, **TCVN3_ALIASES})
#: Unicode letter -> TCVN3 character (lowercase toned + both-case plain).
UNICODE_TO_TCVN3: dict[str, str] = {v: k for k, v in TCVN3_TO_UNICODE.items()}

#: TCVN3 characters that decode to a lowercase letter.  Their apparent
#: Latin-1 case (e.g. "Ô" = ễ) says nothing about the intended case.
TCVN3_CASELESS: frozenset[str] = frozenset(
    k for k, v in TCVN3_TO_UNICODE.items() if v.islower()
) | frozenset(TCVN3_ALIASES)
#: TCVN3 characters that decode to an uppercase letter (Ă Â Ê Ô Ơ Ư Đ).
TCVN3_UPPERCASE: frozenset[str] = frozenset(
    k for k, v in TCVN3_TO_UNICODE.items() if v.isupper()
)

#: TCVN3 codes that are punctuation/symbols in Latin-1.  Inside a word they
#: are an unmistakable fingerprint ("Th«ng", "b¸o", "nh©n"): no language
#: writes "«" or "¸" between two letters.  (Excluded on purpose: "·" is used
#: inside Catalan words, U+00AD soft hyphen inside any word.)
TCVN3_SYMBOL_FINGERPRINTS: frozenset[str] = frozenset("¡¢£¤¥¦§¨©«¬®¶¸¹»¼½¾×÷")

# ---------------------------------------------------------------------------
# VNI (VNI-Windows, VNI-Times fonts)
# ---------------------------------------------------------------------------
# VNI draws most accented letters as a base letter followed by one "mark"
# character (the font overstrikes it), so "á" is "a" + "ù" and "ậ" is
# "a" + "ä".  A few letters are single characters ("ơ" is "ô", "đ" is "ñ").
# Uppercase letters use the uppercase variant of the mark character.

#: Tone mark characters (usable after a e o u y and after ô=ơ, ö=ư).
VNI_TONE_MARKS: dict[str, str] = {
    "ø": GRAVE,
    "û": HOOK,
    "õ": TILDE,
    "ù": ACUTE,
    "ï": DOT,
}
#: Circumflex (+ tone) mark characters, usable after a e o.
VNI_CIRCUMFLEX_MARKS: dict[str, str | None] = {
    "â": None,
    "à": GRAVE,
    "å": HOOK,
    "ã": TILDE,
    "á": ACUTE,
    "ä": DOT,
}
#: Breve (+ tone) mark characters, usable after a only.
VNI_BREVE_MARKS: dict[str, str | None] = {
    "ê": None,
    "è": GRAVE,
    "ú": HOOK,
    "ü": TILDE,
    "é": ACUTE,
    "ë": DOT,
}
#: Letters VNI writes as one character (lowercase; uppercase is derived).
VNI_SINGLE_LETTERS: dict[str, str] = {
    "ô": "ơ",
    "ö": "ư",
    "ñ": "đ",
    "ì": "ì",
    "æ": "ỉ",
    "ó": "ĩ",
    "í": "í",
    "ò": "ị",
    "î": "ỵ",
}

CIRCUMFLEX = "\u0302"
BREVE = "\u0306"


def _build_vni() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Return (canonical sequences, lenient extra sequences, single letters).

    Canonical sequences pair a lowercase base with a lowercase mark and an
    uppercase base with an uppercase mark, as VNI-Windows defines them.  The
    lenient extras accept the mixed-case spellings some converters produce
    ("Aù" for "Á"); the output takes its case from the base letter.
    """
    lower: dict[str, str] = {}
    # tone marks on plain vowels and on ơ (ô) / ư (ö)
    for base, unicode_base in (
        ("a", "a"),
        ("e", "e"),
        ("o", "o"),
        ("u", "u"),
        ("y", "y"),
        ("ô", "ơ"),
        ("ö", "ư"),
    ):
        for mark, tone in VNI_TONE_MARKS.items():
            lower[base + mark] = compose(unicode_base, tone)
    for base in "aeo":
        for mark, tone in VNI_CIRCUMFLEX_MARKS.items():
            lower[base + mark] = compose(base + CIRCUMFLEX, tone)
    for mark, tone in VNI_BREVE_MARKS.items():
        lower["a" + mark] = compose("a" + BREVE, tone)
    # Note "y" + "ï" (ỵ) is accepted although VNI normally writes the single "î".
    canonical: dict[str, str] = {}
    for seq, letter in lower.items():
        canonical[seq] = letter
        canonical[seq.upper()] = letter.upper()
    lenient: dict[str, str] = {}
    for seq, letter in lower.items():
        base, mark = seq
        lenient[base.upper() + mark] = letter.upper()
        lenient[base + mark.upper()] = letter
    singles: dict[str, str] = {}
    for char, letter in VNI_SINGLE_LETTERS.items():
        singles[char] = letter
        singles[char.upper()] = letter.upper()
    return canonical, lenient, singles


VNI_SEQUENCES, VNI_LENIENT_SEQUENCES, VNI_SINGLES = _build_vni()
#: Every two-character VNI sequence -> Unicode letter.
VNI_ALL_SEQUENCES: dict[str, str] = {**VNI_LENIENT_SEQUENCES, **VNI_SEQUENCES}


def _build_unicode_to_vni() -> dict[str, str]:
    table = {letter: seq for seq, letter in VNI_SEQUENCES.items()}
    # ỵ / Ỵ: prefer the single letter, as VNI-Windows does.
    table.update({letter: char for char, letter in VNI_SINGLES.items() if char != letter})
    return table


#: Unicode letter -> VNI spelling (canonical case).
UNICODE_TO_VNI: dict[str, str] = _build_unicode_to_vni()

#: Base+mark pairs that decode ordinary European words into valid
#: Vietnamese syllables -- French "où" (-> "ó"), "Loïc" (-> "Lọc"), Spanish
#: "aún" (-> "ẳn") -- or that Vietnamese Unicode itself writes ("hoà",
#: "hoá", "loã").  Words whose only VNI evidence is one of these pairs are
#: not counted as evidence (they still count as decodable).
VNI_WEAK_PAIRS: frozenset[str] = frozenset({"où", "oû", "oï", "aú", "oà", "oá", "oã"})

#: Pairs found in some European words ("naïf", "Thaï", "Israël", "eût") that
#: rarely decode to a valid syllable: ordinary evidence.  Every other VNI
#: pair ("eä", "oø", "aõ", "uû" ...) is a fingerprint: no language writes it.
VNI_PLAIN_PAIRS: frozenset[str] = frozenset({"aï", "eï", "uï", "aë", "aé", "aè", "eû"})

#: Every character that can be part of legacy-encoded text.  Text without
#: any of them cannot be TCVN3 or VNI and skips the analysis entirely.
LEGACY_CHARACTERS: frozenset[str] = (
    frozenset(TCVN3_TO_UNICODE)
    | frozenset(TCVN3_ALIASES)
    | frozenset(VNI_SINGLES)
    | frozenset(seq[1] for seq in VNI_ALL_SEQUENCES)
)
