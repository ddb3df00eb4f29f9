"""The provincial board's survey screens in the Wagtail admin (Điều 11.3.h).

A list of every survey with its state and number of responses; per survey its
results with bar charts, and the XLSX and DOCX files to send to the requesting
agency. Every view asks ``surveys.permissions`` first.
"""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from intake.exports import FORMATS, export_response
from surveys.exports import export_filename, survey_results_render
from surveys.models import SurveyPage
from surveys.permissions import survey_results_check, user_can_view_results
from surveys.selectors import survey_results, surveys_with_counts

user_uses_surveys_admin = user_can_view_results


def survey_index(request):
    survey_results_check(user=request.user)
    return TemplateResponse(request, "surveys/admin/index.html", {"surveys": surveys_with_counts()})


def survey_results_view(request, pk: int):
    survey_results_check(user=request.user)
    page = get_object_or_404(SurveyPage, pk=pk)
    return TemplateResponse(
        request, "surveys/admin/results.html", {"page": page, "results": survey_results(page), "formats": FORMATS}
    )


def survey_results_export(request, pk: int, fmt: str):
    survey_results_check(user=request.user)
    page = get_object_or_404(SurveyPage, pk=pk)
    return export_response(
        fmt=fmt, filename=export_filename(page, fmt), render=lambda fmt: survey_results_render(page, fmt)
    )
