"""The files for the requesting agency open and carry the same figures as the screen."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from surveys.exports import survey_results_docx, survey_results_xlsx
from tests.surveys.helpers import responses_known_set

pytestmark = pytest.mark.django_db


def test_xlsx_has_a_summary_and_the_raw_responses(survey):
    responses_known_set(survey)
    book = load_workbook(io.BytesIO(survey_results_xlsx(survey)))

    summary, raw = book.worksheets
    rows = [tuple(row) for row in summary.iter_rows(values_only=True)]
    assert (None, None, None, "Điện thoại", 3, 75) in rows
    assert (None, None, None, "Hộ tịch", 3, 75) in rows
    assert (None, None, None, "4", 2, 50) in rows
    assert any(row[3] and row[4] == 3.75 for row in rows)  # the scale's mean
    assert (None, None, None, "Cần hướng dẫn rõ hơn.", None, None) in rows
    assert any(row[1] == survey.title for row in rows)
    assert any(row[1] == "4" for row in rows)  # number of responses among the facts

    raw_rows = list(raw.iter_rows(values_only=True))
    assert len(raw_rows) == 1 + 4
    assert raw_rows[1][0] == 1 and raw_rows[1][2:] == ("Điện thoại", "Hộ tịch; Đất đai", 5, "Thủ tục nhanh gọn.")


def test_docx_summary_has_each_question_and_its_figures(survey):
    responses_known_set(survey)
    document = Document(io.BytesIO(survey_results_docx(survey)))

    text = "\n".join(p.text for p in document.paragraphs)
    for question in survey.questions.all():
        assert question.text in text
    assert "3.75" in text
    assert "Thủ tục nhanh gọn." in text
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["Điện thoại", "3", "75"] in cells
    assert ["Đất đai", "2", "50"] in cells
    assert ["2", "1", "25"] in cells
    assert any(row[1] == survey.title for row in cells)
