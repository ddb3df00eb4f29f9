"""The Điều 15 report as a file: JSON (every figure with the items behind it), XLSX
(one sheet per table, plus the breakdown per unit) and DOCX laid out like the Appendix.

All three read the same :class:`compliance.selectors.Report`; labels come from
``compliance.report_form``.
"""

from __future__ import annotations

import io
import json

from compliance import report_form as form
from compliance.selectors import LineFigures, Report, UnitReport
from security.spreadsheets import workbook_bytes

FORMATS = ("json", "xlsx", "docx")
CONTENT_TYPES = {
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def report_filename(report: Report, fmt: str) -> str:
    return f"bao-cao-{report.unit.slug}-{report.period.code}.{fmt}"


def _blank(value):
    return "" if value is None else value


# --- JSON --------------------------------------------------------------------------


def _refs(report: Report, refs: list[str]) -> list[dict]:
    result = []
    for ref in refs:
        item = report.items[ref]
        result.append({
            "ref": ref, "id": item.page_id, "title": item.title, "url": item.url, "admin_url": item.admin_url,
            "status": item.verdict.status, "due_date": _iso(item.verdict.due_date),
            "published_on": _iso(item.verdict.published_on), "days_used": item.verdict.days_used,
            "days_allowed": item.verdict.days_allowed,
        })
    return result


def _iso(day):
    return day.isoformat() if day else None


def _row_json(report: Report, row: LineFigures, drill_down: bool) -> dict:
    data = {
        "key": row.line.key, "number": row.line.number, "label": row.line.label, "article": row.line.article,
        "applicable": row.applicable, "note": row.note,
    }
    for column in form.TABLE1_COLUMNS:
        data[column] = row.value(column)
    if drill_down and row.applicable and row.tracked:
        data["items"] = {
            column: _refs(report, getattr(row.cell, column)) for column in form.TABLE1_COLUMNS
            if row.value(column) is not None
        }
    return data


def _unit_json(report: Report, unit_report: UnitReport, drill_down: bool) -> dict:
    data = {
        "unit": {"slug": unit_report.unit.slug, "name": unit_report.unit.name, "kind": unit_report.unit.kind},
        "table1": [_row_json(report, row, drill_down) for row in unit_report.rows],
    }
    if unit_report.spans is not None:
        # Issue #21: a unit that changed parent, at this place for these days only.
        data["days"] = [[start.isoformat(), end.isoformat()] for start, end in unit_report.spans]
    if unit_report.own_rows is not None:
        data["own_portal"] = [_row_json(report, row, drill_down) for row in unit_report.own_rows]
        data["breakdown"] = [_unit_json(report, child, drill_down) for child in unit_report.breakdown]
    return data


def report_json_data(report: Report, *, drill_down: bool = True) -> dict:
    data = {
        "period": {"code": report.period.code, "label": report.period.label,
                   "start": report.period.start.isoformat(), "end": report.period.end.isoformat()},
        "as_of": report.as_of.isoformat(),
        **_unit_json(report, report.table1, drill_down),
        "table2": [
            {"unit": row.unit.slug if row.unit else None,
             "name": row.unit.name if row.unit else form.TABLE2_TOTAL_LABEL,
             **{column: getattr(row, column) for column in form.TABLE2_COLUMNS}}
            for row in report.table2
        ],
        "recommendations": report.recommendations,
    }
    return data


def report_json(report: Report, *, drill_down: bool = True) -> bytes:
    return json.dumps(report_json_data(report, drill_down=drill_down), ensure_ascii=False, indent=1).encode()


# --- XLSX --------------------------------------------------------------------------


def report_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    book = Workbook()

    sheet = book.active
    sheet.title = "Bảng 1"
    _xlsx_table1(sheet, report.table1.rows, bold, wrap, title=form.SECTION1_TITLE, unit=report.unit,
                 period=report.period.label)

    sheet2 = book.create_sheet("Bảng 2")
    sheet2.append([form.SECTION2_TITLE])
    sheet2["A1"].font = bold
    sheet2.append(list(form.TABLE2_HEADER[:4]) + [""] + [form.TABLE2_HEADER[4], ""])
    sheet2.append(["", "", ""] + list(form.TABLE2_SUBHEADER))
    for cells in ("A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:G2"):
        sheet2.merge_cells(cells)
    for number, row in enumerate(report.table2, start=1):
        label = row.unit.name if row.unit else form.TABLE2_TOTAL_LABEL
        sheet2.append([number if row.unit else "", label] + [getattr(row, c) for c in form.TABLE2_COLUMNS])
    sheet2.column_dimensions["B"].width = 45

    if report.table1.breakdown:
        sheet3 = book.create_sheet("Chi tiết theo đơn vị")
        sheet3.append(["Đơn vị", "STT", "Nội dung thông tin", "Đúng hạn", "Quá hạn", "Số lượng", "Ghi chú"])
        parts = [(f"{report.unit.name} (Cổng của đơn vị)", report.table1.own_rows)]
        parts += [(child.label, child.rows) for child in report.table1.breakdown]
        for name, rows in parts:
            for row in rows:
                sheet3.append([name, row.line.number, row.line.label]
                              + [_blank(row.value(c)) for c in form.TABLE1_COLUMNS] + [row.note])

    if report.recommendations:
        sheet4 = book.create_sheet("Kiến nghị")
        sheet4.append([form.SECTION3_TITLE])
        for text in report.recommendations:
            sheet4.append([text])

    # The Appendix's "- …" line labels are the form's own text: kept verbatim.
    return workbook_bytes(book, own_text=frozenset(line.label for line in form.TABLE1_LINES))


def _xlsx_table1(sheet, rows, bold, wrap, *, title, unit, period):
    sheet.append([title])
    sheet["A1"].font = bold
    header = list(form.TABLE1_HEADER[:3]) + [""] + list(form.TABLE1_HEADER[3:])
    sheet.append(header)
    sheet.append(["", "", *form.TABLE1_SUBHEADER, "", ""])
    for cells in ("A2:A3", "B2:B3", "C2:D2", "E2:E3", "F2:F3"):
        sheet.merge_cells(cells)
    for row in rows:
        sheet.append([row.line.number, row.line.label] + [_blank(row.value(c)) for c in form.TABLE1_COLUMNS]
                     + [row.note])
        sheet.cell(sheet.max_row, 2).alignment = wrap
        if row.line.number and "." not in row.line.number:
            sheet.cell(sheet.max_row, 2).font = bold
    sheet.column_dimensions["B"].width = 80
    sheet.column_dimensions["F"].width = 30


# --- DOCX --------------------------------------------------------------------------


def report_docx(report: Report, *, number: str = "", place: str = "Bắc Ninh") -> bytes:
    """The report on A4, laid out like the Appendix: national heading, title, both tables,
    recommendations, recipients and signature, in Vietnamese."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)

    def paragraph(text="", *, bold=False, italic=False, align=None, size=None, container=document):
        p = container.add_paragraph()
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        return p

    center = WD_ALIGN_PARAGRAPH.CENTER
    heading = document.add_table(rows=1, cols=2)
    left, right = heading.rows[0].cells
    left.paragraphs[0].add_run(report.unit.name.upper()).bold = True
    left.paragraphs[0].alignment = center
    paragraph(f"Số: {number or '   '}/BC-{report.unit.short_name}", align=center, container=left)
    right.paragraphs[0].add_run(form.NATIONAL_NAME).bold = True
    right.paragraphs[0].alignment = center
    paragraph(form.NATIONAL_MOTTO, bold=True, align=center, container=right)
    day = report.as_of
    paragraph(f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}", italic=True, align=center,
              container=right)

    paragraph(form.REPORT_HEADING, bold=True, align=center, size=14)
    paragraph(form.REPORT_TITLE.format(portal=report.unit.short_name), bold=True, align=center)
    paragraph(form.PERIOD_LINE.format(period=report.period.label), italic=True, align=center)

    paragraph(form.SECTION1_TITLE, bold=True)
    _docx_table1(document, report.table1.rows)
    if report.table1.breakdown:
        paragraph("Chi tiết theo đơn vị (Điều 15 Khoản 5)", italic=True)
        parts = [(f"{report.unit.name} (Cổng của đơn vị)", report.table1.own_rows)]
        parts += [(child.label, child.rows) for child in report.table1.breakdown]
        summary = document.add_table(rows=1, cols=4)
        summary.style = "Table Grid"
        for cell, text in zip(summary.rows[0].cells, ("Đơn vị", "Đúng hạn", "Quá hạn", "Số lượng")):
            cell.paragraphs[0].add_run(text).bold = True
        for name, rows in parts:
            cells = summary.add_row().cells
            cells[0].text = name
            for cell, column in zip(cells[1:], form.TABLE1_COLUMNS):
                cell.text = str(_top_level_sum(rows, column))

    paragraph(form.SECTION2_TITLE, bold=True)
    table = document.add_table(rows=2, cols=7)
    table.style = "Table Grid"
    top, sub = table.rows
    for index, text in enumerate(form.TABLE2_HEADER[:3]):
        top.cells[index].merge(sub.cells[index]).text = text
    top.cells[3].merge(top.cells[4]).text = form.TABLE2_HEADER[3]
    top.cells[5].merge(top.cells[6]).text = form.TABLE2_HEADER[4]
    for index, text in enumerate(form.TABLE2_SUBHEADER, start=3):
        sub.cells[index].text = text
    for number, row in enumerate(report.table2, start=1):
        cells = table.add_row().cells
        cells[0].text = str(number) if row.unit else ""
        cells[1].text = row.unit.name if row.unit else form.TABLE2_TOTAL_LABEL
        for cell, column in zip(cells[2:], form.TABLE2_COLUMNS):
            cell.text = str(getattr(row, column))

    paragraph(form.SECTION3_TITLE, bold=True)
    for text in report.recommendations or [""]:
        paragraph(text)

    closing = document.add_table(rows=1, cols=2)
    recipients, signature = closing.rows[0].cells
    recipients.paragraphs[0].add_run(form.RECIPIENTS[0]).bold = True
    for line in form.RECIPIENTS[1:]:
        paragraph(line, size=11, container=recipients)
    signature.paragraphs[0].add_run(form.SIGNATURE).bold = True
    signature.paragraphs[0].alignment = center

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _top_level_sum(rows: list[LineFigures], column: str) -> int:
    """Items of every numbered top-level line (1 … 14), for the per-unit summary."""
    return sum(row.value(column) or 0 for row in rows if row.line.number and "." not in row.line.number)


def _docx_table1(document, rows: list[LineFigures]):
    table = document.add_table(rows=2, cols=6)
    table.style = "Table Grid"
    top, sub = table.rows
    top.cells[0].merge(sub.cells[0]).text = form.TABLE1_HEADER[0]
    top.cells[1].merge(sub.cells[1]).text = form.TABLE1_HEADER[1]
    top.cells[2].merge(top.cells[3]).text = form.TABLE1_HEADER[2]
    sub.cells[2].text, sub.cells[3].text = form.TABLE1_SUBHEADER
    top.cells[4].merge(sub.cells[4]).text = form.TABLE1_HEADER[3]
    top.cells[5].merge(sub.cells[5]).text = form.TABLE1_HEADER[4]
    for row in rows:
        cells = table.add_row().cells
        cells[0].text = row.line.number
        cells[1].text = row.line.label
        for cell, column in zip(cells[2:5], form.TABLE1_COLUMNS):
            cell.text = str(_blank(row.value(column)))
        cells[5].text = row.note
    return table


def report_render(report: Report, fmt: str) -> bytes:
    if fmt == "json":
        return report_json(report)
    if fmt == "xlsx":
        return report_xlsx(report)
    if fmt == "docx":
        return report_docx(report)
    raise ValueError(fmt)
