"""Tests for VietnameseTextMiddleware (no database needed)."""

import json
import unicodedata
from urllib.parse import urlencode

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory

from vietnamese.middleware import (
    VietnameseTextMiddleware,
    normalise_form_value,
    normalise_json_data,
)
from vietnamese.text import encode_legacy

TCVN3_TITLE = "Céng hoµ x· héi chñ nghÜa ViÖt Nam"
VNI_TITLE = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"
TITLE_TCVN3_FIXED = "Cộng hoà xã hội chủ nghĩa Việt Nam"
TITLE_VNI_FIXED = "Cộng hòa xã hội chủ nghĩa Việt Nam"
NFC_TEXT = "Sở Tư pháp tỉnh Bắc Ninh thông báo"
NFD_TEXT = unicodedata.normalize("NFD", NFC_TEXT)
AMBIGUOUS = "Th«ng b¸o về việc tuyển dụng"

factory = RequestFactory()


def run(request):
    """Pass ``request`` through the middleware; return what the view saw."""
    seen = {}

    def view(req):
        seen["request"] = req
        return HttpResponse("ok")

    response = VietnameseTextMiddleware(view)(request)
    assert response.status_code == 200
    return seen["request"]


# --- form posts ---------------------------------------------------------------


def test_urlencoded_post_is_normalised():
    body = urlencode({"title": TCVN3_TITLE, "summary": VNI_TITLE, "body": NFD_TEXT})
    request = run(factory.post("/", body, content_type="application/x-www-form-urlencoded"))
    assert request.POST["title"] == TITLE_TCVN3_FIXED
    assert request.POST["summary"] == TITLE_VNI_FIXED
    assert request.POST["body"] == NFC_TEXT


def test_multipart_post_is_normalised_and_files_untouched():
    upload = SimpleUploadedFile("Th«ng b¸o.txt", "Céng hoµ".encode("latin-1"), "text/plain")
    request = run(
        factory.post(
            "/",
            {
                "title": TCVN3_TITLE,
                "tags": [NFD_TEXT, VNI_TITLE, "plain"],
                "attachment": upload,
            },
        )
    )
    assert request.POST["title"] == TITLE_TCVN3_FIXED
    assert request.POST.getlist("tags") == [NFC_TEXT, TITLE_VNI_FIXED, "plain"]
    attachment = request.FILES["attachment"]
    assert attachment.name == "Th«ng b¸o.txt"
    assert attachment.read() == "Céng hoµ".encode("latin-1")
    assert "attachment" not in request.POST


def test_post_copy_stays_immutable():
    request = run(factory.post("/", {"title": NFD_TEXT}))
    assert request.POST["title"] == NFC_TEXT
    assert request.POST._mutable is False


def test_password_and_csrf_fields_are_untouched():
    data = {
        "password": NFD_TEXT,
        "new_password1": TCVN3_TITLE,
        "old_Password": VNI_TITLE,
        "csrfmiddlewaretoken": "abc\u0301",
        "title": NFD_TEXT,
    }
    request = run(factory.post("/", data))
    assert request.POST["password"] == NFD_TEXT
    assert request.POST["new_password1"] == TCVN3_TITLE
    assert request.POST["old_Password"] == VNI_TITLE
    assert request.POST["csrfmiddlewaretoken"] == "abc\u0301"
    assert request.POST["title"] == NFC_TEXT


def test_ambiguous_text_is_left_for_the_form_but_made_nfc():
    nfd = unicodedata.normalize("NFD", AMBIGUOUS)
    request = run(factory.post("/", {"title": nfd}))
    assert request.POST["title"] == unicodedata.normalize("NFC", AMBIGUOUS)


def test_unchanged_post_is_the_original_querydict():
    original = factory.post("/", {"title": NFC_TEXT, "n": "42"})
    post_before = original.POST
    request = run(original)
    assert request.POST is post_before


def test_get_is_not_touched():
    request = run(factory.get("/", {"q": NFD_TEXT}))
    assert request.GET["q"] == NFD_TEXT


# --- JSON bodies ----------------------------------------------------------------


def test_json_body_is_normalised_recursively():
    payload = {
        "title": TCVN3_TITLE,
        "count": 3,
        "ratio": 1.5,
        "published": True,
        "missing": None,
        "blocks": [{"type": "paragraph", "value": TCVN3_TITLE.replace("Nam", "Nam h«m nay")}],
        "authors": [NFD_TEXT, "Nguyễn Văn An"],
        "password": NFD_TEXT,
        "nested": {"confirm_password": TCVN3_TITLE, "note": NFD_TEXT},
    }
    request = run(factory.post("/api/", json.dumps(payload), content_type="application/json"))
    data = json.loads(request.body)
    assert data["title"] == TITLE_TCVN3_FIXED
    assert [data[k] for k in ("count", "ratio", "published", "missing")] == [3, 1.5, True, None]
    assert data["blocks"][0]["value"] == "Cộng hoà xã hội chủ nghĩa Việt Nam hôm nay"
    assert data["authors"] == [NFC_TEXT, "Nguyễn Văn An"]
    assert data["password"] == NFD_TEXT
    assert data["nested"] == {"confirm_password": TCVN3_TITLE, "note": NFC_TEXT}
    assert request.META["CONTENT_LENGTH"] == str(len(request.body))
    # the stream is replaced too, for code that reads the request as a file
    assert json.loads(request.read()) == data


def test_json_patch_and_vendor_json_types():
    body = json.dumps({"title": VNI_TITLE})
    cases = (("patch", "application/json"), ("put", "application/vnd.api+json"))
    for method, content_type in cases:
        request = run(getattr(factory, method)("/api/1/", body, content_type=content_type))
        assert json.loads(request.body) == {"title": TITLE_VNI_FIXED}


def test_json_with_charset_parameter():
    body = json.dumps({"title": NFD_TEXT}, ensure_ascii=False).encode("utf-8")
    request = run(factory.post("/api/", body, content_type="application/json; charset=utf-8"))
    assert json.loads(request.body) == {"title": NFC_TEXT}


def test_invalid_json_is_skipped_silently():
    body = '{"title": "' + TCVN3_TITLE + '", oops'
    request = run(factory.post("/api/", body, content_type="application/json"))
    assert request.body == body.encode("utf-8")


def test_json_without_changes_keeps_the_exact_bytes():
    body = '{ "title" :  "Thông báo",\n "n": 1 }'.encode()
    request = run(factory.post("/api/", body, content_type="application/json"))
    assert request.body == body


def test_json_ambiguous_text_is_only_nfc():
    body = json.dumps({"title": unicodedata.normalize("NFD", AMBIGUOUS)})
    request = run(factory.post("/api/", body, content_type="application/json"))
    assert json.loads(request.body) == {"title": unicodedata.normalize("NFC", AMBIGUOUS)}


def test_json_legacy_decision_is_made_across_all_strings():
    # Each value alone is too short to convert; together they are clearly TCVN3.
    data = {"a": "Th«ng", "b": ["b¸o", "ViÖt"], "d": "Nam", "e": "Café", "f": "Nguyễn"}
    assert normalise_json_data(data) == {
        "a": "Thông",
        "b": ["báo", "Việt"],
        "d": "Nam",
        "e": "Café",
        "f": "Nguyễn",
    }


def test_json_legacy_and_unicode_fields_side_by_side():
    data = {"title": "Thông báo tuyển dụng", "body": TCVN3_TITLE, "author": "Nguyễn Văn An"}
    assert normalise_json_data(data) == {
        "title": "Thông báo tuyển dụng",
        "body": TITLE_TCVN3_FIXED,
        "author": "Nguyễn Văn An",
    }


# --- JSON inside form values (Wagtail Draftail) ------------------------------------


def draftjs(text, ranges):
    return {
        "blocks": [
            {
                "key": "abc12",
                "type": "unstyled",
                "depth": 0,
                "text": text,
                "inlineStyleRanges": [
                    {"offset": start, "length": length, "style": "BOLD"} for start, length in ranges
                ],
                "entityRanges": [],
                "data": {},
            }
        ],
        "entityMap": {},
    }


def utf16_offset(text, index):
    return len(text[:index].encode("utf-16-le")) // 2


def test_draftjs_ranges_follow_nfc():
    nfc = "Thông báo mới về việc 🎉 tuyển dụng"
    nfd = unicodedata.normalize("NFD", nfc)
    start = nfd.index(unicodedata.normalize("NFD", "tuyển"))
    end = nfd.index(unicodedata.normalize("NFD", " dụng"))
    offset = utf16_offset(nfd, start)
    content = draftjs(nfd, [(offset, utf16_offset(nfd, end) - offset)])
    request = run(factory.post("/admin/pages/1/edit/", {"body": json.dumps(content)}))
    block = json.loads(request.POST["body"])["blocks"][0]
    assert block["text"] == nfc
    style = block["inlineStyleRanges"][0]
    assert style == {"offset": utf16_offset(nfc, nfc.index("tuyển")), "length": 5, "style": "BOLD"}


def test_draftjs_ranges_follow_vni_conversion():
    vni = encode_legacy("Thông báo mới về việc tuyển dụng", "vni")
    start = vni.index(encode_legacy("mới", "vni"))
    content = draftjs(vni, [(start, len(encode_legacy("mới", "vni")))])
    fixed = json.loads(normalise_form_value(json.dumps(content)))["blocks"][0]
    assert fixed["text"] == "Thông báo mới về việc tuyển dụng"
    assert fixed["inlineStyleRanges"][0]["offset"] == fixed["text"].index("mới")
    assert fixed["inlineStyleRanges"][0]["length"] == 3


def test_form_value_that_only_looks_like_json_is_treated_as_text():
    value = "[" + TCVN3_TITLE + "] Th«ng b¸o"
    assert normalise_form_value(value) == "[" + TITLE_TCVN3_FIXED + "] Thông báo"


def test_broken_multipart_does_not_crash():
    # no boundary: Django raises MultiPartParserError and leaves POST empty
    request = run(factory.generic("POST", "/", b"x", content_type="multipart/form-data"))
    assert dict(request.POST) == {}
