"""Issue #9 item 3: rich text from editors cannot carry scripts to the public.

Wagtail's editor (Draftail) sends content state, not HTML; the converter writes only the
elements and attributes of the enabled features, so on save ``<script>``, event
handlers and ``javascript:`` links do not survive. The public templates output rich
text through ``|richtext`` / ``include_block``, and the search page's snippets are the
one place the project marks HTML safe, so they are checked with hostile text too.
"""

import json
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from cms import models as cms
from tests.cms import factories as f
from tests.security.conftest import OWN, OWN_HOST

pytestmark = pytest.mark.django_db

ATTACK = "<script>alert(1)</script><img src=x onerror=alert(2)>"
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


class _MarkupScan(HTMLParser):
    """What a browser would run: event-handler attributes, script URLs, and script
    elements holding the attack (the site's own scripts hold no ``alert``)."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            scheme = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name in URL_ATTRIBUTES and scheme.startswith(BAD_SCHEMES):
                self.found.append(f"<{tag} {name}={value}>")
        self._script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = False

    def handle_data(self, data):
        if self._script and "alert(" in data:
            self.found.append(f"<script>{data}</script>")


def runnable(html: str) -> list[str]:
    scan = _MarkupScan()
    scan.feed(html)
    scan.close()
    return scan.found


def contentstate(text: str, url: str) -> str:
    """What Draftail posts: a paragraph whose first word links to ``url``."""
    return json.dumps({
        "blocks": [{"key": "a1", "text": text, "type": "unstyled", "depth": 0, "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 8, "key": 0}], "data": {}}],
        "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}},
    })


HOSTILE_URLS = ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
                "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_editor_rich_text_field_is_cleaned_on_save(url):
    form_class = cms.IntroductionPage.get_edit_handler().get_form_class()
    widget = form_class.base_fields["history"].widget
    stored = widget.value_from_datadict({"history": contentstate(f"Xem thêm {ATTACK}", url)}, {}, "history")
    assert not runnable(stored), stored
    assert "&lt;script&gt;" in stored  # the typed text is kept, as text


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_editor_stream_field_rich_text_is_cleaned_on_save(url):
    block = cms.NewsPage._meta.get_field("body").stream_block.child_blocks["rich_text"]
    value = block.value_from_datadict({"rt": contentstate(f"Xem thêm {ATTACK}", url)}, {}, "rt")
    stored = block.get_prep_value(value)
    assert not runnable(stored), stored


def test_public_page_and_api_show_typed_markup_as_text(client, portals):
    block = cms.NewsPage._meta.get_field("body").stream_block.child_blocks["rich_text"]
    value = block.value_from_datadict({"rt": contentstate(f"Xem thêm {ATTACK}", "javascript:alert(1)")}, {}, "rt")
    page = f.NewsPageFactory(parent=portals.section(OWN, "tin-tuc"), title=f"Tin {ATTACK}",
                             summary=f"Tóm tắt {ATTACK}", body=[("rich_text", value)])
    html = client.get(page.url, HTTP_HOST=OWN_HOST).content.decode()
    assert "Xem thêm" in html
    assert not runnable(html)
    data = client.get(f"/api/v2/pages/{page.pk}/", HTTP_HOST=OWN_HOST).json()
    assert not runnable(json.dumps(data["body"])) and not runnable(data["body"][0]["value"])


def test_search_snippets_escape_hostile_page_text(client, portals, settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database.SearchBackend"}}
    f.NewsPageFactory(parent=portals.section(OWN, "tin-tuc"), title="Thông báo tuyển dụng",
                      summary=f"Thông báo {ATTACK}", body=f.rich_body(f"Thông báo &lt;script&gt;alert(3)&lt;/script&gt;"))
    for q in ("Thông báo", "script", "onerror", "<script>", ATTACK):
        response = client.get(reverse("search"), {"q": q}, HTTP_HOST=OWN_HOST)
        assert response.status_code == 200
        assert not runnable(response.content.decode()), q
        api = client.get("/api/v2/search/", {"q": q}, HTTP_HOST=OWN_HOST)
        for hit in api.json().get("results", []):
            assert not runnable(hit["snippet"]) and "<img" not in hit["snippet"], hit["snippet"]


@pytest.mark.parametrize("field", ["history", "functions_and_duties"])
def test_stored_hostile_html_is_not_rendered_as_markup(client, portals, field):
    """Defence in depth: HTML that reached the database without the editor (an import, a
    script) must still not run on the public page."""
    page = f.IntroductionPageFactory(parent=portals.homes[OWN], slug="gioi-thieu-x",
                                     **{field: f'<p>Lịch sử<script>alert(1)</script><a href="javascript:alert(1)">x</a>'
                                               f'<img src="x" onerror="alert(2)"></p>'})
    html = client.get(page.url, HTTP_HOST=OWN_HOST).content.decode()
    assert "Lịch sử" in html
    assert not runnable(html)


# --- stored HTML that bypassed the editor (security.rich_text) ------------------------------

STORED_ATTACK = ('<p>Lịch sử<script>alert(1)</script><a href="javascript:alert(1)">x</a>'
                 '<img src="x" onerror="alert(2)"></p>')
RICH_TEXT_FORMATS = ["", "&rich_text_format=db_html", "&rich_text_format=html"]


def _store_raw_body(page, html: str):
    """Write a StreamField rich text the way an import script would: no form, no block."""
    type(page).objects.filter(pk=page.pk).update(body=[{"type": "rich_text", "value": html, "id": "raw"}])


@pytest.mark.parametrize("rich_text_format", RICH_TEXT_FORMATS)
def test_api_cleans_stored_hostile_rich_text_field(client, portals, rich_text_format):
    page = f.IntroductionPageFactory(parent=portals.homes[OWN], slug="gioi-thieu-api", history=STORED_ATTACK)
    response = client.get(f"/api/v2/pages/{page.pk}/?fields=history{rich_text_format}", HTTP_HOST=OWN_HOST)
    assert response.status_code == 200
    history = response.json()["history"]
    assert "Lịch sử" in history
    assert not runnable(history) and "<script" not in history


def test_stream_field_rich_text_stored_without_the_editor_is_cleaned(client, portals):
    page = f.NewsPageFactory(parent=portals.section(OWN, "tin-tuc"), title="Tin nhập khẩu")
    _store_raw_body(page, STORED_ATTACK)
    html = client.get(page.url, HTTP_HOST=OWN_HOST).content.decode()
    assert "Lịch sử" in html
    assert not runnable(html)
    for rich_text_format in RICH_TEXT_FORMATS:
        data = client.get(f"/api/v2/pages/{page.pk}/?fields=body{rich_text_format}", HTTP_HOST=OWN_HOST).json()
        value = data["body"][0]["value"]
        assert "Lịch sử" in value and not runnable(value) and "<script" not in value, rich_text_format


def test_what_the_editor_writes_survives_cleaning(client, portals):
    """The control: links to pages and documents, external and mail links, headings,
    lists, emphasis and images render as Wagtail renders them."""
    from wagtail.images.tests.utils import get_test_image_file

    target = f.NewsPageFactory(parent=portals.section(OWN, "tin-tuc"), title="Trang đích")
    document = f.DocumentFactory(collection=portals.units[OWN].collection)
    image = f.ImageFactory(collection=portals.units[OWN].collection, file=get_test_image_file())
    source = (f'<h2>Tiêu đề</h2><h3>Mục</h3><p><b>Đậm</b> <i>nghiêng</i><br/>dòng mới</p>'
              f'<ul><li>một</li></ul><ol><li>hai</li></ol><blockquote>trích</blockquote><hr/>'
              f'<p><a linktype="page" id="{target.pk}">trang</a> <a linktype="document" id="{document.pk}">tệp</a> '
              f'<a href="https://chinhphu.vn/van-ban?id=1&amp;x=2">ngoài</a> <a href="mailto:so@bacninh.gov.vn">thư</a> '
              f'<a href="#muc-1">neo</a></p>'
              f'<embed alt="Ảnh hội nghị" embedtype="image" format="left" id="{image.pk}"/>')
    page = f.IntroductionPageFactory(parent=portals.homes[OWN], slug="gioi-thieu-du", history=source)
    html = client.get(page.url, HTTP_HOST=OWN_HOST).content.decode()
    for fragment in ("<h2>Tiêu đề</h2>", "<h3>Mục</h3>", "<b>Đậm</b>", "<i>nghiêng</i>", "<br>dòng mới",
                     "<ul><li>một</li></ul>", "<ol><li>hai</li></ol>", "<blockquote>trích</blockquote>", "<hr>",
                     f'<a href="{target.url}">trang</a>', f'<a href="{document.url}">tệp</a>',
                     '<a href="https://chinhphu.vn/van-ban?id=1&amp;x=2">ngoài</a>',
                     '<a href="mailto:so@bacninh.gov.vn">thư</a>', '<a href="#muc-1">neo</a>'):
        assert fragment in html, fragment
    [img] = re.findall(r'<img [^>]*alt="Ảnh hội nghị"[^>]*>', html)
    assert 'class="richtext-image left"' in img and 'src="/' in img and "width=" in img
    # The API's stored format keeps Wagtail's placeholders, so front ends can expand them.
    data = client.get(f"/api/v2/pages/{page.pk}/?fields=history", HTTP_HOST=OWN_HOST).json()
    assert f'<a linktype="page" id="{target.pk}">trang</a>' in data["history"]
    assert re.search(r'<embed [^>]*embedtype="image"[^>]*/>', data["history"])


# Payloads that have slipped past HTML sanitisers: parser differentials, entity and
# whitespace tricks in schemes, namespace confusion, and elements that run or load things.
BYPASSES = [
    '<a href="&#106;avascript:alert(1)">x</a>', '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
    '<a href=" &#14; javascript:alert(1)">x</a>', '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<svg><script>alert(1)</script></svg>', '<svg onload=alert(1)>', '<math><mtext><table><mglyph><style>'
    '<img src=x onerror=alert(1)>', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>', '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="javascript:alert(1)"></object>', '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>',
    '<base href="javascript:alert(1)//">', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<div style="background:url(javascript:alert(1))">x</div>', '<p style="x:expression(alert(1))">x</p>',
    '<img src="data:text/html,<script>alert(1)</script>">', '<a href="data:text/html,alert(1)">x</a>',
    '<<script>script>alert(1)<</script>/script>', '<scr<script>ipt>alert(1)</script>',
    '<!--<img src="--><img src=x onerror=alert(1)//">', '<p>a<![CDATA[<img src=x onerror=alert(1)>]]></p>',
    '<a linktype="page" id="1" onmouseover="alert(1)">x</a>', '<embed embedtype="image" id="1" onerror="alert(1)"/>',
    '<details open ontoggle=alert(1)>', '<video><source onerror="alert(1)"></video>', '<a href="vbscript:msgbox(1)">x</a>',
]


@pytest.mark.parametrize("payload", BYPASSES)
def test_known_sanitiser_bypasses_are_cleaned(payload):
    from security.rich_text import clean_db_html, clean_html

    for cleaned in (clean_html(payload), clean_db_html(payload)):
        assert not runnable(cleaned), cleaned
        assert not re.search(r"<(script|svg|math|iframe[^>]*srcdoc|object|base|meta|form|style|details)\b", cleaned), cleaned


def test_rich_text_field_is_cleaned_on_save(portals):
    page = f.IntroductionPageFactory(parent=portals.homes[OWN], slug="gioi-thieu-luu", history=STORED_ATTACK)
    page.refresh_from_db()
    assert "Lịch sử" in page.history
    assert not runnable(page.history) and "<script" not in page.history


def test_stream_field_rich_text_is_cleaned_on_save(portals):
    page = f.NewsPageFactory(parent=portals.section(OWN, "tin-tuc"), title="Tin nhập bằng script")
    page.body = [{"type": "rich_text", "value": STORED_ATTACK, "id": "raw"}]  # as an import writes it
    page.save()
    page.refresh_from_db()
    stored = page.body.get_prep_value()[0]["value"]
    assert "Lịch sử" in stored
    assert not runnable(stored) and "<script" not in stored


def test_the_editors_rich_text_is_stored_unchanged(portals):
    """Cleaning on save rewrites nothing the editor wrote (its data-block-key anchors,
    links, image embeds), so revisions and translations see no spurious change."""
    widget = cms.IntroductionPage.get_edit_handler().get_form_class().base_fields["history"].widget
    written = widget.value_from_datadict({"history": contentstate("Xem thêm tại đây", "https://chinhphu.vn/?a=1&b=2")},
                                         {}, "history")
    assert "data-block-key" in written
    page = f.IntroductionPageFactory(parent=portals.homes[OWN], slug="gioi-thieu-bien-tap", history=written)
    page.refresh_from_db()
    assert page.history == written
