"""The translators' dashboard in the Wagtail admin: due, overdue and done translations.

Scoped like the API (translations.selectors): a portal's translators and board see its
tasks, the provincial board every portal's. Each row links to wagtail-localize's editor
of the English page, where PO files can also be downloaded and uploaded.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.models import Page

from translations.models import TranslationTaskStatus
from translations.permissions import user_uses_translation_dashboard
from translations.selectors import translation_tasks_for_user

PER_PAGE = 50


def _english_pages(tasks) -> dict:
    """(translation key, locale id) → translated page of each task, in one query."""
    keys = {task.source_page.translation_key for task in tasks}
    locales = {task.locale_id for task in tasks}
    pages = Page.objects.filter(translation_key__in=keys, locale_id__in=locales)
    return {(page.translation_key, page.locale_id): page for page in pages}


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
    rows = [
        {"task": task, "english": english.get((task.source_page.translation_key, task.locale_id))}
        for task in page_obj.object_list
    ]
    return TemplateResponse(
        request,
        "translations/admin/index.html",
        {"page_obj": page_obj, "rows": rows, "statuses": TranslationTaskStatus.choices, "status": status, "today": today},
    )
