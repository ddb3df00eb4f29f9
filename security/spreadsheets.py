"""Spreadsheet files that cannot run what the public typed (issue #16 item 5).

Comments, survey answers and Q&A figures reach the boards and agencies as XLSX. A cell
whose text starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return that
a spreadsheet strips before reading one of those) is taken for a formula: openpyxl
even stores ``=…`` as one, and Excel or LibreOffice then runs ``HYPERLINK``/``WEBSERVICE``/
DDE in the agency's office. Following OWASP's advice on CSV injection, such text is
kept but prefixed with an apostrophe and stored as a plain string.

Every export builds its workbook as it likes and hands it to ``workbook_bytes``, which
neutralises every text cell before saving: a new column cannot be forgotten.
"""

from __future__ import annotations

import io

# What spreadsheet programs read as the start of a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value):
    """``value`` as safe cell content: text that would start a formula gets a leading
    apostrophe; numbers, dates and other values are returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def workbook_neutralise(book) -> None:
    """Make every text or formula cell of an openpyxl workbook plain, safe text."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
                    # openpyxl stores "=…" as a formula (data type "f"); text starting
                    # with an apostrophe is stored as a string again.
                    cell.value = spreadsheet_text(value)


def workbook_bytes(book) -> bytes:
    """The XLSX file of ``book``, with every cell neutralised first."""
    workbook_neutralise(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
