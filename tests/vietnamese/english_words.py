"""Find English words in a rendered admin screen (issue #19 item 1).

Visible text is what a user reads: text nodes outside scripts, styles and icons (hidden
panels and dialogs included, a click opens them), plus
the attributes a browser shows (title, aria-label, placeholder, alt, button values,
tooltips). A word counts as English when it occurs in the English source messages of
Django, Wagtail, wagtail-localize or the project and is not also a Vietnamese syllable
("can", "to", "the" are both).
"""

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import django
import polib
from django.conf import settings

from vietnamese.catalogs import package_catalogs, template_entries
from vietnamese.syllables import is_vietnamese_syllable

# Names, formats and brands that stay as they are in Vietnamese text.
ALLOWED = {
    "wagtail", "localize", "url", "urls", "api", "csv", "xlsx", "pdf", "json", "html",
    "javascript", "embedly", "utc", "id", "png", "jpg", "jpeg", "gif", "webp", "svg", "fax", "byte",
    # Key caps in the keyboard shortcuts dialog, printed so on keyboards.
    "alt", "ctrl", "shift", "cmd",
    # A language picker names each language in its own language (Django's name_local).
    "english",
}  # fmt: skip
# Rows Wagtail's own migrations create (the root page and collection, the default
# workflow and its task): data in the database, not messages a catalog can translate.
ALLOWED_DATA = ("Moderators approval", "Root")

SHOWN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "data-w-tooltip-content-value"}
HIDDEN_ELEMENTS = {"script", "style", "svg", "textarea"}
# Elements whose text the admin's scripts write before showing them (a side panel's
# issue counter holds a placeholder "None" until then). Other hidden elements (closed
# side panels, dialogs, menus) are read: a user opens them.
SCRIPT_FILLED_ATTRIBUTES = {"data-side-panel-toggle-counter"}
WORD_RE = re.compile(r"\b[A-Za-z][a-z]{2,}\b")


VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Addresses, host names, user names like "sotuphap.head", time zones like "Asia/Ho_Chi_Minh"
# and content type labels like "cms.newspage" are names, not words.
NAME_RE = re.compile(r"\S*[./@:_]\S*|\[[\w-]+\]")


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in VOID_ELEMENTS:
            if not self._hidden:
                self._read_attributes(tag, attrs)
            return
        if self._hidden or tag in HIDDEN_ELEMENTS or SCRIPT_FILLED_ATTRIBUTES & attrs.keys():
            self._hidden += 1  # every element inside counts, to find the hidden one's end
            return
        self._read_attributes(tag, attrs)

    def _read_attributes(self, tag, attrs):
        for name in SHOWN_ATTRIBUTES:
            if attrs.get(name):
                self.parts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if self._hidden and tag not in VOID_ELEMENTS:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    text = " ".join(" ".join(parser.parts).split())
    for data in ALLOWED_DATA:
        text = re.sub(rf"\b{data}\b", " ", text)
    return text


def _msgids(path: Path):
    if path.exists():
        for entry in polib.pofile(str(path)):
            yield entry.msgid
            yield entry.msgid_plural


@cache
def english_vocabulary() -> frozenset[str]:
    """Lower-case words of the English messages that are not Vietnamese syllables."""
    texts = []
    for catalog in package_catalogs():
        for entry in template_entries(catalog):
            texts += [entry.msgid, entry.msgid_plural]
    django_en = Path(django.__file__).parent / "conf" / "locale" / "en" / "LC_MESSAGES" / "django.po"
    texts += list(_msgids(django_en))
    texts += list(_msgids(Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"))
    words = set()
    for text in texts:
        # Placeholders and markup are not words a user reads.
        text = re.sub(r"%\([^)]*\)\w|\{[^}]*\}|<[^>]*>", " ", text or "")
        words.update(w.lower() for w in WORD_RE.findall(text))
    return frozenset(w for w in words if w not in ALLOWED and not is_vietnamese_syllable(w))


def english_words(html: str) -> list[str]:
    """English words on the screen, in order of appearance, each once."""
    vocabulary = english_vocabulary()
    seen = []
    for word in WORD_RE.findall(NAME_RE.sub(" ", visible_text(html))):
        if word.lower() in vocabulary and word not in seen:
            seen.append(word)
    return seen
