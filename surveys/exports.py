"""Survey results as files for the requesting agency (Điều 11.3.h): XLSX and DOCX.

The XLSX has a summary sheet (every question with its figures) and a sheet of raw
responses, one row per respondent; the DOCX is the summary as a short report. Both
read ``surveys.selectors`` like the admin screen does. They are written in the
portal's language (Vietnamese) whatever the language of the admin who downloads them:
they are official correspondence with a Vietnamese agency.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from intake.exports import (
    CONTENT_TYPES,  # noqa: F401  moved to intake.exports; kept for callers of this module
    FORMATS,  # noqa: F401
    docx_bytes,
    docx_document,
    docx_table,
    export_render,
    local_datetime_text,
    xlsx_bold_row,
    xlsx_bytes,
    xlsx_workbook,
)
from surveys.models import SurveyPage
from surveys.rules import CHOICE_KINDS, QuestionKind
from surveys.selectors import SurveyResults, survey_response_rows, survey_results


def export_filename(page: SurveyPage, fmt: str) -> str:
    return f"ket-qua-khao-sat-{page.pk}-{slugify(page.slug)[:40]}.{fmt}"


def _facts(results: SurveyResults) -> list[tuple[str, str]]:
    page = results.page
    return [
        (_("Survey"), page.title),
        (_("Requesting agency"), page.requesting_agency_label),
        (_("Open for answers"), f"{local_datetime_text(page.opens_at)} – {local_datetime_text(page.closes_at)}"),
        (_("Responses"), str(results.responses)),
        (_("Compiled at"), local_datetime_text(timezone.now())),
    ]


def _kind_label(kind: str) -> str:
    return str(QuestionKind(kind).label)


# --- XLSX --------------------------------------------------------------------------


def survey_results_xlsx(page: SurveyPage) -> bytes:
    return survey_results_render(page, "xlsx")


def _xlsx(results: SurveyResults, questions, rows) -> bytes:
    from openpyxl.styles import Alignment, Font

    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    book = xlsx_workbook()

    summary = book.active
    summary.title = _("Summary")[:31]
    for label, value in _facts(results):
        summary.append([label, value])
        summary.cell(summary.max_row, 1).font = bold
    summary.append([])
    summary.append([_("No."), _("Question"), _("Kind"), _("Answer"), _("Count"), _("Percentage")])
    xlsx_bold_row(summary)
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
    xlsx_bold_row(raw, 1)
    for number, (response, values) in enumerate(rows, start=1):
        raw.append([number, local_datetime_text(response.submitted_at)] + list(values))

    return xlsx_bytes(book)


# --- DOCX --------------------------------------------------------------------------


def survey_results_docx(page: SurveyPage) -> bytes:
    return survey_results_render(page, "docx")


def _docx(results: SurveyResults) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx_document(margins_cm=(3, 2, None, None), font_size=13)

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
            docx_table(
                document,
                header=(_("Answer"), _("Count"), _("Percentage")),
                rows=[(option.label, str(option.count), f"{option.percent:g}") for option in result.options],
            )
            if result.mean is not None:
                document.add_paragraph(f"{_('Mean level')}: {result.mean:g}")
        else:
            for text in result.texts:
                document.add_paragraph(text, style="List Bullet")
            if not result.texts:
                document.add_paragraph(_("No answers."))

    return docx_bytes(document)


def survey_results_render(page: SurveyPage, fmt: str) -> bytes:
    return export_render(
        {"xlsx": lambda: _xlsx(survey_results(page), *survey_response_rows(page)),
         "docx": lambda: _docx(survey_results(page))},
        fmt,
    )
