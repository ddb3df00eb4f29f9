"""Survey results as files for the requesting agency (Điều 11.3.h): XLSX and DOCX.

The XLSX has a summary sheet (every question with its figures) and a sheet of raw
responses, one row per respondent; the DOCX is the summary as a short report. Both
read ``surveys.selectors`` like the admin screen does. They are written in the
portal's language (Vietnamese) whatever the language of the admin who downloads them:
they are official correspondence with a Vietnamese agency.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from security.spreadsheets import workbook_bytes
from surveys.models import SurveyPage
from surveys.rules import CHOICE_KINDS, QuestionKind
from surveys.selectors import SurveyResults, survey_response_rows, survey_results

FORMATS = ("xlsx", "docx")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
DATETIME_FORMAT = "%H:%M %d/%m/%Y"


def export_filename(page: SurveyPage, fmt: str) -> str:
    return f"ket-qua-khao-sat-{page.pk}-{slugify(page.slug)[:40]}.{fmt}"


def _when(moment) -> str:
    return timezone.localtime(moment).strftime(DATETIME_FORMAT) if moment else ""


def _facts(results: SurveyResults) -> list[tuple[str, str]]:
    page = results.page
    return [
        (_("Survey"), page.title),
        (_("Requesting agency"), page.requesting_agency_label),
        (_("Open for answers"), f"{_when(page.opens_at)} – {_when(page.closes_at)}"),
        (_("Responses"), str(results.responses)),
        (_("Compiled at"), _when(timezone.now())),
    ]


def _kind_label(kind: str) -> str:
    return str(QuestionKind(kind).label)


# --- XLSX --------------------------------------------------------------------------


def survey_results_xlsx(page: SurveyPage) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        return _xlsx(survey_results(page), *survey_response_rows(page))


def _xlsx(results: SurveyResults, questions, rows) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    book = Workbook()

    summary = book.active
    summary.title = _("Summary")[:31]
    for label, value in _facts(results):
        summary.append([label, value])
        summary.cell(summary.max_row, 1).font = bold
    summary.append([])
    summary.append([_("No."), _("Question"), _("Kind"), _("Answer"), _("Count"), _("Percentage")])
    for cell in summary[summary.max_row]:
        cell.font = bold
    for result in results.questions:
        question = result.question
        summary.append([result.number, question.text, _kind_label(question.kind), _("Respondents who answered"),
                        result.answered, None])
        summary.cell(summary.max_row, 2).alignment = wrap
        summary.cell(summary.max_row, 2).font = bold
        for option in result.options:
            summary.append([None, None, None, option.label, option.count, option.percent])
        if result.mean is not None:
            summary.append([None, None, None, _("Mean level"), result.mean, None])
        for text in result.texts:
            summary.append([None, None, None, text, None, None])
            summary.cell(summary.max_row, 4).alignment = wrap
    summary.column_dimensions["B"].width = 50
    summary.column_dimensions["D"].width = 50

    raw = book.create_sheet(_("Responses")[:31])
    raw.append([_("No."), _("Submitted at")] + [f"{number}. {q.text}" for number, q in enumerate(questions, 1)])
    for cell in raw[1]:
        cell.font = bold
    for number, (response, values) in enumerate(rows, start=1):
        raw.append([number, _when(response.submitted_at)] + list(values))

    return workbook_bytes(book)


# --- DOCX --------------------------------------------------------------------------


def survey_results_docx(page: SurveyPage) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        return _docx(survey_results(page))


def _docx(results: SurveyResults) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)

    title = document.add_paragraph()
    title.add_run(_("SURVEY RESULTS")).bold = True
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    name = document.add_paragraph()
    name.add_run(results.page.title).bold = True
    name.alignment = WD_ALIGN_PARAGRAPH.CENTER

    facts = document.add_table(rows=0, cols=2)
    facts.style = "Table Grid"
    for label, value in _facts(results):
        cells = facts.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value

    for result in results.questions:
        question = result.question
        heading = document.add_paragraph()
        heading.add_run(f"{_('Question')} {result.number}. {question.text}").bold = True
        document.add_paragraph(
            f"{_kind_label(question.kind)} · {_('Respondents who answered')}: {result.answered}"
        ).runs[0].italic = True
        if question.kind in CHOICE_KINDS or question.kind == QuestionKind.SCALE:
            table = document.add_table(rows=1, cols=3)
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, (_("Answer"), _("Count"), _("Percentage"))):
                cell.paragraphs[0].add_run(text).bold = True
            for option in result.options:
                cells = table.add_row().cells
                cells[0].text, cells[1].text, cells[2].text = option.label, str(option.count), f"{option.percent:g}"
            if result.mean is not None:
                document.add_paragraph(f"{_('Mean level')}: {result.mean:g}")
        else:
            for text in result.texts:
                document.add_paragraph(text, style="List Bullet")
            if not result.texts:
                document.add_paragraph(_("No answers."))

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def survey_results_render(page: SurveyPage, fmt: str) -> bytes:
    if fmt == "xlsx":
        return survey_results_xlsx(page)
    if fmt == "docx":
        return survey_results_docx(page)
    raise ValueError(fmt)
