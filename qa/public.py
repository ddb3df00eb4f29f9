"""What a portal's Q&A page does: take a question, look one up, list the answers."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import translation

from intake.pages import IntakeFormState, IntakePageRefused, PageIntake
from qa.forms import PetitionForm, TrackingLookupForm
from qa.models.petitions import tracking_code_new
from qa.ratelimit import submission_rate_check
from qa.rules import MESSAGE_RATE_LIMITED
from qa.selectors import petition_by_tracking_code, petitions_published
from qa.services import SENDER_FIELDS, PetitionNotAccepted, PetitionNotReceived, petition_submit
from tenants.archive import unit_archived_refusal

# The tracking code survives the redirect after a submission in the session, not in
# the URL, where it would end up in logs and Referer headers.
SESSION_KEY = "qa_submitted_code"
ANSWERS_PER_PAGE = 20


class QuestionPageIntake(PageIntake):
    """A question posted to a portal's Q&A page."""

    rate_limited_message = MESSAGE_RATE_LIMITED

    def form_new(self, data=None, files=None, initial=None):
        return PetitionForm(data, files, initial=initial)

    def rate_check(self):
        return submission_rate_check(self.request)

    def sent_url(self) -> str:
        return self.page.get_url(self.request) + "?sent=1#sent"

    def robot_fooled(self) -> None:
        # Looks like success to the robot: a code that was never stored (see qa.api).
        self.request.session[SESSION_KEY] = tracking_code_new()

    def submit(self, form):
        data = form.cleaned_data
        try:
            return petition_submit(
                agency=self.page.unit, attachments=data["attachments"], **{name: data[name] for name in SENDER_FIELDS}
            )
        except PetitionNotAccepted as error:  # e.g. the portal is archived (issue #21)
            form.add_error(None, error.messages)
            raise IntakePageRefused(status=403) from error
        except PetitionNotReceived as error:
            # The form comes back filled in, with the reason on top (issue #9 item 4); if
            # the database is still down the page itself cannot be rendered and the 503
            # page of security.unavailable answers instead.
            form.add_error(None, error.message)
            raise IntakePageRefused(status=503) from error

    def taken(self, petition) -> None:
        self.request.session[SESSION_KEY] = petition.tracking_code


def qa_page_serve(*, page, request):
    unit = page.unit
    state = IntakeFormState(form=PetitionForm())
    if request.method == "POST":
        outcome = QuestionPageIntake(page=page, request=request).handle()
        if not isinstance(outcome, IntakeFormState):
            return outcome
        state = outcome

    lookup_form = TrackingLookupForm(request.GET if "code" in request.GET else None)
    tracked = None
    if lookup_form.is_bound and lookup_form.is_valid():
        tracked = petition_by_tracking_code(code=lookup_form.cleaned_data["code"])
    answers = Paginator(petitions_published(unit=unit), ANSWERS_PER_PAGE).get_page(request.GET.get("p"))
    # An English reader sees the English answer to a question written in English (Điều 8.2.d).
    language = translation.get_language()
    for petition in [*answers, *([tracked] if tracked else [])]:
        petition.shown_subject, petition.shown_answer = petition.shown_in(language)
        petition.shown_signature = petition.shown_signature(language)

    context = page.get_context(request)
    context.update(
        unit=unit,
        form=state.form,
        rate_limited=state.rate_limited,
        rate_limited_message=MESSAGE_RATE_LIMITED,
        submitted_code=request.session.pop(SESSION_KEY, None) if "sent" in request.GET else None,
        lookup_form=lookup_form,
        tracked=tracked,
        intake_closed=unit_archived_refusal(unit),
        answers=answers,
    )
    return TemplateResponse(request, page.get_template(request), context, status=state.status)
