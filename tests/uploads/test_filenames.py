"""Storage names are safe ASCII; titles keep the Vietnamese name."""

import unicodedata

from uploads.filenames import STORAGE_NAME_MAX_LENGTH, safe_storage_name, title_from_name


def test_vietnamese_is_folded_for_storage():
    assert safe_storage_name("Quyết định số 96-QĐ-UBND.PDF") == "quyet-dinh-so-96-qd-ubnd.pdf"


def test_decomposed_input_gives_the_same_name():
    name = unicodedata.normalize("NFD", "Đề án chuyển đổi số.docx")
    assert safe_storage_name(name) == "de-an-chuyen-doi-so.docx"
    assert title_from_name(name) == "Đề án chuyển đổi số"
    assert unicodedata.is_normalized("NFC", title_from_name(name))


def test_path_parts_and_control_characters_are_dropped():
    assert safe_storage_name("../../etc/passwd") == "passwd"
    assert safe_storage_name("C:\\Users\\x\\bao\x00cao\n.xlsx") == "baocao.xlsx"
    assert title_from_name("..\\thư mục/Báo\x07 cáo.pdf") == "Báo cáo"


def test_names_are_bounded_and_never_empty():
    long_name = "Kế hoạch " * 40 + ".pdf"
    stored = safe_storage_name(long_name)
    assert len(stored) <= STORAGE_NAME_MAX_LENGTH and stored.endswith(".pdf")
    assert safe_storage_name("???.pdf") == "file.pdf"
    assert safe_storage_name("") == "file"
