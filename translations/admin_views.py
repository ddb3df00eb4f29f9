"""The translators' dashboard in the Wagtail admin: due, overdue and done translations.

Scoped like the API (translations.selectors): a portal's translators and board see its
tasks, the provincial board every portal's. Each row links to wagtail-localize's editor
of the English page, where PO files can also be downloaded and uploaded.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from translations.answers import answer_translation_complete, user_may_translate_answer
from translations.forms import AnswerTranslationForm
from translations.models import AnswerTranslation, TranslationTaskStatus
from translations.operations import mirror_page_submit
from translations.permissions import user_uses_translation_dashboard
from translations.selectors import answer_translations_for_user, translation_tasks_for_user
from workdays.calendar import working_calendar

PER_PAGE = 50


def _english_pages(tasks) -> dict:
    """(translation key, locale id) → translated page of each task, in one query."""
    keys = {task.source_page.translation_key for task in tasks}
    locales = {task.locale_id for task in tasks}
    pages = Page.objects.filter(translation_key__in=keys, locale_id__in=locales)
    return {(page.translation_key, page.locale_id): page for page in pages}


def _working_days_left(rows, *, today) -> None:
    """Each open row's due date in working days from today: positive left, negative late
    (one calendar query for the whole page of rows)."""
    open_rows = [row for row in rows if row.completed_at is None]
    if not open_rows:
        return
    dates = [row.due_date for row in open_rows] + [today]
    calendar = working_calendar(after=min(dates), until=max(dates))
    for row in open_rows:
        row.working_days_left = calendar.between(today, row.due_date)
        row.working_days_late = max(0, -row.working_days_left)


def translation_task_index(request):
    if not user_uses_translation_dashboard(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    status = request.GET.get("status")
    if status not in TranslationTaskStatus.values:
        status = None
    tasks = translation_tasks_for_user(user=request.user, status=status, today=today)
    page_obj = Paginator(tasks, PER_PAGE).get_page(request.GET.get("p"))
    english = _english_pages(page_obj.object_list)
    _working_days_left(page_obj.object_list, today=today)
    rows = [
        {"task": task, "english": english.get((task.source_page.translation_key, task.locale_id))}
        for task in page_obj.object_list
    ]
    answers = list(answer_translations_for_user(user=request.user, status=status, today=today)[:PER_PAGE])
    _working_days_left(answers, today=today)
    return TemplateResponse(
        request,
        "translations/admin/index.html",
        {
            "page_obj": page_obj, "rows": rows, "statuses": TranslationTaskStatus.choices, "status": status,
            "today": today,
            "answers": answers,
        },
    )


def mirror_page_submit_view(request, page_id: int):
    """POST: the translator submits a finished English page for the board's review."""
    if request.method != "POST" or not user_uses_translation_dashboard(request.user):
        raise PermissionDenied
    try:
        mirror_page_submit(page_id=page_id, user=request.user)
    except Page.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("The English page was submitted for review by the editorial board."))
    return redirect("translations_admin:index")


def answer_translation_edit(request, pk: int):
    """The Vietnamese question and answer beside the form for the English answer."""
    if not user_uses_translation_dashboard(request.user):
        raise PermissionDenied
    task = get_object_or_404(AnswerTranslation.objects.select_related("petition", "unit"), pk=pk)
    if not user_may_translate_answer(request.user, task):
        raise PermissionDenied
    form = AnswerTranslationForm(request.POST or None, initial={"subject": task.subject, "answer": task.answer, "signature": task.signature})
    if request.method == "POST" and form.is_valid():
        try:
            answer_translation_complete(answer_translation_id=task.pk, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The English answer is published."))
            return redirect("translations_admin:index")
    return TemplateResponse(request, "translations/admin/answer.html", {"task": task, "form": form})
