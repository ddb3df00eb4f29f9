"""The boards' moderation screens in the Wagtail admin.

A board sees the consultations of its own portal, the provincial board every
portal's; each consultation's comments (with the commenters' contact details) can be
published or rejected and exported for the drafting agency. The actions call the
services, which check the same permission again.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from consultations import services
from consultations.exports import comments_export, export_filename
from consultations.forms import ModerationForm
from consultations.models import CommentStatus, ConsultationComment
from consultations.permissions import user_moderates_comments
from consultations.selectors import comments_for_export, consultations_for_user
from intake.exports import FORMATS, export_response

ACTIONS = {"publish": services.comment_publish, "reject": services.comment_reject}


def _consultation(request, page_id: int):
    if not user_moderates_comments(request.user):
        raise PermissionDenied
    # A consultation of another portal is not found, as in the Q&A screens.
    return get_object_or_404(consultations_for_user(user=request.user), pk=page_id)


def consultation_index(request):
    if not user_moderates_comments(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request, "consultations/admin/index.html", {"consultations": consultations_for_user(user=request.user)}
    )


def consultation_comments(request, page_id: int):
    consultation = _consultation(request, page_id)
    form = ModerationForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ACTIONS:
            raise PermissionDenied
        comment = get_object_or_404(ConsultationComment, consultation=consultation, pk=request.POST.get("comment"))
        form = ModerationForm(request.POST)
        if form.is_valid():
            try:
                ACTIONS[action](comment_id=comment.pk, by=request.user, note=form.cleaned_data["note"])
            except ValidationError as error:
                for message in error.message_dict.get("note", []):
                    messages.error(request, message)
            else:
                messages.success(request, _("Comment by %(name)s updated.") % {"name": comment.commenter_name})
            return redirect("consultations_admin:detail", page_id=consultation.pk)
    comments = comments_for_export(consultation=consultation).select_related("moderated_by")
    status = request.GET.get("status")
    if status in CommentStatus.values:
        comments = comments.filter(status=status)
    return TemplateResponse(
        request,
        "consultations/admin/detail.html",
        {
            "consultation": consultation,
            "comments": comments,
            "statuses": CommentStatus.choices,
            "status": status,
            "form": form,
            "formats": FORMATS,
        },
    )


def consultation_export(request, page_id: int, fmt: str):
    consultation = _consultation(request, page_id)
    return export_response(
        fmt=fmt, filename=export_filename(consultation, fmt), render=lambda fmt: comments_export(consultation, fmt)
    )
