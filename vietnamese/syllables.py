"""Is a word a well-formed Vietnamese syllable?

Legacy-encoding detection needs a yardstick: a TCVN3 or VNI word read as
Latin-1 is (nearly always) *not* a Vietnamese syllable, and the same word
decoded is one.  Vietnamese orthography is regular enough to check this
without a dictionary:

    syllable = [initial consonant] + rhyme (medial + nucleus + final) + tone

The check is structural, not lexical: it accepts every real syllable and some
that happen not to be words, which is what detection needs.  It is strict
where legacy garbage is usually caught: unknown letters (f j w z, ä, ø ...),
impossible vowel clusters ("ei", "oâ"), the k/c, gh/g and ngh/ng spelling
rules ("Céng" cannot be Unicode), at most one tone mark, and the rule that
syllables ending in c, ch, p, t take only the sắc or nặng tone.
"""

from __future__ import annotations

import unicodedata

# Combining tone marks (NFD).  U+0340/U+0341 decompose to U+0300/U+0301.
_TONE_MARKS = {
    "\u0300": "grave",
    "\u0301": "acute",
    "\u0303": "tilde",
    "\u0309": "hook",
    "\u0323": "dot",
}

_VOWELS = frozenset("aăâeêioôơuưy")
_LETTERS = frozenset("abcdeghiklmnopqrstuvxyđăâêôơư")

_INITIALS = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
    "",
)  # fmt: skip

#: Every rhyme (vần) of standard Vietnamese orthography, without tone.
RHYMES: frozenset[str] = frozenset(
    """
    a ac ach ai am an ang anh ao ap at au ay
    ăc ăm ăn ăng ăp ăt
    âc âm ân âng âp ât âu ây
    e ec em en eng eo ep et
    ê êch êm ên ênh êp êt êu
    i ia ich im in inh ip it iu
    iêc iêm iên iêng iêp iêt iêu
    yêm yên yêng yêt yêu
    o oc oi om on ong op ot
    oa oac oach oai oam oan oang oanh oao oap oat oay
    oăc oăm oăn oăng oăt
    oe oem oen oeo oet
    ooc oong
    ô ôc ôi ôm ôn ông ôp ôt
    ơ ơi ơm ơn ơp ơt
    u ua uc ui um un ung up ut
    uân uâng uât uây
    uê uêch uên uênh uêt
    uôc uôi uôm uôn uông uôt
    uơ
    uy uya uych uyn uynh uyp uyt uyu uyên uyêt
    ư ưa ưc ưi ưm ưn ưng ưt ưu
    ươc ươi ươm ươn ương ươp ươt ươu
    y
    """.split()
)

#: Rhymes after "qu": the "u" of "qu" is the medial, so "quân" is qu + ân
#: (rhyme uân) and "quanh" is qu + anh (rhyme oanh, spelled with u).
_QU_RHYMES: frozenset[str] = frozenset(
    {r[1:] for r in RHYMES if r[0] == "u" and len(r) > 1 and r[1] in _VOWELS}
    | {r[1:] for r in RHYMES if r[0] == "o" and len(r) > 1 and r[1] in "aăe"}
)

_STOP_FINALS = ("c", "ch", "p", "t")
_FRONT = frozenset("eêi")


def case_is_regular(word: str) -> bool:
    """lower, Title or UPPER case: "viet", "Viet", "VIET" but not "ViEt".

    Only cased characters count, so "«Thông" is regular Title case.
    """
    cased = "".join(char for char in word if char.isupper() or char.islower())
    if not cased or cased.islower() or cased.isupper():
        return True
    return cased[0].isupper() and cased[1:].islower()


def split_tone(word: str) -> tuple[str, str | None] | None:
    """Split a lowercase word into (toneless NFC spelling, tone name).

    Returns None if the word carries more than one tone mark or a tone mark
    on something other than a vowel.
    """
    tone = None
    last_base = ""
    kept = []
    for char in unicodedata.normalize("NFD", word):
        if char in _TONE_MARKS:
            if tone is not None or not last_base or last_base not in "aeiouy":
                return None
            tone = _TONE_MARKS[char]
            continue
        if not unicodedata.combining(char):
            last_base = char
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _rhyme_ok(initial: str, rhyme: str) -> bool:
    if not rhyme:
        return initial == "gi"  # "gì", "gi" (the vowel is the i of gi)
    first = rhyme[0]
    if initial == "qu":
        return rhyme in _QU_RHYMES
    if initial == "gi":
        return rhyme in RHYMES and first != "i"
    if rhyme not in RHYMES:
        return False
    if initial == "k":
        return first in _FRONT or first == "y"
    if initial in ("gh", "ngh"):
        return first in _FRONT
    if initial in ("c", "ng"):
        return first not in _FRONT and first != "y"
    if initial == "g":
        # g + i... is the digraph gi with its i shared: "gìn", "giếng".
        return first not in "eêy"
    return True


def is_vietnamese_syllable(word: str) -> bool:
    """True if ``word`` (letters only) is a well-formed Vietnamese syllable."""
    word = unicodedata.normalize("NFC", word)
    if not word or not word.isalpha() or not case_is_regular(word):
        return False
    split = split_tone(word.lower())
    if split is None:
        return False
    base, tone = split
    if not set(base) <= _LETTERS:
        return False
    for initial in _INITIALS:
        if not base.startswith(initial):
            continue
        rhyme = base[len(initial):]
        if not _rhyme_ok(initial, rhyme):
            continue
        if rhyme.endswith(_STOP_FINALS) and tone not in ("acute", "dot"):
            continue
        return True
    return False


def has_vowel(word: str) -> bool:
    """True if the word contains a Vietnamese vowel letter (any tone, any case)."""
    toneless = "".join(
        char for char in unicodedata.normalize("NFD", word.lower()) if char not in _TONE_MARKS
    )
    return any(char in _VOWELS for char in unicodedata.normalize("NFC", toneless))
