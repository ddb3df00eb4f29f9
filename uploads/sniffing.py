"""Tell a file's type from its content (magic bytes), never from its name.

Only the types the platform accepts are recognised; anything else is ``None``, and so
refused. DOCX/XLSX and ODT/ODS are ZIP archives: the inner ``[Content_Types].xml``
(Office Open XML) or ``mimetype`` entry (OpenDocument) says which document it is, so a
ZIP of anything else renamed to ``.docx`` is not mistaken for one. DOC and XLS are OLE2
compound files, told apart by the name of their main stream.
"""

import io
import zipfile
from typing import BinaryIO

PDF = "pdf"
DOC = "doc"
DOCX = "docx"
XLS = "xls"
XLSX = "xlsx"
ODT = "odt"
ODS = "ods"
CSV = "csv"
JPEG = "jpeg"
PNG = "png"
GIF = "gif"
WEBP = "webp"

# Extensions a file of each kind may carry.
EXTENSIONS: dict[str, frozenset[str]] = {
    PDF: frozenset({"pdf"}),
    DOC: frozenset({"doc"}),
    DOCX: frozenset({"docx"}),
    XLS: frozenset({"xls"}),
    XLSX: frozenset({"xlsx"}),
    ODT: frozenset({"odt"}),
    ODS: frozenset({"ods"}),
    CSV: frozenset({"csv"}),
    JPEG: frozenset({"jpg", "jpeg"}),
    PNG: frozenset({"png"}),
    GIF: frozenset({"gif"}),
    WEBP: frozenset({"webp"}),
}

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# Acrobat accepts the header anywhere in the first 1024 bytes, but then a file that
# starts as an HTML page passes for a PDF and a browser that sniffs renders it (issue
# #16 item 5). ISO 32000 puts "%PDF-" on the first line: we require it at offset 0.
PDF_SIGNATURE = b"%PDF-"
PDF_HEADER_WINDOW = 1024
# Enough of a CSV to judge it as text without reading a 20 MB file into memory twice.
TEXT_SAMPLE_SIZE = 64 * 1024
ZIP_ENTRY_MAX_SIZE = 1024 * 1024

OOXML_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.ms-word.document.macroenabled.main+xml": None,  # .docm: macros, refused
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    "application/vnd.ms-excel.sheet.macroenabled.main+xml": None,  # .xlsm: macros, refused
}
ODF_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": ODT,
    "application/vnd.oasis.opendocument.spreadsheet": ODS,
}
# Markup that a browser would render or run if the file were served inline.
MARKUP_MARKERS = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml", b"<body", b"<iframe")


def sniff(stream: BinaryIO) -> str | None:
    """The kind of the file in ``stream`` (one of the constants above) or None.

    Reads from the start and leaves the stream positioned at the start again.
    """
    stream.seek(0)
    head = stream.read(PDF_HEADER_WINDOW)
    try:
        kind = _sniff_binary(head, stream)
        if kind is None and head:
            stream.seek(0)
            kind = CSV if _looks_like_csv(stream.read(TEXT_SAMPLE_SIZE)) else None
        return kind
    finally:
        stream.seek(0)


def _sniff_binary(head: bytes, stream: BinaryIO) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(PDF_SIGNATURE):
        return PDF
    if head.startswith(OLE2_MAGIC):
        return _sniff_ole2(stream)
    if head.startswith(ZIP_MAGIC):
        return _sniff_zip(stream)
    return None


def _sniff_ole2(stream: BinaryIO) -> str | None:
    """Word and Excel 97–2003 files name their main stream in the directory (UTF-16)."""
    stream.seek(0)
    data = stream.read()
    if "WordDocument".encode("utf-16-le") in data:
        return DOC
    if "Workbook".encode("utf-16-le") in data or "Book\x00".encode("utf-16-le") in data:
        return XLS
    return None


def _sniff_zip(stream: BinaryIO) -> str | None:
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            # The entries read here are tiny in a real document; a huge one is a zip bomb.
            if any(archive.getinfo(n).file_size > ZIP_ENTRY_MAX_SIZE for n in names & {"mimetype", "[Content_Types].xml"}):
                return None
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return ODF_MIMETYPES.get(mimetype)
            if "[Content_Types].xml" in names:
                content_types = archive.read("[Content_Types].xml").decode("utf-8", "replace").lower()
                for main_type, kind in OOXML_MAIN_TYPES.items():
                    if f'contenttype="{main_type}"' in content_types:
                        return kind
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return None
    return None


def _looks_like_csv(sample: bytes) -> bool:
    """Plain text (UTF-8, or the Windows code page Excel writes for Vietnamese) with no
    control characters and nothing a browser would take for markup."""
    if not sample or b"\x00" in sample:
        return False
    if sample.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(b"<") or any(
        marker in sample.lower() for marker in MARKUP_MARKERS
    ):
        return False
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start >= len(sample) - 3:  # a multi-byte character cut by the sample
            text = sample[: error.start].decode("utf-8")
        else:
            text = sample.decode("cp1258", "replace")
    return not any(ord(c) < 32 and c not in "\t\r\n" for c in text)


def sniff_bytes(data: bytes) -> str | None:
    return sniff(io.BytesIO(data))
