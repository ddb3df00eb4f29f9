"""Unicode normalisation and legacy-encoding repair for Vietnamese text.

Điều 4 of the decision (TCVN 6909:2011): everything editors and the public
type is stored as precomposed Unicode (NFC).  Two things get in the way:

* decomposed Unicode (NFD), e.g. text typed on macOS or produced by the
  "Unicode tổ hợp" option of some keyboards: fixed by :func:`to_nfc`;
* text typed long ago in a legacy 8-bit encoding -- TCVN3/ABC (.VnTime
  fonts) or VNI (VNI-Times fonts) -- and pasted without its font, which then
  reads as Latin-1 garbage: "Th«ng b¸o" (TCVN3) or "Thoâng baùo" (VNI) for
  "Thông báo".

Detection works on whole words, never on single characters, because every
character TCVN3 and VNI use is also a perfectly normal Latin-1 character
("à", "ê", "ô" in real Unicode Vietnamese, "é" in "Café").  For each word
that a candidate decoding would change, we ask whether the word is a
well-formed Vietnamese syllable before and after decoding (see
:mod:`vietnamese.syllables`):

* *gained*: invalid as typed, valid once decoded -- evidence for the encoding;
* *lost*: valid as typed, invalid once decoded -- evidence against it
  (real Unicode Vietnamese);
* *failed*: invalid either way (foreign words, abbreviations ...);
* *residue*: words with Latin-1 letters the encoding never uses ("forêt"
  cannot be VNI) -- genuine legacy text has none.

Words carrying an unmistakable fingerprint (TCVN3 "«", "¸" between letters,
"NguyÔn"'s impossible capital; VNI pairs like "eä", "oø") count double;
VNI words whose only evidence is a pair European words also have ("où",
"aún") do not count.
Text is converted only on clear evidence (:func:`analyse_legacy_encoding`);
if it shows legacy fingerprints but does not convert cleanly -- or mixes real
Unicode words with legacy ones -- :func:`clean_vietnamese_text` refuses it
with :data:`MESSAGE_LEGACY_ENCODING` rather than store garbage.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import tables
from .syllables import case_is_regular, has_vowel, is_vietnamese_syllable

__all__ = [
    "CODE_LEGACY_ENCODING",
    "LEGACY_ENCODINGS",
    "MESSAGE_LEGACY_ENCODING",
    "STATUS_AMBIGUOUS",
    "STATUS_LEGACY",
    "STATUS_UNICODE",
    "TCVN3",
    "VNI",
    "EncodingEvidence",
    "LegacyAnalysis",
    "LegacyEncodingError",
    "analyse_legacy_encoding",
    "clean_vietnamese_text",
    "convert_legacy",
    "detect_legacy_encoding",
    "encode_legacy",
    "fix_vietnamese_text",
    "has_unicode_only_letters",
    "is_vietnamese_syllable",
    "looks_like_vietnamese",
    "repair_vietnamese_text",
    "to_nfc",
]

TCVN3 = "tcvn3"
VNI = "vni"
LEGACY_ENCODINGS = (TCVN3, VNI)

MESSAGE_LEGACY_ENCODING = _(
    "This text seems to use an old Vietnamese encoding (TCVN3/VNI) and could not be "
    "converted to Unicode. Please convert it to precomposed Unicode (TCVN 6909:2011) "
    "and enter it again."
)
CODE_LEGACY_ENCODING = "legacy_encoding"

# Status values of LegacyAnalysis.status
STATUS_UNICODE = "unicode"  # nothing legacy about it
STATUS_LEGACY = "legacy"  # confidently legacy: convert
STATUS_AMBIGUOUS = "ambiguous"  # legacy fingerprints, but no safe conversion

# Evidence thresholds (see analyse_legacy_encoding).
MIN_EVIDENCE_WEIGHT = 2
MIN_TELLTALES = 2
MIN_VALID_RATIO = 0.6
_MAX_WORD_LENGTH = 40  # longer "words" are URLs, hashes, base64 ... not prose


class LegacyEncodingError(ValidationError):
    """Text looks legacy-encoded (TCVN3/VNI) but cannot be safely converted.

    A ValidationError, so forms and DRF serializers report it like any other
    field error (code ``"legacy_encoding"``).
    """

    def __init__(
        self, message=MESSAGE_LEGACY_ENCODING, code=CODE_LEGACY_ENCODING, params=None, encoding=None
    ):
        super().__init__(message, code=code, params=params)
        #: The most likely legacy encoding ("tcvn3"/"vni") or None if unclear.
        self.encoding = encoding


def to_nfc(value: str) -> str:
    """Return ``value`` in Unicode Normalization Form C (precomposed).

    Cheap for the common case: already-normalised strings are returned as is.
    """
    if unicodedata.is_normalized("NFC", value):
        return value
    return unicodedata.normalize("NFC", value)


# ---------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------

# TCVN3 uses Latin-1 punctuation ("«", "¸", soft hyphen ...) as letters, so a
# "word" is a run of letters, combining marks and those characters.
_TCVN3_NON_LETTERS = "".join(
    sorted({c for c in tables.TCVN3_TO_UNICODE if not c.isalpha()} | set(tables.TCVN3_ALIASES))
)
_WORD_RE = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f]|[" + re.escape(_TCVN3_NON_LETTERS) + r"])+")
_LEGACY_CHAR_RE = re.compile("[" + re.escape("".join(sorted(tables.LEGACY_CHARACTERS))) + "]")

# Vietnamese letters outside Latin-1.  Legacy text pasted as Latin-1 can never
# contain them, so words with them prove the text is (at least partly) Unicode.
_UNICODE_ONLY_LETTERS = frozenset("ăĂđĐĩĨũŨơƠưƯ") | frozenset(map(chr, range(0x1EA0, 0x1EFA)))


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def has_unicode_only_letters(value: str) -> bool:
    """True if ``value`` has a Vietnamese letter that legacy text cannot contain."""
    return any(char in _UNICODE_ONLY_LETTERS for char in value)


# ---------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------


def _tcvn3_case_info(word: str) -> tuple[int, int, int]:
    """(uppercase, lowercase, caseless) letter counts of a TCVN3 word.

    TCVN3 toned vowels are all lowercase codes (uppercase ones needed the
    separate .VnTimeH font), so they are "caseless"; ASCII letters and the
    seven uppercase codes ¡¢£¤¥¦§ (Ă Â Ê Ô Ơ Ư Đ) carry the real case.
    """
    upper = lower = caseless = 0
    for char in word:
        if char in tables.TCVN3_CASELESS:
            caseless += 1
        elif char in tables.TCVN3_UPPERCASE or char.isupper():
            upper += 1
        elif char.islower():
            lower += 1
    return upper, lower, caseless


def _decode_tcvn3(text: str) -> str:
    """Decode TCVN3, restoring capitals in words typed in ALL CAPS.

    "CéNG HOµ X· HéI" was typed in capitals with a .VnTimeH font: the ASCII
    letters kept their case but the toned vowels could only be stored as
    lowercase codes.  A word whose case-carrying letters are all uppercase
    (two or more of them, or one next to such a word) is uppercased after
    decoding: "CỘNG HOÀ XÃ HỘI".  Acronyms alone ("UBND Hµ Néi") do not make
    their neighbours uppercase.
    """
    matches = list(_WORD_RE.finditer(text))
    infos = [_tcvn3_case_info(m.group()) for m in matches]
    all_caps = [u >= 2 and lo == 0 and c > 0 for u, lo, c in infos]
    out: list[str] = []
    last = 0
    for i, match in enumerate(matches):
        out.append(text[last : match.start()])
        word = match.group().translate(tables.TCVN3_DECODE_TRANSLATION)
        upper, lower, caseless = infos[i]
        single_capital = upper == 1 and lower == 0 and caseless > 0
        beside_caps = (i > 0 and all_caps[i - 1]) or (i + 1 < len(matches) and all_caps[i + 1])
        if all_caps[i] or (single_capital and beside_caps):
            word = word.upper()
        out.append(word)
        last = match.end()
    out.append(text[last:])  # separators never contain TCVN3 characters
    return "".join(out)


_VNI_RE = re.compile(
    "|".join(re.escape(seq) for seq in sorted(tables.VNI_ALL_SEQUENCES))
    + "|["
    + re.escape("".join(sorted(tables.VNI_SINGLES)))
    + "]"
)


def _vni_replacement(match: re.Match) -> str:
    seq = match.group()
    return tables.VNI_ALL_SEQUENCES.get(seq) or tables.VNI_SINGLES[seq]


def _decode_vni(text: str) -> str:
    return _VNI_RE.sub(_vni_replacement, text)


def convert_legacy(value: str, encoding: str) -> str:
    """Decode ``value`` (legacy text read as Latin-1) from ``encoding``; NFC.

    ``encoding`` is "tcvn3" or "vni".  ASCII and characters the encoding does
    not use pass through unchanged.  TCVN3 has no uppercase toned vowels in
    its single-font table, so those come out lowercase unless the word was
    typed in capitals (see ``_decode_tcvn3``).
    """
    text = to_nfc(value)
    if encoding == TCVN3:
        return to_nfc(_decode_tcvn3(text))
    if encoding == VNI:
        return to_nfc(_decode_vni(text))
    raise ValueError(f"Unknown legacy encoding {encoding!r}; expected one of {LEGACY_ENCODINGS}")


def encode_legacy(value: str, encoding: str) -> str:
    """Inverse of :func:`convert_legacy`: Unicode -> legacy text as Latin-1.

    Meant for tests and tools.  TCVN3 writes uppercase toned vowels with the
    lowercase code, as .VnTimeH users did.  Characters the encoding cannot
    represent pass through unchanged.
    """
    text = to_nfc(value)
    if encoding == TCVN3:
        out = []
        for char in text:
            code = tables.UNICODE_TO_TCVN3.get(char)
            if code is None and char.isupper():
                code = tables.UNICODE_TO_TCVN3.get(char.lower())
            out.append(code or char)
        return "".join(out)
    if encoding == VNI:
        return "".join(tables.UNICODE_TO_VNI.get(char, char) for char in text)
    raise ValueError(f"Unknown legacy encoding {encoding!r}; expected one of {LEGACY_ENCODINGS}")


def _is_latin1_letter(char: str) -> bool:
    return "\xa0" <= char <= "\xff" and char.isalpha()


@dataclass(frozen=True)
class _WordDecoding:
    decoded: str
    changes: int  # legacy characters / sequences the decoder replaced
    fingerprint: bool  # unmistakably legacy (see _decode_word)
    weak: bool  # VNI: only one pair that European words also contain ("où")
    residue: bool  # Latin-1 letters the decoder left alone ("forêt" in VNI)


def _decode_word(word: str, encoding: str) -> _WordDecoding:
    """Decode one word and describe how legacy-like it is.

    Fingerprints: TCVN3 symbols between letters ("Th«ng") or an impossible
    case pattern ("NguyÔn", "CéNG"); VNI pairs that no European language
    writes ("eä", "oø", "aõ") or two or more VNI replacements in one word
    ("ñöôïc").  Residue: a Latin-1 letter the decoder does not use, which
    genuine legacy text never contains.
    """
    if encoding == TCVN3:
        changes = sum(1 for char in word if char in tables.TCVN3_DECODE_TRANSLATION_KEYS)
        fingerprint = changes > 0 and (
            any(char in tables.TCVN3_SYMBOL_FINGERPRINTS for char in word[1:-1])
            or not case_is_regular(word)
        )
        residue = any(
            _is_latin1_letter(char) and char not in tables.TCVN3_DECODE_TRANSLATION_KEYS
            for char in word
        )
        return _WordDecoding(_decode_tcvn3(word), changes, fingerprint, False, residue)
    changes = 0
    pairs: list[str] = []
    consumed: set[int] = set()
    for match in _VNI_RE.finditer(word):
        consumed.update(range(match.start(), match.end()))
        seq = match.group()
        if _vni_replacement(match) == seq:
            continue  # í, ì are the same in VNI and Unicode
        changes += 1
        if len(seq) == 2:
            pairs.append(seq.lower())
    strong_pair = any(
        pair not in tables.VNI_WEAK_PAIRS and pair not in tables.VNI_PLAIN_PAIRS for pair in pairs
    )
    weak = changes == 1 and len(pairs) == 1 and pairs[0] in tables.VNI_WEAK_PAIRS
    residue = any(_is_latin1_letter(char) for i, char in enumerate(word) if i not in consumed)
    return _WordDecoding(_decode_vni(word), changes, strong_pair or changes >= 2, weak, residue)


# ---------------------------------------------------------------------------
# Analysis
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EncodingEvidence:
    """Word counts for one candidate encoding (distinct words, case-folded)."""

    encoding: str
    gained: int = 0  # invalid as typed, valid Vietnamese once decoded
    weight: int = 0  # gained words: 2 if fingerprinted, 0 if weak (VNI "où"), else 1
    telltales: int = 0  # legacy characters/sequences in the gained words
    lost: int = 0  # valid Vietnamese as typed, broken by decoding
    failed: int = 0  # changed, but invalid either way
    failed_fingerprints: int = 0  # failed words that carry a legacy fingerprint
    residue: int = 0  # words with Latin-1 letters this encoding does not use

    @property
    def suspicion(self) -> int:
        """How strongly the text *looks* legacy, whether or not it decodes."""
        return self.weight + self.failed_fingerprints


@dataclass(frozen=True)
class LegacyAnalysis:
    """Outcome of :func:`analyse_legacy_encoding`."""

    status: str  # STATUS_UNICODE, STATUS_LEGACY or STATUS_AMBIGUOUS
    encoding: str | None = None  # chosen (legacy) or most likely (ambiguous)
    evidence: tuple[EncodingEvidence, ...] = ()
    unicode_words: int = 0  # words with Vietnamese letters outside Latin-1


def _collect_evidence(words: Iterable[str], encoding: str) -> EncodingEvidence:
    gained: dict[str, tuple[int, int]] = {}  # word -> (weight, telltales)
    lost: set[str] = set()
    failed: set[str] = set()
    failed_fingerprints: set[str] = set()
    residue: set[str] = set()
    for word in words:
        if len(word) > _MAX_WORD_LENGTH:
            continue
        key = word.casefold()
        info = _decode_word(word, encoding)
        if info.residue:
            residue.add(key)
        if len(word) < 2 or not info.changes or not has_vowel(info.decoded):
            # Lone characters ("©", "×", "·" bullets) prove nothing, nor do
            # abbreviations such as "Q§" (QĐ).
            continue
        valid_before = is_vietnamese_syllable(word)
        valid_after = is_vietnamese_syllable(info.decoded)
        if valid_after and not valid_before:
            weight = 2 if info.fingerprint else 0 if info.weak else 1
            previous = gained.get(key, (0, 0))
            gained[key] = (max(weight, previous[0]), max(info.changes, previous[1]))
        elif valid_before and not valid_after:
            lost.add(key)
        elif not valid_before and not valid_after:
            failed.add(key)
            if info.fingerprint:
                failed_fingerprints.add(key)
    return EncodingEvidence(
        encoding=encoding,
        gained=len(gained),
        weight=sum(w for w, _ in gained.values()),
        telltales=sum(c for _, c in gained.values()),
        lost=len(lost),
        failed=len(failed),
        failed_fingerprints=len(failed_fingerprints),
        residue=len(residue),
    )


def _is_confident(evidence: EncodingEvidence, unicode_words: int) -> bool:
    return (
        evidence.weight >= MIN_EVIDENCE_WEIGHT
        and evidence.telltales >= MIN_TELLTALES
        and unicode_words == 0  # no real Unicode words mixed in
        and evidence.lost <= evidence.gained // 10  # decoding breaks (almost) nothing
        and evidence.residue <= evidence.gained // 10  # no foreign accented words
        and evidence.failed <= evidence.gained  # most changed words come out valid
    )


def analyse_legacy_encoding(value: str) -> LegacyAnalysis:
    """Decide whether ``value`` is TCVN3, VNI, plain Unicode or ambiguous.

    * legacy: one encoding decodes several words into valid syllables --
      weight >= 2 (fingerprinted words count 2, ordinary ones 1, weak VNI
      pairs such as French "où" 0) from at least 2 legacy characters -- and
      breaks no valid Vietnamese word, leaves no foreign accented word
      ("forêt") behind, makes more words valid than it leaves invalid, and
      the text has no word that only Unicode can write (ư, đ, ạ ...);
    * ambiguous: not that, but gained words and fingerprinted failures weigh
      2 or more: a single garbled word ("Th«ng"), legacy text mixed with
      Unicode, or fingerprinted words that decode to nonsense;
    * unicode: everything else (plain text, foreign words, "5 µm", "Café").
    """
    text = to_nfc(value)
    if not _LEGACY_CHAR_RE.search(text):
        return LegacyAnalysis(STATUS_UNICODE)
    words = list(dict.fromkeys(_words(text)))
    unicode_words = len(
        {w.casefold() for w in words if any(char in _UNICODE_ONLY_LETTERS for char in w)}
    )
    evidence = tuple(_collect_evidence(words, encoding) for encoding in LEGACY_ENCODINGS)
    confident = sorted(
        (e for e in evidence if _is_confident(e, unicode_words)),
        key=lambda e: e.weight,
        reverse=True,
    )
    if confident:
        if len(confident) > 1 and confident[0].weight == confident[1].weight:
            return LegacyAnalysis(STATUS_AMBIGUOUS, None, evidence, unicode_words)
        return LegacyAnalysis(STATUS_LEGACY, confident[0].encoding, evidence, unicode_words)
    suspicious = sorted(
        (e for e in evidence if e.suspicion >= MIN_EVIDENCE_WEIGHT),
        key=lambda e: e.suspicion,
        reverse=True,
    )
    if suspicious:
        return LegacyAnalysis(STATUS_AMBIGUOUS, suspicious[0].encoding, evidence, unicode_words)
    return LegacyAnalysis(STATUS_UNICODE, None, evidence, unicode_words)


def detect_legacy_encoding(value: str) -> str | None:
    """Return "tcvn3" or "vni" if ``value`` is confidently legacy text, else None.

    Ambiguous text also gives None; use :func:`analyse_legacy_encoding` or
    :func:`clean_vietnamese_text` to tell it apart from plain Unicode.
    """
    analysis = analyse_legacy_encoding(value)
    return analysis.encoding if analysis.status == STATUS_LEGACY else None


def looks_like_vietnamese(value: str) -> bool:
    """True if most words with non-ASCII letters are valid Vietnamese syllables.

    Used to double-check a conversion before accepting it.
    """
    words = {w for w in _words(to_nfc(value)) if len(w) <= _MAX_WORD_LENGTH and not w.isascii()}
    if not words:
        return False
    valid = sum(1 for w in words if is_vietnamese_syllable(w))
    return valid >= MIN_VALID_RATIO * len(words)


# ---------------------------------------------------------------------------
# Cleaning
# ---------------------------------------------------------------------------


def repair_vietnamese_text(value: str) -> tuple[str, LegacyAnalysis]:
    """NFC + confident legacy conversion; also return the analysis.

    The analysis status is "ambiguous" if the text must not be stored as is;
    the returned text is then only NFC-normalised.
    """
    text = to_nfc(value)
    analysis = analyse_legacy_encoding(text)
    if analysis.status == STATUS_LEGACY:
        converted = convert_legacy(text, analysis.encoding)
        if looks_like_vietnamese(converted):
            return converted, analysis
        analysis = dataclasses.replace(analysis, status=STATUS_AMBIGUOUS)
    return text, analysis


def clean_vietnamese_text(value: str) -> str:
    """Return ``value`` as NFC Unicode, converting confident TCVN3/VNI text.

    Raises :class:`LegacyEncodingError` when the text shows legacy-encoding
    fingerprints but cannot be converted with confidence.
    """
    text, analysis = repair_vietnamese_text(value)
    if analysis.status == STATUS_AMBIGUOUS:
        raise LegacyEncodingError(encoding=analysis.encoding)
    return text


def fix_vietnamese_text(value: str) -> str:
    """Like :func:`clean_vietnamese_text` but never raises.

    Ambiguous text comes back NFC-normalised only, for a form validator
    (:func:`vietnamese.validators.validate_vietnamese_text`) to reject.
    """
    return repair_vietnamese_text(value)[0]


# ---------------------------------------------------------------------------
# Slugs (issue #17 item 6)
# ---------------------------------------------------------------------------


def slug_fold(value: str) -> str:
    """An ASCII slug the way Vietnamese government sites write page addresses:
    diacritics dropped and đ -> d ("Sở Tư pháp: đất đai" -> "so-tu-phap-dat-dai").
    Django's ``slugify`` alone drops đ (it has no decomposition)."""
    from django.utils.text import slugify

    text = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    text = "".join(char for char in text if unicodedata.category(char) != "Mn")
    return slugify(text)
