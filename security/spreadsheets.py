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


def workbook_neutralise(book, *, own_text: frozenset[str] = frozenset()) -> None:
    """Make every text or formula cell of an openpyxl workbook plain, safe text.

    Every cell that would start a formula is stored as a string with Excel's "quote
    prefix" (what typing an apostrophe sets: shown as typed, never evaluated, not even
    when the cell is edited). Text that did not come from the code itself also gets
    the visible apostrophe OWASP recommends, for programs that ignore the prefix;
    ``own_text`` lists the export's own fixed labels (a form's "- …" lines) that keep
    their wording.
    """
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
                    # openpyxl stores "=…" as a formula (data type "f"); text starting
                    # with an apostrophe, or set with data type "s", stays a string.
                    cell.value = value if value in own_text else spreadsheet_text(value)
                    cell.data_type = "s"
                    cell.quotePrefix = True


def workbook_bytes(book, *, own_text: frozenset[str] = frozenset()) -> bytes:
    """The XLSX file of ``book``, with every cell neutralised first."""
    workbook_neutralise(book, own_text=own_text)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
