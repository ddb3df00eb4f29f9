"""The boards' Q&A screens in the Wagtail admin.

Each board sees only the petitions of its agency (and those it forwarded), the
provincial board sees every agency's, overdue first. The actions call the services,
which check the same permissions again, so the admin cannot do what the rules forbid.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSet

from intake.admin import (
    TRACKED_EXPORT_HEADINGS,
    OverdueRowTable,
    SafeSpreadsheetExportMixin,
    ViewOnlyPermissionPolicy,
    action_form_submit,
    agency_column,
    due_date_column,
    received_at_column,
    status_column,
    tracking_code_column,
)

from qa import services
from qa.forms import AnswerForm, ClassifyForm, ForwardForm, PublishForm, RefuseForm
from qa.models import Petition, PetitionAttachment
from qa.rules import Competence
from qa.permissions import (
    user_can_handle,
    user_can_publish,
    user_can_view_sender,
    user_handling_unit_ids,
    user_sees_all_petitions,
)
from qa.selectors import petitions_for_user

PER_PAGE = 50

# action → (form class, service, arguments taken from the form)
ACTIONS = {
    "classify": (ClassifyForm, services.petition_classify, ("competence", "appointment_date")),
    "forward": (ForwardForm, services.petition_forward, ("to_agency", "note")),
    "answer": (AnswerForm, services.petition_answer, ("answer", "answered_by_name")),
    "publish": (PublishForm, services.petition_publish, ()),
    "refuse": (RefuseForm, services.petition_refuse, ("reason",)),
}


def user_uses_qa_admin(user) -> bool:
    return user_sees_all_petitions(user) or bool(user_handling_unit_ids(user))


class PetitionFilterSet(WagtailFilterSet):
    overdue = django_filters.BooleanFilter(label=_l("Overdue"))

    class Meta:
        model = Petition
        fields = ["status", "competence"]


class PetitionTable(OverdueRowTable):
    overdue_classname = "qa-overdue"


class PetitionIndexView(SafeSpreadsheetExportMixin, IndexView):
    """The petitions a board works on, overdue first (qa.selectors.petitions_for_user).

    The list and its XLSX/CSV carry no personal data: the sender is shown on the
    petition's own screen, to those who may see it (qa.permissions)."""

    model = Petition
    permission_policy = ViewOnlyPermissionPolicy(Petition, may_view=lambda user: user_uses_qa_admin(user))
    index_url_name = "qa_admin:index"
    index_results_url_name = "qa_admin:index_results"
    page_title = _l("Questions and petitions")
    header_icon = "help"
    paginate_by = PER_PAGE
    filterset_class = PetitionFilterSet
    table_class = PetitionTable
    default_ordering = None  # petitions_for_user orders: overdue first, then by due date
    list_export = ["tracking_code", "subject", "field", "agency.short_name", "get_status_display", "received_at",
                   "due_date", "overdue"]
    export_headings = {
        **TRACKED_EXPORT_HEADINGS, "subject": _l("Subject"), "field": pgettext_lazy("subject area", "Field"),
    }
    export_filename = "hoi-dap"

    def get_base_queryset(self):
        # A board sees its own agency's petitions and those it forwarded (tenant isolation).
        return petitions_for_user(user=self.request.user)

    @property
    def columns(self):
        return [
            tracking_code_column("qa_admin:detail"),
            Column("subject", label=_l("Subject")),
            agency_column(),
            status_column(),
            received_at_column(),
            due_date_column(),
        ]


def _available_actions(user, petition) -> list[str]:
    allowed = []
    for action in ACTIONS:
        if petition.status not in services.ALLOWED_FROM[action]:
            continue
        if (user_can_publish if action == "publish" else user_can_handle)(user, petition):
            allowed.append(action)
    return allowed


def _saved_values(action: str, petition) -> dict:
    """What the board saved before, shown again in the action's form (issue #19 item 3):
    the classification stays selected, the answer text stays in its box."""
    if action == "classify":
        # A special case's appointment is its due date (qa.services.petition_classify).
        special = petition.competence == Competence.SPECIAL_APPOINTMENT
        return {"competence": petition.competence, "appointment_date": petition.due_date if special else None}
    if action == "answer":
        return {"answer": petition.answer, "answered_by_name": petition.answered_by_name}
    return {}


def petition_detail(request, pk: int):
    if not user_uses_qa_admin(request.user):
        raise PermissionDenied
    petition = get_object_or_404(petitions_for_user(user=request.user), pk=pk)
    actions = _available_actions(request.user, petition)
    forms = {
        action: ACTIONS[action][0](prefix=action, initial=_saved_values(action, petition)) for action in actions
    }

    if request.method == "POST":
        action = request.POST.get("action")
        if action not in actions:
            raise PermissionDenied
        form_class, service, arguments = ACTIONS[action]
        form = forms[action] = form_class(request.POST, prefix=action)
        done = action_form_submit(
            request,
            form=form,
            call=lambda data: service(
                petition_id=petition.pk, by=request.user, **{name: data[name] for name in arguments}
            ),
            changed_message=_("This action is no longer possible: the petition has changed."),
            done_message=_("Petition %(code)s updated.") % {"code": petition.tracking_code},
            done_url=reverse("qa_admin:detail", args=[petition.pk]),
        )
        if done is not None:
            return done

    return TemplateResponse(
        request,
        "qa/admin/detail.html",
        {
            "petition": petition,
            "show_sender": user_can_view_sender(request.user, petition),
            "forwardings": petition.forwardings.select_related("from_agency", "to_agency"),
            "forms": forms,
            "today": timezone.localdate(),
        },
    )


def petition_attachment(request, pk: int, attachment_pk: int):
    """Attachments are the sender's documents: the same right as their personal data."""
    petition = get_object_or_404(petitions_for_user(user=request.user), pk=pk)
    if not user_can_view_sender(request.user, petition):
        raise PermissionDenied
    attachment = PetitionAttachment.objects.filter(petition=petition, pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


class PetitionViewSet(ViewSet):
    """/admin/qa/: the list (generic), a petition's screen and its attachments (custom)."""

    name = "qa_admin"
    url_prefix = "qa"
    icon = "help"

    def get_urlpatterns(self):
        return [
            path("", PetitionIndexView.as_view(), name="index"),
            path("results/", PetitionIndexView.as_view(results_only=True), name="index_results"),
            path("<int:pk>/", petition_detail, name="detail"),
            path("<int:pk>/attachments/<int:attachment_pk>/", petition_attachment, name="attachment"),
        ]
