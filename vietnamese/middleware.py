"""Normalise submitted text before forms, views and APIs see it.

``VietnameseTextMiddleware`` rewrites the data of POST/PUT/PATCH requests:

* form posts (urlencoded or multipart): every string in ``request.POST`` goes
  through :func:`vietnamese.text.fix_vietnamese_text` -- NFC, plus conversion
  of text that is *confidently* TCVN3/VNI.  Uploaded files are not touched.
* JSON bodies (``application/json``, ``*+json``): every string value is
  normalised the same way and ``request.body`` is replaced.

It never raises for doubtful text: ambiguous input is passed on NFC-only so
that the form/serializer validator
(:func:`vietnamese.validators.validate_vietnamese_text`) can reject it with a
proper field error.  Fields whose name contains "password" or
"csrfmiddlewaretoken" are passed on byte for byte.

Form values that are themselves JSON (Wagtail's Draftail editor posts its
content as Draft.js JSON) are normalised value by value, and the character
offsets of Draft.js style/entity ranges are recomputed, because NFC and VNI
decoding change the length of the text.

Placement: before any middleware whose request phase reads submitted data.
Django's own middleware only reads ``request.POST`` in ``process_view``
(``CsrfViewMiddleware``), which runs after every ``__call__`` and so sees the
normalised copy.  Like ``CsrfViewMiddleware`` this middleware parses form
posts before the view runs, so a view can no longer swap
``request.upload_handlers``; ``request.FILES`` itself is left as parsed.
Oversized or malformed posts raise the same errors (400) they would raise
in the view.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.http.request import RawPostDataException

from .text import (
    STATUS_LEGACY,
    LegacyAnalysis,
    convert_legacy,
    fix_vietnamese_text,
    has_unicode_only_letters,
    repair_vietnamese_text,
    to_nfc,
)

NORMALISED_METHODS = frozenset({"POST", "PUT", "PATCH"})
FORM_CONTENT_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})
#: Field names containing one of these (case-insensitive) are never changed.
SKIPPED_FIELD_MARKERS = ("password", "csrfmiddlewaretoken")
#: Draft.js block keys holding ranges with UTF-16 "offset"/"length".
DRAFTJS_RANGE_KEYS = ("inlineStyleRanges", "entityRanges")


def is_skipped_field(name: Any) -> bool:
    """True for password-like and CSRF fields, which must stay untouched."""
    lowered = str(name).lower()
    return any(marker in lowered for marker in SKIPPED_FIELD_MARKERS)


# ---------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------


def _json_strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            if not is_skipped_field(key):
                yield from _json_strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from _json_strings(item)


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _index_from_utf16(text: str, units: int) -> int:
    """Python string index of the UTF-16 offset ``units`` (Draft.js counts UTF-16)."""
    count = 0
    for index, char in enumerate(text):
        if count >= units:
            return index
        count += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def _normalise(value: str, encoding: str | None) -> str:
    return convert_legacy(value, encoding) if encoding else to_nfc(value)


def _remap_draftjs_ranges(block: dict, old_text: str, encoding: str | None) -> None:
    """Recompute range offsets of a Draft.js block whose text was rewritten.

    An offset moves to the length of the rewritten text before it.
    """

    def fix(prefix: str) -> str:
        return _normalise(prefix, encoding)

    for key in DRAFTJS_RANGE_KEYS:
        ranges = block.get(key)
        if not isinstance(ranges, list):
            continue
        remapped = []
        for item in ranges:
            if (
                isinstance(item, dict)
                and isinstance(item.get("offset"), int)
                and isinstance(item.get("length"), int)
            ):
                start = _index_from_utf16(old_text, item["offset"])
                end = _index_from_utf16(old_text, item["offset"] + item["length"])
                new_start = _utf16_length(fix(old_text[:start]))
                new_end = _utf16_length(fix(old_text[:end]))
                item = {**item, "offset": new_start, "length": max(0, new_end - new_start)}
            remapped.append(item)
        block[key] = remapped


def _rebuild(data: Any, encoding_for: Callable[[str], str | None]) -> Any:
    if isinstance(data, str):
        return _normalise(data, encoding_for(data))
    if isinstance(data, list):
        return [_rebuild(item, encoding_for) for item in data]
    if isinstance(data, dict):
        rebuilt = {
            key: value if is_skipped_field(key) else _rebuild(value, encoding_for)
            for key, value in data.items()
        }
        old_text = data.get("text")
        if (
            isinstance(old_text, str)
            and any(key in data for key in DRAFTJS_RANGE_KEYS)
            and rebuilt.get("text") != old_text
        ):
            _remap_draftjs_ranges(rebuilt, old_text, encoding_for(old_text))
        return rebuilt
    return data


def normalise_json_data(data: Any) -> Any:
    """Return ``data`` (parsed JSON) with every string value normalised.

    Each string is NFC-normalised and converted if it is confidently legacy
    on its own.  Strings too short to judge alone (one Draft.js block, one
    list item) are then judged together: those without Unicode-only letters
    (ư, đ, ạ ...) are analysed as one text and, if that is confidently
    legacy, the ones with words that decode into Vietnamese are converted.
    Dict keys, non-string values and values under password-like keys are
    left alone.
    """
    decisions: dict[str, str] = {}  # original string -> legacy encoding
    undecided: dict[str, LegacyAnalysis] = {}
    for value in dict.fromkeys(_json_strings(data)):
        text, analysis = repair_vietnamese_text(value)
        if analysis.status == STATUS_LEGACY:
            decisions[value] = analysis.encoding
        elif not has_unicode_only_letters(text):
            undecided[value] = analysis
    if undecided:
        _, joint = repair_vietnamese_text("\n".join(undecided))
        if joint.status == STATUS_LEGACY:
            for value, analysis in undecided.items():
                # only strings with words of their own that decode into Vietnamese
                if any(e.encoding == joint.encoding and e.gained for e in analysis.evidence):
                    decisions[value] = joint.encoding
    return _rebuild(data, decisions.get)


def normalise_form_value(value: str) -> str:
    """Normalise one submitted form value (JSON-aware, see module docstring)."""
    if value.lstrip()[:1] in ("{", "["):
        try:
            data = json.loads(value)
        except ValueError:
            pass
        else:
            if isinstance(data, (dict, list)):
                normalised = normalise_json_data(data)
                if normalised == data:
                    return value
                return json.dumps(normalised, ensure_ascii=False)
    return fix_vietnamese_text(value)


# ---------------------------------------------------------------------------
# Middleware
# ---------------------------------------------------------------------------


def _is_json(content_type: str) -> bool:
    return content_type == "application/json" or (
        content_type.startswith("application/") and content_type.endswith("+json")
    )


class VietnameseTextMiddleware:
    """NFC-normalise and repair legacy-encoded text in submitted data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in NORMALISED_METHODS:
            content_type = (getattr(request, "content_type", "") or "").lower()
            if _is_json(content_type):
                self.normalise_json_body(request)
            elif content_type in FORM_CONTENT_TYPES:
                self.normalise_post(request)
        return self.get_response(request)

    def normalise_post(self, request) -> None:
        """Replace ``request.POST`` by a normalised copy (if anything changes)."""
        if request.method != "POST":
            return  # Django only parses form data for POST
        try:
            post = request.POST
        except (UnreadablePostError, MultiPartParserError):
            return  # client went away / broken multipart: Django leaves POST empty
        changes = {}
        for key, values in post.lists():
            if is_skipped_field(key):
                continue
            new_values = [normalise_form_value(v) if isinstance(v, str) else v for v in values]
            if new_values != values:
                changes[key] = new_values
        if not changes:
            return
        data = post.copy()
        for key, new_values in changes.items():
            data.setlist(key, new_values)
        data._mutable = False
        request.POST = data

    def normalise_json_body(self, request) -> None:
        """Replace ``request.body`` by re-serialised, normalised JSON."""
        try:
            body = request.body
        except (RawPostDataException, RequestDataTooBig, UnreadablePostError):
            return  # already streamed, too big or unreadable: leave it to the view
        if not body:
            return
        charset = (getattr(request, "content_params", None) or {}).get("charset") or "utf-8"
        try:
            data = json.loads(body.decode(charset))
        except (LookupError, UnicodeDecodeError, ValueError):
            return  # not valid JSON: not our business
        normalised = normalise_json_data(data)
        if normalised == data:
            return
        utf8 = charset.lower().replace("_", "-") in ("utf-8", "utf8")
        new_body = json.dumps(normalised, ensure_ascii=not utf8).encode(charset)
        request._body = new_body
        request._stream = io.BytesIO(new_body)
        request.META["CONTENT_LENGTH"] = str(len(new_body))
