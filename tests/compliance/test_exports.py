"""The report files: DOCX and XLSX carry every Appendix line in order with the JSON's figures."""

import io
import json

from docx import Document
from docx.shared import Cm
from openpyxl import load_workbook

from compliance import report_form as form
from compliance.exports import report_docx, report_json, report_xlsx
from compliance.selectors import report_build
from compliance.services import report_recommendation_create
from mandate.periods import period_parse

H1 = period_parse("2026-H1")


def _blank(value):
    return "" if value is None else str(value)


def test_docx_xlsx_and_json_agree_with_the_appendix(scenario, petitions):
    district = scenario.units["tiendu"]
    report_recommendation_create(unit=district, period="2026-H1", text="Đề nghị bổ sung biên chế cho Ban Biên tập.")
    report = report_build(unit=district, period=H1)
    data = json.loads(report_json(report))

    expected_rows = [
        (row["number"], row["label"], _blank(row["on_time"]), _blank(row["overdue"]), _blank(row["count"]), row["note"])
        for row in data["table1"]
    ]
    assert [label for _, label, *_ in expected_rows] == [line.label for line in form.TABLE1_LINES]
    news = next(row for row in data["table1"] if row["key"] == "2")
    # The overdue draft is not counted (Điều 15.2, issue #20).
    assert (news["on_time"], news["overdue"], news["count"]) == (3, 1, 4)
    assert len(news["items"]["overdue"]) == 1 and all(ref["url"].startswith("https://") for ref in news["items"]["overdue"])
    assert [child["unit"]["slug"] for child in data["breakdown"]] == ["xa-a"]
    assert data["table2"][-1] == {"unit": None, "name": "Tổng cộng", "received": 5, "answered_on_time": 2,
                                  "answered_overdue": 1, "unanswered_not_due": 1, "unanswered_overdue": 1}

    # DOCX: A4, national heading, title, both tables with the Appendix's columns, recommendations.
    document = Document(io.BytesIO(report_docx(report)))
    section = document.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.1) and abs(section.page_height - Cm(29.7)) < Cm(0.1)
    heading = document.tables[0].rows[0].cells[1].text
    assert form.NATIONAL_NAME in heading and form.NATIONAL_MOTTO in heading
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO" in text and "Tiên Du" in text and "6 tháng đầu năm 2026" in text
    assert "Đề nghị bổ sung biên chế cho Ban Biên tập." in text
    table1 = document.tables[1]
    assert [c.text for c in table1.rows[0].cells] == ["STT", "Nội dung thông tin", "Thời gian cập nhật",
                                                      "Thời gian cập nhật", "Số lượng", "Ghi chú"]
    assert [c.text for c in table1.rows[1].cells][2:4] == ["Đúng hạn", "Quá hạn"]
    assert [tuple(c.text for c in row.cells) for row in table1.rows[2:]] == expected_rows
    table2 = next(t for t in document.tables if t.rows[0].cells[1].text == form.TABLE2_HEADER[1])
    assert [c.text for c in table2.rows[1].cells][3:] == list(form.TABLE2_SUBHEADER)
    assert [c.text for c in table2.rows[-1].cells][1:] == ["Tổng cộng", "5", "2", "1", "1", "1"]

    # XLSX: one sheet per table, same lines and figures.
    book = load_workbook(io.BytesIO(report_xlsx(report)))
    assert book.sheetnames[:2] == ["Bảng 1", "Bảng 2"]
    rows = list(book["Bảng 1"].iter_rows(min_row=4, values_only=True))
    assert [(_blank(r[0]), r[1], _blank(r[2]), _blank(r[3]), _blank(r[4]), _blank(r[5])) for r in rows] == expected_rows
    sheet2 = list(book["Bảng 2"].iter_rows(min_row=4, values_only=True))
    assert sheet2[-1][1:] == ("Tổng cộng", 5, 2, 1, 1, 1)
