"""Small files of each kind, built in memory, for the upload tests."""

import io
import zipfile

from PIL import Image

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# ZIP entries carry their write time; a fixed one keeps the bytes, and so the test ids
# they appear in, the same in every process (pytest-xdist workers must collect alike).
ZIP_DATE_TIME = (2021, 1, 1, 0, 0, 0)


def _zip_entry(archive: zipfile.ZipFile, name: str, data) -> None:
    archive.writestr(zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME), data)


def pdf() -> bytes:
    return b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def image(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 128, 0)).save(buffer, fmt)
    return buffer.getvalue()


def ooxml(main_type: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _zip_entry(
            archive,
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Override PartName="/main.xml" ContentType="{main_type}"/></Types>',
        )
        _zip_entry(archive, "main.xml", "<x/>")
    return buffer.getvalue()


def docx() -> bytes:
    return ooxml("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")


def xlsx() -> bytes:
    return ooxml("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")


def odf(mimetype: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _zip_entry(archive, "mimetype", mimetype)
        _zip_entry(archive, "content.xml", "<x/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _zip_entry(archive, "setup.exe", b"MZ\x90\x00")
    return buffer.getvalue()


def ole2(stream_name: str) -> bytes:
    # Header, then a directory entry naming the main stream in UTF-16LE.
    return OLE2_MAGIC + b"\x00" * 504 + stream_name.encode("utf-16-le") + b"\x00" * 64


def csv() -> bytes:
    return "Số hiệu,Ngày ban hành\n96/QĐ-UBND,2021-03-01\n".encode()
