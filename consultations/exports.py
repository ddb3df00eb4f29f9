"""Every comment on one draft as a file for the drafting agency (Điều 11.3.g): XLSX
for working through them, DOCX to attach to the summary of comments.

Both carry the commenters' contact details: they go to the agency that must answer,
through the board that moderates (``consultations.admin_views``), never to the public.
Labels follow the language of the platform (Vietnamese), whoever exports.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from consultations.selectors import comments_for_export
from intake.exports import (
    docx_bytes,
    docx_document,
    docx_table,
    export_render,
    local_datetime_text,
    xlsx_bold_row,
    xlsx_bytes,
    xlsx_workbook,
    xlsx_wrap_row,
)



def export_filename(consultation, fmt: str) -> str:
    return f"gop-y-{consultation.pk}-{slugify(consultation.slug)[:40]}.{fmt}"


def _columns() -> list[str]:
    return [
        _("No."), _("Received at"), _("Full name"), _("Organisation"), _("E-mail"), _("Phone"), pgettext("consultation comment", "Comment"),
        _("Status"), _("Moderation note"),
    ]


def _rows(consultation) -> list[list[str]]:
    return [
        [
            str(number), local_datetime_text(comment.created_at), comment.commenter_name, comment.organisation,
            comment.commenter_email, comment.commenter_phone, comment.content, str(comment.get_status_display()),
            comment.moderation_note,
        ]
        for number, comment in enumerate(comments_for_export(consultation=consultation), start=1)
    ]


def _heading_lines(consultation) -> list[str]:
    return [
        _("Comments on the draft: %(draft)s") % {"draft": consultation.draft_name},
        _("Receiving agency: %(agency)s") % {"agency": consultation.receiving_agency},
        _("Comment deadline: %(deadline)s") % {"deadline": local_datetime_text(consultation.comment_deadline)},
        _("Exported at: %(now)s") % {"now": local_datetime_text(timezone.now())},
    ]


def comments_xlsx(consultation) -> bytes:
    return export_render({"xlsx": lambda: _comments_xlsx(consultation)}, "xlsx")


def _comments_xlsx(consultation) -> bytes:
    from openpyxl.styles import Font

    book = xlsx_workbook()
    sheet = book.active
    sheet.title = pgettext("consultation comment", "Comments")[:31]
    for line in _heading_lines(consultation):
        sheet.append([line])
    sheet["A1"].font = Font(bold=True)
    sheet.append([])
    sheet.append(_columns())
    header_row = sheet.max_row
    xlsx_bold_row(sheet)
    for row in _rows(consultation):
        sheet.append(row)
        xlsx_wrap_row(sheet)
    for letter, width in zip("ABCDEFGHI", (6, 17, 24, 24, 26, 14, 80, 16, 30)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    return xlsx_bytes(book)


def comments_docx(consultation) -> bytes:
    return export_render({"docx": lambda: _comments_docx(consultation)}, "docx")


def _comments_docx(consultation) -> bytes:
    # Landscape: the comment column needs the width.
    document = docx_document(landscape=True, margins_cm=(2, 2, 2, 2), font_size=12)
    title, *details = _heading_lines(consultation)
    document.add_paragraph().add_run(title).bold = True
    for line in details:
        document.add_paragraph(line)
    docx_table(document, header=_columns(), rows=_rows(consultation))
    return docx_bytes(document)


def comments_export(consultation, fmt: str) -> bytes:
    return export_render(
        {"xlsx": lambda: _comments_xlsx(consultation), "docx": lambda: _comments_docx(consultation)}, fmt
    )
