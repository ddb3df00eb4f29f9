"""Tests for vietnamese.text: NFC, TCVN3/VNI detection and conversion."""

import unicodedata

import pytest

from vietnamese import tables
from vietnamese.syllables import is_vietnamese_syllable
from vietnamese.text import (
    CODE_LEGACY_ENCODING,
    MESSAGE_LEGACY_ENCODING,
    STATUS_AMBIGUOUS,
    STATUS_LEGACY,
    STATUS_UNICODE,
    TCVN3,
    VNI,
    LegacyEncodingError,
    analyse_legacy_encoding,
    clean_vietnamese_text,
    convert_legacy,
    detect_legacy_encoding,
    encode_legacy,
    fix_vietnamese_text,
    to_nfc,
)
from vietnamese.validators import validate_vietnamese_text

PHRASES = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Sở Tư pháp tỉnh Bắc Ninh thông báo",
    "Quyết định số 96/QĐ-UBND",
    "Hà Nội",
    "Nguyễn Văn An",
]

PARAGRAPH = (
    "Sở Tư pháp tỉnh Bắc Ninh thông báo về việc tiếp nhận hồ sơ đề nghị cấp phiếu lý lịch tư pháp. "
    "Theo Quyết định số 96/QĐ-UBND ngày 15 tháng 3 năm 2024, các tổ chức, cá nhân có nhu cầu "
    "nộp hồ sơ trực tuyến qua Cổng dịch vụ công của tỉnh hoặc trực tiếp tại Trung tâm Phục vụ "
    "hành chính công. Mọi thắc mắc xin liên hệ số điện thoại 0222.3822.123, thư điện tử "
    "sotuphap@bacninh.gov.vn. Người già, trẻ em được ưu tiên; hoà bình, hoá đơn, khoẻ mạnh, "
    "thuở xưa, khuỷu tay, nghiêng ngả, giường chiếu, quốc gia, kỹ thuật, Phạm Văn Đồng. Trân trọng!"
)

# Garbled text as it really shows up when legacy documents are pasted into a
# browser, typed from known examples (not produced by our own encoder).
TCVN3_LITERALS = [
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("Th«ng b¸o", "Thông báo"),
    ("Uû ban nh©n d©n tØnh B¾c Ninh", "Uỷ ban nhân dân tỉnh Bắc Ninh"),
    ("QuyÕt ®Þnh sè 96/Q§-UBND", "Quyết định số 96/QĐ-UBND"),
    ("NguyÔn V¨n An", "Nguyễn Văn An"),
    ("UBND Hµ Néi", "UBND Hà Nội"),
    # "ư" is byte 0xAD, a soft hyphen when read as Latin-1 ...
    ("Ng\u00adêi d©n", "Người dân"),
    # ... and U+2212 MINUS SIGN in text extracted from .VnTime PDFs.
    ("®\u2212îc c«ng nhËn", "được công nhận"),
    # typed in capitals with .VnTimeH: toned vowels are lowercase codes
    ("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
]

VNI_LITERALS = [
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("Thoâng baùo", "Thông báo"),
    ("ngöôøi ñöôïc", "người được"),
    ("Sôû Tö phaùp tænh Baéc Ninh thoâng baùo", "Sở Tư pháp tỉnh Bắc Ninh thông báo"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("UÛY BAN NHAÂN DAÂN", "ỦY BAN NHÂN DÂN"),
]

NOT_LEGACY = [
    "",
    "   ",
    PARAGRAPH,
    PARAGRAPH.upper(),
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Hoàng Lê và Thái Bình",  # Unicode Vietnamese using only Latin-1 letters
    "Thông báo",
    "THÔNG BÁO MỜI HỌP",
    "The quick brown fox jumps over the lazy dog.",
    "Café au lait",
    "Café",
    "Naïve café résumé façade, jalapeño, Zürich, Ångström, São Paulo.",
    "Où est la forêt ? Là-bas, où il fait beau. Noël à Paris.",
    "Raúl aún está aquí. España, año, niño, señor, mañana.",
    "Müller aus Köln ist schön. Straße.",
    "Loïc et Thaï",
    "96/QĐ-UBND",
    "Quyết định số 96/QĐ-UBND",
    "Số 123/2024/NĐ-CP, 45/2023/TT-BTP",
    "0222.3822.123 - 2024",
    "https://bacninh.gov.vn/van-ban?id=96&loai=QD",
    "Kích thước hạt 5 µm, 10 µm và 3 µg",
    "Copyright © 2024 · Giá: 3 × 4 m · £10 · ½ cup",
    "«Thông báo» của Sở về «Quyết định» và «Hướng dẫn»",
    "«Thông báo» và «Quyết định»",
]

AMBIGUOUS = [
    "Th«ng",  # one garbled word: not enough evidence to convert
    "Vieät",  # one VNI word
    "Th«ng b¸o về việc tuyển dụng",  # TCVN3 mixed with real Unicode
    "Thông báo: Céng hoµ x· héi chñ nghÜa",  # mixed, Unicode part Latin-1 only
    "Xy«z qw¸rt pl«ck",  # TCVN3 fingerprints but no valid syllables
]


def all_vietnamese_letters():
    """The 134 letters with diacritics (67 lowercase + 67 uppercase)."""
    letters = ["đ", "ă", "â", "ê", "ô", "ơ", "ư"]
    for base in "aăâeêioôơuưy":
        for tone in tables.TONES:
            letters.append(unicodedata.normalize("NFC", base + tone))
    return letters + [letter.upper() for letter in letters]


# --- to_nfc -----------------------------------------------------------------


def test_to_nfc_composes_decomposed_text():
    nfd = unicodedata.normalize("NFD", "Tiếng Việt có dấu")
    assert nfd != "Tiếng Việt có dấu"
    assert to_nfc(nfd) == "Tiếng Việt có dấu"
    assert unicodedata.is_normalized("NFC", to_nfc(nfd))


def test_to_nfc_returns_normalised_string_unchanged():
    text = "Độc lập - Tự do - Hạnh phúc"
    assert to_nfc(text) is text


def test_to_nfc_handles_unikey_composed_unicode():
    # "Unicode tổ hợp": precomposed ê plus a combining tone mark
    assert to_nfc("Vi\u00ea\u0323t") == "Việt"


# --- tables -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("byte", "letter"),
    [
        (0xB5, "à"), (0xB8, "á"), (0xB6, "ả"), (0xB7, "ã"), (0xB9, "ạ"),
        (0xA8, "ă"), (0xBE, "ắ"), (0xC6, "ặ"), (0xA9, "â"), (0xCA, "ấ"), (0xCB, "ậ"),
        (0xAA, "ê"), (0xD5, "ế"), (0xD6, "ệ"), (0xDC, "ĩ"), (0xDD, "í"), (0xDE, "ị"),
        (0xAB, "ô"), (0xE8, "ố"), (0xE9, "ộ"), (0xAC, "ơ"), (0xED, "ớ"), (0xEE, "ợ"),
        (0xF1, "ủ"), (0xF3, "ú"), (0xAD, "ư"), (0xF8, "ứ"), (0xF9, "ự"),
        (0xFD, "ý"), (0xFE, "ỵ"), (0xAE, "đ"),
        (0xA1, "Ă"), (0xA2, "Â"), (0xA3, "Ê"), (0xA4, "Ô"), (0xA5, "Ơ"), (0xA6, "Ư"), (0xA7, "Đ"),
    ],
)  # fmt: skip
def test_tcvn3_code_points(byte, letter):
    assert convert_legacy(bytes([byte]).decode("latin-1"), TCVN3) == letter


@pytest.mark.parametrize(
    ("vni", "letter"),
    [
        ("aù", "á"), ("aø", "à"), ("aû", "ả"), ("aõ", "ã"), ("aï", "ạ"),
        ("aâ", "â"), ("aá", "ấ"), ("aà", "ầ"), ("aå", "ẩ"), ("aã", "ẫ"), ("aä", "ậ"),
        ("aê", "ă"), ("aé", "ắ"), ("aè", "ằ"), ("aú", "ẳ"), ("aü", "ẵ"), ("aë", "ặ"),
        ("eâ", "ê"), ("eá", "ế"), ("eä", "ệ"), ("oâ", "ô"), ("oä", "ộ"),
        ("ô", "ơ"), ("ôù", "ớ"), ("ôï", "ợ"), ("ö", "ư"), ("öø", "ừ"), ("öï", "ự"),
        ("uû", "ủ"), ("yù", "ý"), ("î", "ỵ"), ("ñ", "đ"),
        ("í", "í"), ("ì", "ì"), ("æ", "ỉ"), ("ó", "ĩ"), ("ò", "ị"),
        ("AÙ", "Á"), ("OÄ", "Ộ"), ("AË", "Ặ"), ("Ô", "Ơ"), ("ÖÙ", "Ứ"), ("Ñ", "Đ"), ("Ó", "Ĩ"),
    ],
)  # fmt: skip
def test_vni_sequences(vni, letter):
    assert convert_legacy(vni, VNI) == letter


def test_tcvn3_table_covers_every_lowercase_letter_with_distinct_codes():
    lowercase = [letter for letter in all_vietnamese_letters() if letter.islower()]
    codes = [encode_legacy(letter, TCVN3) for letter in lowercase]
    assert all(len(code) == 1 and 0xA1 <= ord(code) <= 0xFE for code in codes)
    assert len(set(codes)) == len(lowercase) == 67
    assert [convert_legacy(code, TCVN3) for code in codes] == lowercase


def test_tcvn3_single_font_has_the_seven_uppercase_plain_letters():
    for letter in "ĂÂÊÔƠƯĐ":
        assert convert_legacy(encode_legacy(letter, TCVN3), TCVN3) == letter


def test_tcvn3_uppercase_toned_letters_only_survive_in_capitalised_words():
    # No single-font code for "Ộ": it is written with the code of "ộ".
    assert encode_legacy("Ộ", TCVN3) == encode_legacy("ộ", TCVN3) == "é"
    assert convert_legacy("é", TCVN3) == "ộ"
    assert convert_legacy(encode_legacy("CỘNG HÒA", TCVN3), TCVN3) == "CỘNG HÒA"


def test_vni_round_trips_every_letter():
    for letter in all_vietnamese_letters():
        encoded = encode_legacy(letter, VNI)
        assert convert_legacy(encoded, VNI) == letter, (letter, encoded)


def test_convert_legacy_rejects_unknown_encoding():
    with pytest.raises(ValueError):
        convert_legacy("abc", "viscii")


def test_convert_legacy_leaves_ascii_alone():
    text = "UBND 96/QD, tel. 0222-3822-123 (ext. 5)"
    assert convert_legacy(text, TCVN3) == text
    assert convert_legacy(text, VNI) == text


# --- conversion of real-world garbled text ----------------------------------


@pytest.mark.parametrize(("garbled", "expected"), TCVN3_LITERALS)
def test_convert_tcvn3_literals(garbled, expected):
    assert convert_legacy(garbled, TCVN3) == expected


@pytest.mark.parametrize(("garbled", "expected"), VNI_LITERALS)
def test_convert_vni_literals(garbled, expected):
    assert convert_legacy(garbled, VNI) == expected


@pytest.mark.parametrize(
    ("garbled", "expected"), [pair for pair in TCVN3_LITERALS if len(pair[0].split()) > 1]
)
def test_detect_and_clean_tcvn3_literals(garbled, expected):
    assert detect_legacy_encoding(garbled) == TCVN3
    assert clean_vietnamese_text(garbled) == expected


@pytest.mark.parametrize(("garbled", "expected"), VNI_LITERALS)
def test_detect_and_clean_vni_literals(garbled, expected):
    assert detect_legacy_encoding(garbled) == VNI
    assert clean_vietnamese_text(garbled) == expected


def test_vni_single_word_with_several_sequences_is_converted():
    assert clean_vietnamese_text("ñöôïc") == "được"


def test_garbled_text_inside_html_is_converted():
    html = "<p><strong>Th«ng b¸o</strong> vÒ viÖc tuyÓn dông</p>"
    assert clean_vietnamese_text(html) == "<p><strong>Thông báo</strong> về việc tuyển dụng</p>"


def test_output_is_nfc():
    for garbled, _ in TCVN3_LITERALS + VNI_LITERALS:
        assert unicodedata.is_normalized("NFC", convert_legacy(garbled, TCVN3))
        assert unicodedata.is_normalized("NFC", convert_legacy(garbled, VNI))


# --- round trips through our own encoder ------------------------------------


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
@pytest.mark.parametrize("phrase", PHRASES + [PARAGRAPH])
def test_round_trip(phrase, encoding):
    garbled = encode_legacy(phrase, encoding)
    assert garbled != phrase
    assert detect_legacy_encoding(garbled) == encoding
    assert clean_vietnamese_text(garbled) == phrase


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_round_trip_uppercase(encoding):
    phrase = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM - ĐỘC LẬP - TỰ DO - HẠNH PHÚC"
    assert clean_vietnamese_text(encode_legacy(phrase, encoding)) == phrase


# --- things that must not be flagged ----------------------------------------


@pytest.mark.parametrize("text", NOT_LEGACY)
def test_not_flagged(text):
    assert detect_legacy_encoding(text) is None
    assert analyse_legacy_encoding(text).status == STATUS_UNICODE
    assert clean_vietnamese_text(text) == text


def test_nfd_paragraph_is_not_flagged_and_becomes_nfc():
    nfd = unicodedata.normalize("NFD", PARAGRAPH)
    assert detect_legacy_encoding(nfd) is None
    assert clean_vietnamese_text(nfd) == PARAGRAPH


def test_latin1_vietnamese_letters_alone_are_not_evidence():
    # Every Unicode Vietnamese letter that lies in Latin-1 appears here.
    text = "à á â ã è é ê ì í ò ó ô õ ù ú ý À Á Â Ã È É Ê Ì Í Ò Ó Ô Õ Ù Ú Ý"
    assert detect_legacy_encoding(text) is None
    assert clean_vietnamese_text(text) == text


# --- ambiguous text is refused ----------------------------------------------


@pytest.mark.parametrize("text", AMBIGUOUS)
def test_ambiguous_text_is_refused(text):
    assert detect_legacy_encoding(text) is None
    assert analyse_legacy_encoding(text).status == STATUS_AMBIGUOUS
    with pytest.raises(LegacyEncodingError) as excinfo:
        clean_vietnamese_text(text)
    error = excinfo.value
    assert error.code == CODE_LEGACY_ENCODING == "legacy_encoding"
    assert error.messages == [str(MESSAGE_LEGACY_ENCODING)]


def test_legacy_encoding_error_is_a_validation_error_with_the_likely_encoding():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as excinfo:
        clean_vietnamese_text("Th«ng b¸o về việc")
    assert isinstance(excinfo.value, LegacyEncodingError)
    assert excinfo.value.encoding == TCVN3


def test_message_is_vietnamese_and_names_the_standard():
    message = str(MESSAGE_LEGACY_ENCODING)
    assert "TCVN3/VNI" in message and "TCVN 6909:2011" in message


def test_fix_vietnamese_text_never_raises():
    assert fix_vietnamese_text("Th«ng") == "Th«ng"
    nfd = unicodedata.normalize("NFD", "Xy«z qw¸rt pl«ck về việc")
    assert fix_vietnamese_text(nfd) == unicodedata.normalize("NFC", nfd)
    assert fix_vietnamese_text("Th«ng b¸o") == "Thông báo"


def test_analysis_reports_encoding_and_evidence():
    analysis = analyse_legacy_encoding("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam")
    assert analysis.status == STATUS_LEGACY and analysis.encoding == VNI
    vni = next(e for e in analysis.evidence if e.encoding == VNI)
    assert vni.gained >= 5 and vni.lost == 0


# --- validator --------------------------------------------------------------


def test_validator_rejects_ambiguous_text():
    with pytest.raises(LegacyEncodingError):
        validate_vietnamese_text("Thông báo: Céng hoµ x· héi chñ nghÜa")


@pytest.mark.parametrize("value", ["", None, 42, PARAGRAPH, "Café", "Th«ng b¸o"])
def test_validator_accepts_unicode_and_convertible_text(value):
    validate_vietnamese_text(value)


# --- syllables --------------------------------------------------------------


@pytest.mark.parametrize(
    "word",
    "Cộng hòa hoà xã hội chủ nghĩa Việt Nam Độc lập Tự Hạnh phúc Sở Tư pháp tỉnh Bắc "
    "thông báo Quyết định số người được khuỷu giường giếng gì nghiêng quanh quốc Quỳnh "
    "kỹ thuở khuya uỷ ủy oong VIỆT ĐỘC".split(),
)
def test_valid_syllables(word):
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize(
    "word",
    "Céng héi chñ nghÜa ViÖt Th«ng b¸o Coäng hoøa nghóa Vieät hello ngha kan ghà "
    "tàc hàp ViỆt café lait".split(),
)
def test_invalid_syllables(word):
    assert not is_vietnamese_syllable(word)
