"""Every comment on one draft as a file for the drafting agency (Điều 11.3.g): XLSX
for working through them, DOCX to attach to the summary of comments.

Both carry the commenters' contact details: they go to the agency that must answer,
through the board that moderates (``consultations.admin_views``), never to the public.
Labels follow the language of the platform (Vietnamese), whoever exports.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from consultations.selectors import comments_for_export
from security.spreadsheets import workbook_bytes

FORMATS = ("xlsx", "docx")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
DATE_FORMAT = "%H:%M %d/%m/%Y"


def export_filename(consultation, fmt: str) -> str:
    return f"gop-y-{consultation.pk}-{slugify(consultation.slug)[:40]}.{fmt}"


def _local(moment) -> str:
    return timezone.localtime(moment).strftime(DATE_FORMAT) if moment else ""


def _columns() -> list[str]:
    return [
        _("No."), _("Received at"), _("Full name"), _("Organisation"), _("E-mail"), _("Phone"), pgettext("consultation comment", "Comment"),
        _("Status"), _("Moderation note"),
    ]


def _rows(consultation) -> list[list[str]]:
    return [
        [
            str(number), _local(comment.created_at), comment.commenter_name, comment.organisation,
            comment.commenter_email, comment.commenter_phone, comment.content, str(comment.get_status_display()),
            comment.moderation_note,
        ]
        for number, comment in enumerate(comments_for_export(consultation=consultation), start=1)
    ]


def _heading_lines(consultation) -> list[str]:
    return [
        _("Comments on the draft: %(draft)s") % {"draft": consultation.draft_name},
        _("Receiving agency: %(agency)s") % {"agency": consultation.receiving_agency},
        _("Comment deadline: %(deadline)s") % {"deadline": _local(consultation.comment_deadline)},
        _("Exported at: %(now)s") % {"now": _local(timezone.now())},
    ]


def comments_xlsx(consultation) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    with translation.override(settings.LANGUAGE_CODE):
        book = Workbook()
        sheet = book.active
        sheet.title = pgettext("consultation comment", "Comments")[:31]
        heading = _heading_lines(consultation)
        for line in heading:
            sheet.append([line])
        sheet["A1"].font = Font(bold=True)
        sheet.append([])
        sheet.append(_columns())
        header_row = sheet.max_row
        for cell in sheet[header_row]:
            cell.font = Font(bold=True)
        wrap = Alignment(wrap_text=True, vertical="top")
        for row in _rows(consultation):
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                cell.alignment = wrap
        for letter, width in zip("ABCDEFGHI", (6, 17, 24, 24, 26, 14, 80, 16, 30)):
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    return workbook_bytes(book)


def comments_docx(consultation) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    with translation.override(settings.LANGUAGE_CODE):
        document = Document()
        section = document.sections[0]
        # Landscape: the comment column needs the width.
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))
        style = document.styles["Normal"]
        style.font.name = "Times New Roman"
        style.font.size = Pt(12)

        title, *details = _heading_lines(consultation)
        document.add_paragraph().add_run(title).bold = True
        for line in details:
            document.add_paragraph(line)
        columns = _columns()
        table = document.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, columns):
            cell.paragraphs[0].add_run(text).bold = True
        for row in _rows(consultation):
            for cell, text in zip(table.add_row().cells, row):
                cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def comments_export(consultation, fmt: str) -> bytes:
    if fmt == "xlsx":
        return comments_xlsx(consultation)
    if fmt == "docx":
        return comments_docx(consultation)
    raise ValueError(fmt)
