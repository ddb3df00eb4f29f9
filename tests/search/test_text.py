"""Folding, snippets and backend settings (issue #4): plain functions, no database."""

import pytest

from search.snippets import snippet_html
from search.text import fold
from settings.search import search_backends


@pytest.mark.parametrize(("text", "folded"), [
    ("Thông báo", "thong bao"), ("Đầu tư", "dau tu"), ("ĐẦU TƯ", "dau tu"), ("96/QĐ-UBND", "96/qd-ubnd"),
])
def test_fold(text, folded):
    assert fold(text) == folded


def test_snippet_marks_folded_matches_and_escapes_the_rest():
    html = snippet_html("<p>Xúc tiến <b>đầu tư</b> & thương mại</p>", "dau tu")
    assert html == "Xúc tiến <mark>đầu</mark> <mark>tư</mark> &amp; thương mại"


def test_backends_by_environment():
    assert search_backends(engine="", urls=[], index_prefix="x_") == {
        "default": {"BACKEND": "search.backends.database.SearchBackend", "SEARCH_CONFIG": "simple"}}
    conf = search_backends(engine="opensearch2", urls=["https://os:9200"], index_prefix="portal_staging_",
                           username="u", password="p")
    assert conf["default"]["INDEX_PREFIX"] == "portal_staging_" and conf["default"]["OPTIONS"] == {"http_auth": ("u", "p")}
    assert conf["database"]["BACKEND"] == "search.backends.database.SearchBackend"
    es = search_backends(engine="elasticsearch9", urls=["http://es:9200"], index_prefix="p_", username="u", password="p")
    assert es["default"]["OPTIONS"] == {"basic_auth": ("u", "p")}
    with pytest.raises(ValueError):
        search_backends(engine="solr", urls=[], index_prefix="")


# --- issue 18: one spelling for index and queries ---------------------------------------

import unicodedata  # noqa: E402

from search.services import query_suggestion, restore_spelling, MARK_CLOSE, MARK_OPEN  # noqa: E402
from search.synonyms import query_variants  # noqa: E402
from search.text import canonical, document_numbers, query_normalize, sound_fold, telex_fold  # noqa: E402


@pytest.mark.parametrize(("text", "expected"), [
    ("Hoà giải", "Hòa giải"), ("thuỷ lợi", "thủy lợi"), ("Uỷ ban", "Ủy ban"), ("UỶ BAN", "ỦY BAN"),
    ("khoẻ", "khỏe"), ("hoàng", "hoàng"),  # a closed syllable keeps its tone where it is
    ("quĩ", "quỹ"), ("quỹ", "quỹ"), ("Lê Văn Quí", "Lê Văn Quý"),
    ("kỹ năng", "kĩ năng"), ("Lý lịch", "Lí lịch"), ("Phan Thanh Sỹ", "Phan Thanh Sĩ"),
    ("y tế", "y tế"), ("quyết định", "quyết định"), ("thủy", "thủy"),
])
def test_canonical_spelling(text, expected):
    assert canonical(text) == expected
    assert len(canonical(text)) == len(unicodedata.normalize("NFC", text))  # snippets rely on it


def test_query_normalize_composes_nfd_and_decodes_telex_dd():
    assert query_normalize(unicodedata.normalize("NFD", "hoà giải")) == "hòa giải"
    assert query_normalize("ddau tu") == "đau tu"
    assert query_normalize("DDầu tư") == "Đầu tư"
    assert query_normalize("address") == "address"  # no vowel after dd: untouched


def test_telex_and_sound_folding():
    assert telex_fold("ddaof quang khair") == "dao quang khai"
    assert telex_fold("nghij quyeets") == "nghi quyet"
    assert sound_fold("sử lý vi phạm") == sound_fold("xử lí vi phạm") == "su li vi pham"
    assert sound_fold("giải phóng") == sound_fold("dải phóng") == sound_fold("rải phóng")
    assert sound_fold("trật tự") == sound_fold("chật tự")
    # Decoding must leave one Vietnamese syllable: English words stay as typed.
    assert telex_fold("electronics investments tax") == "electronics investments ta"
    assert telex_fold("tieenf suwr dungj ddaats") == "tien su dung dat"


@pytest.mark.parametrize(("query", "content"), [
    ("hộ nghèo được hỗ trợ những gì", "hộ nghèo hỗ trợ"),
    ("BHYT cho hộ nghèo", "BHYT hộ nghèo"),
    ("cải tạo nhà ở có phải xin phép không", "cải tạo nhà xin phép"),
    ("ho ngheo duoc ho tro nhung gi", "ho ngheo ho tro"),  # no marks: only unambiguous words
    ("xay dung cho", ""),  # "cho" may be "chợ" typed without marks
    ("lễ hội Lim", ""),  # nothing to drop
    ("là gì", ""),  # nothing would be left
    ("how long does a construction permit take", "construction permit take"),
    ("how much is a birth certificate", "birth certificate"),
    ("ho kinh doanh xa hoa long", ""),  # "long" alone is Vietnamese (Hòa Long)
])
def test_content_words_drop_what_frames_a_question(query, content):
    from search.text import content_words

    assert content_words(query) == content


def test_document_numbers_inside_a_query():
    assert document_numbers("quyết định 96/QĐ-UBND ngày 18/3") == ["96/QĐ-UBND", "18/3"]
    assert document_numbers("nghị định 42/2022/nđ-cp") == ["42/2022/nđ-cp"]
    assert document_numbers("thông báo") == []


def test_synonym_variants(settings, db):  # db: the portals' names (none here)
    assert "Ủy ban nhân dân tỉnh cải cách hành chính" in query_variants("UBND tỉnh cải cách hành chính")
    assert query_variants("cấp GPXD") == ["cấp giấy phép xây dựng"]
    assert "Tiên Du nông thôn mới" in query_variants("huyện Tiên Du nông thôn mới")
    assert query_variants("xã") == []  # a level alone is not dropped
    assert query_variants("thông báo") == []


def test_a_place_named_in_a_query_is_also_its_portals_token(portals):
    from search.synonyms import place_variants

    assert place_variants("bảng giá đất huyện Tiên Du") == ["bảng giá đất donvitiendu"]
    assert place_variants("bang gia dat tien du") == ["bang gia dat donvitiendu"]
    assert place_variants("bảng giá đất thị xã Tiên Du") == ["bảng giá đất donvitiendu"]
    assert "rác thải donvisotuphap" in query_variants("rác thải Sở Tư pháp")
    # the name alone would be every page of the portal; "tư" alone names nothing
    assert place_variants("huyện Tiên Du") == [] and place_variants("Tiên Du") == []
    assert place_variants("đầu tư công") == []


def test_synonyms_file_is_the_editors(settings, tmp_path, db):
    from search.synonyms import synonym_groups

    extra = tmp_path / "synonyms.txt"
    extra.write_text("# a note\nVPĐK, văn phòng đăng ký đất đai\n", encoding="utf-8")
    settings.SEARCH_SYNONYMS_FILE = str(extra)
    synonym_groups.cache_clear()
    try:
        assert query_variants("VPĐK Tiên Du")[0] == "văn phòng đăng ký đất đai Tiên Du"
    finally:
        synonym_groups.cache_clear()


def test_snippet_shows_the_page_spelling_not_the_canonical_one():
    written = "Tổ hoà giải thôn Đông, ông Lê Văn Quí"
    fragment = f"Tổ {MARK_OPEN}hòa{MARK_CLOSE} giải thôn Đông, ông Lê Văn {MARK_OPEN}Quý{MARK_CLOSE}"
    assert restore_spelling(fragment, written) == (
        f"Tổ {MARK_OPEN}hoà{MARK_CLOSE} giải thôn Đông, ông Lê Văn {MARK_OPEN}Quí{MARK_CLOSE}")


def test_suggestion_spells_the_query_as_the_hits_do():
    from search.services import Hit

    hit = Hit(id=1, page_type="cms.newspage", title="Bắc Ninh thu hút đầu tư nước ngoài", url="", portal=None,
              section="", date=None, snippet="Vốn <mark>đầu</mark> tư")
    assert query_suggestion("ddau tu nuoc ngoai", [hit]) == "đầu tư nước ngoài"
    assert query_suggestion("sử lý", [Hit(id=2, page_type="", title="Xử lý vi phạm", url="", portal=None,
                                          section="", date=None, snippet="")]) == "xử lý"
    assert query_suggestion("bitcoin", [hit]) == ""
    # Telex as typed chooses among the words that sound the same: "ddai" is "đai", not
    # "đại", which the hits have more often.
    land = Hit(id=3, page_type="", title="Đại hội về đất đai, đại biểu", url="", portal=None, section="",
               date=None, snippet="Luật Đất đai, đại diện")
    assert query_suggestion("ddaats ddai", [land]) == "đất đai"
    assert query_suggestion("ddaats ddaij", [land]) == "đất đại"
    assert query_suggestion("dat dai", [land]) == "đất đại"  # no marks typed: the most frequent
    # Function words are no misspellings of the hits' words ("cho" is not "trợ").
    poor = Hit(id=4, page_type="", title="Hỗ trợ hộ nghèo", url="", portal=None, section="", date=None,
               snippet="Chính sách hỗ trợ hộ nghèo")
    assert query_suggestion("BHYT cho hộ nghèo", [poor]) == ""
    # Words gathered from different weak hits are no query anybody meant.
    army = [Hit(id=5, page_type="", title=title, url="", portal=None, section="", date=None, snippet="")
            for title in ("Xây dựng kỳ họp", "Hội nghị quán triệt", "Quan hệ lịch sử")]
    assert query_suggestion("dựng kỳ", army) == "" and query_suggestion("xây dưng kỳ", army) == "xây dựng kỳ"
    assert query_suggestion("đăng ký nghĩa vụ quân sự", army) == ""
    # A word typed with its marks changes only where a careful typist slips: the first
    # consonants, or hỏi for ngã; never to fewer marks or another vowel.
    plain = Hit(id=6, page_type="", title="Thu tuc dang ky khai sinh", url="", portal=None, section="",
                date=None, snippet="Giay to: to khai, giay chung sinh; sửa đổi, trật tự")
    assert query_suggestion("thủ tục đăng ký khai sinh cần giấy tờ gì", [plain]) == ""
    assert query_suggestion("sữa đổi chật tự", [plain]) == "sửa đổi trật tự"
    # A syllable left without marks among marked words was meant so ("vi", not "vị").
    seat = Hit(id=7, page_type="", title="Xử lý vị trí vi phạm", url="", portal=None, section="", date=None,
               snippet="")
    assert query_suggestion("sử lý vi phạm", [seat]) == "xử lý vi phạm"


@pytest.mark.parametrize(("word", "letters", "tone"), [
    ("đất", "đât", "\u0301"), ("ddaats", "đât", "\u0301"), ("đaats", "đât", "\u0301"), ("ddai", "đai", ""),
    ("Đại", "đai", "\u0323"), ("nguwowif", "ngươi", "\u0300"), ("tuw", "tư", ""), ("dai", "dai", ""),
])
def test_spelling_reads_marks_as_written_or_typed_in_telex(word, letters, tone):
    from search.text import spelling

    assert spelling(word) == (letters, tone)


@pytest.mark.parametrize(("written", "plain"), [
    ("Mở đầu. " * 50 + "Tổ hoà giải thôn Đông, ông Lê Văn Quí. Kết thúc.", "Tổ hòa giải thôn Đông, ông Lê Văn Quý."),
    ("Ký kết ở “Uỷ ban”, rồi ký lại ở Uỷ ban tỉnh", "kí lại ở Ủy ban tỉnh"),  # the second stretch, not the first
    ("hoàhoà giải", "hòa giải"),  # inside a word: found the whole-text way
    ("Không có ở đây", "thủy lợi"),
])
def test_snippet_is_located_as_in_the_whole_canonical_text(written, plain):
    """The fast path of ``restore_spelling`` (issue 18, latency) finds what the whole
    canonical text would: the same position, or none."""
    from search.services.engine import _canonical_find

    assert _canonical_find(plain, written) == canonical(written).find(plain)


def test_english_words_share_a_key_with_their_other_forms():
    from search.text import sound_fold, sound_key

    assert sound_key("registration") == sound_key("register")
    assert sound_key("investors") == sound_key("investment")
    assert sound_fold("dyke inspection") == sound_fold("dykes inspects")
    assert sound_key("ranking") == sound_key("rank") != sound_key("river")
    # Vietnamese syllables keep their sound rules, untouched by the English stemmer.
    assert sound_key("xay") == sound_key("say") and sound_key("tien") == "tien"


def test_the_database_copy_holds_the_parts_of_a_document_number():
    from types import SimpleNamespace

    from search import text

    page = SimpleNamespace(get_search_fields=lambda: [], portal_name=lambda: "Kế hoạch 45/KH-UBND")
    folded = text.page_folded_text(page).split()
    assert "45/kh-ubnd" in folded and {"45", "kh-ubnd"} <= set(folded)


def test_l_and_n_sound_alike_except_in_the_database_copy():
    from search.text import sound_fold

    assert sound_fold("lồng độ cồn") == sound_fold("nồng độ cồn")
    assert sound_fold("nồng", l_n=False) == "nong" and sound_fold("nghỉ") == "ngi"  # "ng", "ngh" stay
