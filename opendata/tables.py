"""A table of the catalogue in the three formats it is distributed in (issue #22 item 4):
CSV and JSON in UTF-8, and XLSX, all from the same rows (the file's first sheet)."""

from __future__ import annotations

import csv
import io
import json

from openpyxl import Workbook

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def table_rows(document) -> list[list[str]]:
    from cms.models.provincial import data_table_rows

    return data_table_rows(document, limit=None)


def table_render(rows: list[list[str]], fmt: str) -> bytes:
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        return out.getvalue().encode("utf-8")
    if fmt == "json":
        # An array of objects keyed by the header row: what most open-data tools read.
        header, body = (rows[0], rows[1:]) if rows else ([], [])
        records = [dict(zip(header, row + [""] * (len(header) - len(row)))) for row in body]
        return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")
    if fmt == "xlsx":
        book = Workbook()
        sheet = book.active
        for row in rows:
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    raise ValueError(fmt)
