"""The boards' moderation screens in the Wagtail admin.

A board sees the consultations of its own portal, the provincial board every
portal's: the list is Wagtail's generic ``IndexView`` (filters, XLSX/CSV of the list,
breadcrumbs, a permission policy asking ``consultations.permissions``); each
consultation's comments (with the commenters' contact details) can be published or
rejected and exported for the drafting agency on a custom screen. The actions call
the services, which check the same permission again.
"""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSet

from consultations import services
from consultations.exports import comments_export, export_filename
from consultations.forms import ModerationForm
from cms.models import ConsultationPage
from consultations.models import CommentStatus, ConsultationComment
from consultations.permissions import user_moderates_comments
from consultations.selectors import comments_for_export, consultations_for_user
from intake.admin import SafeSpreadsheetExportMixin, ViewOnlyPermissionPolicy, admin_datetime_text
from intake.exports import FORMATS, export_response

ACTIONS = {"publish": services.comment_publish, "reject": services.comment_reject}


def _consultation(request, page_id: int):
    if not user_moderates_comments(request.user):
        raise PermissionDenied
    # A consultation of another portal is not found, as in the Q&A screens.
    return get_object_or_404(consultations_for_user(user=request.user), pk=page_id)


class ConsultationFilterSet(WagtailFilterSet):
    is_open = django_filters.BooleanFilter(label=_("Taking comments"), method="filter_is_open")

    class Meta:
        model = ConsultationPage
        fields = []

    def filter_is_open(self, queryset, name, value):
        # consultations.rules.consultation_accepts_comments as a query: until the deadline (excluded).
        now = timezone.now()
        return queryset.filter(comment_deadline__gt=now) if value else queryset.filter(comment_deadline__lte=now)


def _deadline(consultation) -> str:
    deadline = admin_datetime_text(consultation.comment_deadline)
    return deadline if consultation.is_open else f"{deadline} ({_('Closed')})"


class ConsultationIndexView(SafeSpreadsheetExportMixin, IndexView):
    model = ConsultationPage
    permission_policy = ViewOnlyPermissionPolicy(ConsultationPage, may_view=user_moderates_comments)
    index_url_name = "consultations_admin:index"
    index_results_url_name = "consultations_admin:index_results"
    page_title = gettext_lazy("Consultation comments")
    header_icon = "comment"
    context_object_name = "consultations"
    paginate_by = 50
    filterset_class = ConsultationFilterSet
    # The search index does not carry the board filter of this list: filters, no search box.
    is_searchable = False
    default_ordering = None  # consultations_for_user orders: awaiting moderation first
    list_export = ["draft_name", "unit.short_name", "comment_deadline", "pending_count", "published_count",
                   "rejected_count"]
    export_headings = {
        "draft_name": pgettext_lazy("consultation", "Draft"), "unit.short_name": gettext_lazy("Portal"),
        "comment_deadline": gettext_lazy("Comment deadline"), "pending_count": gettext_lazy("Awaiting moderation"),
        "published_count": pgettext_lazy("consultation comment", "Published"),
        "rejected_count": pgettext_lazy("consultation comment", "Rejected"),
    }
    export_filename = "gop-y-du-thao"

    def get_base_queryset(self):
        # A board sees its own portal's consultations only (tenant isolation).
        return consultations_for_user(user=self.request.user)

    @property
    def columns(self):
        return [
            TitleColumn("draft_name", label=pgettext_lazy("consultation", "Draft"),
                        get_url=lambda c: reverse("consultations_admin:detail", args=[c.pk])),
            Column("unit", label=gettext_lazy("Portal"), accessor="unit.short_name"),
            Column("comment_deadline", label=gettext_lazy("Comment deadline"), accessor=_deadline),
            Column("pending_count", label=gettext_lazy("Awaiting moderation")),
            Column("published_count", label=pgettext_lazy("consultation comment", "Published")),
            Column("rejected_count", label=pgettext_lazy("consultation comment", "Rejected")),
        ]


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


class ConsultationCommentsViewSet(ViewSet):
    """/admin/consultations/: the list (generic), a consultation's comments and their files (custom)."""

    name = "consultations_admin"
    url_prefix = "consultations"
    icon = "comment"

    def get_urlpatterns(self):
        return [
            path("", ConsultationIndexView.as_view(), name="index"),
            path("results/", ConsultationIndexView.as_view(results_only=True), name="index_results"),
            path("<int:page_id>/", consultation_comments, name="detail"),
            path("<int:page_id>/export.<str:fmt>", consultation_export, name="export"),
        ]
