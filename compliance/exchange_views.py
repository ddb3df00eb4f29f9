"""Admin screens of Điều 9.4 (republication, submissions) and Điều 10.4 (the archive).

The views only parse the request and call the services of ``compliance.republication``
and ``compliance.archiving``, whose actions check permissions: a refusal there is a
``PermissionDenied`` (403) here too.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Page

from compliance import archiving, republication
from compliance.models import ArchivedItem, Republication, Submission, SubmissionStatus
from compliance.permissions import compliance_units_for_user, user_on_provincial_board
from tenants.models import Unit, UnitKind


def _error(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def republish_view(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id).specific
    action = republication.MarkForRepublicationAction(page, user=request.user)
    try:
        action.check()
    except ValidationError as error:
        _error(request, error)
        return redirect("wagtailadmin_pages:edit", page.pk)
    if request.method == "POST":
        targets = request.POST.getlist("targets") or None
        try:
            created = republication.republication_mark(page=page, user=request.user, targets=targets)
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(request, _("'%(title)s' was republished on %(count)s component portals.")
                             % {"title": page.title, "count": len(created)})
        return redirect("wagtailadmin_pages:edit", page.pk)
    units = Unit.objects.filter(site__isnull=False).exclude(kind=UnitKind.PROVINCE).order_by("kind", "name")
    done = set(Republication.objects.filter(source_page=page).values_list("target_unit_id", flat=True))
    return TemplateResponse(request, "compliance/admin/republish.html", {
        "page": page, "units": units, "done": done,
    })


def submit_view(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id).specific
    try:
        republication.SendSubmissionAction(page, user=request.user).check()
    except ValidationError as error:
        _error(request, error)
        return redirect("wagtailadmin_pages:edit", page.pk)
    if request.method == "POST":
        republication.submission_send(page=page, user=request.user)
        messages.success(request, _("'%(title)s' was sent to the provincial portal.") % {"title": page.title})
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, "compliance/admin/submit.html", {"page": page})


def submissions_view(request):
    """The provincial board decides; a component board sees what it sent."""
    deciding = user_on_provincial_board(request.user)
    if request.method == "POST":
        submission = get_object_or_404(Submission, pk=request.POST.get("submission"))
        try:
            if request.POST.get("decision") == "accept":
                republication.submission_accept(submission=submission, user=request.user)
                messages.success(request, _("'%(title)s' was published on the provincial portal.")
                                 % {"title": submission.title})
            else:
                republication.submission_decline(submission=submission, user=request.user,
                                                 reason=request.POST.get("reason", ""))
                messages.success(request, _("'%(title)s' was declined.") % {"title": submission.title})
        except ValidationError as error:
            _error(request, error)
        return redirect("compliance_exchange:submissions")
    submissions = Submission.objects.select_related("source_unit", "submitted_by", "decided_by")
    if not deciding:
        submissions = submissions.filter(source_unit__in=list(compliance_units_for_user(request.user)))
    return TemplateResponse(request, "compliance/admin/submissions.html", {
        "pending": submissions.filter(status=SubmissionStatus.PENDING),
        "decided": submissions.exclude(status=SubmissionStatus.PENDING)[:50],
        "deciding": deciding,
    })


def archive_view(request):
    if request.method == "POST":
        item = get_object_or_404(ArchivedItem, pk=request.POST.get("item"))
        try:
            if request.POST.get("operation") == "purge":
                archiving.archived_item_purge(item=item, user=request.user)
                messages.success(request, _("'%(title)s' was purged.") % {"title": item.page_title})
            else:
                archiving.archived_item_restore(item=item, user=request.user)
                messages.success(request, _("'%(title)s' was restored and published again.")
                                 % {"title": item.page_title})
        except ValidationError as error:
            _error(request, error)
        return redirect("compliance_exchange:archive")
    items = ArchivedItem.objects.select_related("unit", "archived_by", "restored_by", "purged_by")
    if not request.user.is_superuser:
        items = items.filter(unit__in=list(compliance_units_for_user(request.user)))
    rows = [(item, archiving.archived_item_can_restore(item=item, user=request.user)) for item in items[:200]]
    return TemplateResponse(request, "compliance/admin/archive.html", {
        "rows": rows, "can_purge": request.user.is_superuser,
    })
