"""The boards' Q&A screens in the Wagtail admin.

Each board sees only the petitions of its agency (and those it forwarded), the
provincial board sees every agency's, overdue first. The actions call the services,
which check the same permissions again, so the admin cannot do what the rules forbid.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from qa import services
from qa.forms import AnswerForm, ClassifyForm, ForwardForm, PublishForm, RefuseForm
from qa.models import PetitionAttachment, PetitionStatus
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


def petition_index(request):
    if not user_uses_qa_admin(request.user):
        raise PermissionDenied
    petitions = petitions_for_user(user=request.user)
    status = request.GET.get("status")
    if status in PetitionStatus.values:
        petitions = petitions.filter(status=status)
    page = Paginator(petitions, PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "qa/admin/index.html",
        {"page_obj": page, "statuses": PetitionStatus.choices, "status": status, "today": timezone.localdate()},
    )


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
        if form.is_valid():
            try:
                service(
                    petition_id=petition.pk, by=request.user, **{name: form.cleaned_data[name] for name in arguments}
                )
            except ValidationError as error:
                for field, field_messages in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, field_messages)
            except services.InvalidTransition:
                messages.error(request, _("This action is no longer possible: the petition has changed."))
                return redirect("qa_admin:detail", pk=petition.pk)
            else:
                messages.success(request, _("Petition %(code)s updated.") % {"code": petition.tracking_code})
                return redirect("qa_admin:detail", pk=petition.pk)

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
