"""Types are told from content, never from names."""

import pytest

from tests.uploads import samples
from uploads import sniffing


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (samples.pdf(), sniffing.PDF),
        (samples.docx(), sniffing.DOCX),
        (samples.xlsx(), sniffing.XLSX),
        (samples.odf("application/vnd.oasis.opendocument.text"), sniffing.ODT),
        (samples.odf("application/vnd.oasis.opendocument.spreadsheet"), sniffing.ODS),
        (samples.ole2("WordDocument"), sniffing.DOC),
        (samples.ole2("Workbook"), sniffing.XLS),
        (samples.csv(), sniffing.CSV),
        (b"S\xf4\xec hi\xea\xf2u;Ng\xe0y\n1;2\n", sniffing.CSV),  # Windows-1258, as Excel saves it
        (samples.image("JPEG"), sniffing.JPEG),
        (samples.image("PNG"), sniffing.PNG),
        (samples.image("GIF"), sniffing.GIF),
        (samples.image("WEBP"), sniffing.WEBP),
    ],
)
def test_allowed_kinds_are_recognised(data, kind):
    assert sniffing.sniff_bytes(data) == kind


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00\x03\x00\x00\x00",  # Windows executable
        b"\x7fELF\x02\x01\x01\x00",  # Linux executable
        b"<!DOCTYPE html><html><body>hi</body></html>",
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        b"<svg xmlns='http://www.w3.org/2000/svg'><rect/></svg>",
        b'<?xml version="1.0"?><svg/>',
        b"a,b\n<script>alert(1)</script>\n",
        samples.plain_zip(),
        samples.ooxml("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"),
        samples.ooxml("application/vnd.ms-word.document.macroEnabled.main+xml"),
        samples.ole2("PowerPoint Document"),
        b"",
        b"\x00\x01\x02binary",
    ],
)
def test_anything_else_is_unknown(data):
    assert sniffing.sniff_bytes(data) is None
