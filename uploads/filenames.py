"""Safe storage names for uploaded files.

The storage name (the S3 key or path on disk) is ASCII: Vietnamese is folded
(``Quyết định số 96.pdf`` → ``quyet-dinh-so-96.pdf``), path parts and control
characters are dropped and the length is bounded, so the name is safe in URLs,
in S3 keys and on any filesystem. The original name, in Unicode NFC, stays the
document's or image's title.
"""

import os
import re
import unicodedata

# Room for the upload_to folder ("documents/", "original_images/") and the suffix the
# storage adds when the name is taken, inside Wagtail's 100-character file fields.
STORAGE_NAME_MAX_LENGTH = 60
FALLBACK_STEM = "file"


def original_name(name: str) -> str:
    """The uploaded name without any path part or control character, in NFC."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    return "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()


def ascii_fold(text: str) -> str:
    """Vietnamese to ASCII: strip the tone and vowel marks; đ has no decomposition."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).encode("ascii", "ignore").decode()


def _slug(text: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower())
    return text.strip("-")


def safe_storage_name(name: str, *, max_length: int = STORAGE_NAME_MAX_LENGTH) -> str:
    """An ASCII ``stem.ext`` for storing an upload named ``name``."""
    stem, extension = os.path.splitext(original_name(name))
    extension = _slug(extension)[:10]
    stem = _slug(stem) or FALLBACK_STEM
    room = max_length - (len(extension) + 1 if extension else 0)
    stem = stem[:room].rstrip("-") or FALLBACK_STEM
    return f"{stem}.{extension}" if extension else stem


def title_from_name(name: str) -> str:
    """The title an upload gets when none was typed: its original name without extension."""
    return os.path.splitext(original_name(name))[0].strip() or FALLBACK_STEM
