"""What the files sent to agencies have in common (comments, survey results, and next
information requests): XLSX and DOCX, written in the platform's language whoever
downloads them (official correspondence with a Vietnamese agency), dates as
``HH:MM dd/mm/YYYY``, handed to the board as an attachment.

Each export keeps its own layout; these helpers are the parts that were written once
per export before (issue #24 item 2).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone, translation

from security.spreadsheets import workbook_bytes

FORMATS = ("xlsx", "docx")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
DATETIME_FORMAT = "%H:%M %d/%m/%Y"


def local_datetime_text(moment) -> str:
    """A moment in the portal's time zone as agencies write it; "" for none."""
    return timezone.localtime(moment).strftime(DATETIME_FORMAT) if moment else ""


def in_platform_language(render: Callable[[], bytes]) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        return render()


def export_render(renderers: dict[str, Callable[[], bytes]], fmt: str) -> bytes:
    """Run the renderer of ``fmt`` in the platform's language."""
    if fmt not in renderers:
        raise ValueError(fmt)
    return in_platform_language(renderers[fmt])


def export_response(*, fmt: str, filename: str, render: Callable[[str], bytes]) -> HttpResponse:
    """The file as a download; an unknown format is a 404 (it is a URL segment)."""
    if fmt not in FORMATS:
        raise Http404
    response = HttpResponse(render(fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- XLSX --------------------------------------------------------------------------


def xlsx_workbook():
    from openpyxl import Workbook

    return Workbook()


def xlsx_bold_row(sheet, row: int | None = None) -> None:
    """Bold every cell of ``row`` (by default the last one written)."""
    from openpyxl.styles import Font

    for cell in sheet[row or sheet.max_row]:
        cell.font = Font(bold=True)


def xlsx_wrap_row(sheet, row: int | None = None) -> None:
    from openpyxl.styles import Alignment

    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[row or sheet.max_row]:
        cell.alignment = wrap


def xlsx_bytes(book) -> bytes:
    """The workbook as bytes, every cell the public typed made safe (security.spreadsheets)."""
    return workbook_bytes(book)


# --- DOCX --------------------------------------------------------------------------


def docx_document(*, landscape: bool = False, margins_cm: tuple[float, float, float, float] | None = None,
                  font_size: int = 12):
    """An A4 document in Times New Roman, the font of official documents.

    ``margins_cm`` is (left, right, top, bottom); None keeps the template's.
    """
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)
    else:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
    if margins_cm:
        for side, size in zip(("left_margin", "right_margin", "top_margin", "bottom_margin"), margins_cm):
            if size is not None:
                setattr(section, side, Cm(size))
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(font_size)
    return document


def docx_table(document, *, header: Iterable[str], rows: Iterable[Iterable[str]] = ()):
    """A bordered table with a bold header row."""
    header = list(header)
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    return table


def docx_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
