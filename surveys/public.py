"""What a survey page does for the public: show the questionnaire, take one response.

One response per browser session (the session remembers the surveys it answered, and
the stored response keeps a hash of the session key), a per-IP limit for scripts that
drop their cookies, and a honeypot. Nothing on the page may be cached: it depends on
the visitor's session and on the clock.
"""

from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from intake.pages import IntakeFormState, IntakePageRefused, PageIntake
from surveys.forms import SurveyForm
from surveys.ratelimit import client_ip, response_rate_check
from surveys.rules import MESSAGE_ALREADY_ANSWERED, MESSAGE_RATE_LIMITED, MESSAGE_THANKS, SurveyState, state_message
from surveys.services import SurveyAlreadyAnswered, SurveyRefused, survey_already_answered, survey_response_submit

# Ids of the surveys this session answered; the stored hash is the authority, this
# spares a query and survives until the session expires.
SESSION_KEY = "surveys_answered"


def session_has_answered(request, page) -> bool:
    if page.pk in request.session.get(SESSION_KEY, []):
        return True
    return survey_already_answered(page=page, session_key=request.session.session_key)


def session_key_ensure(request) -> str:
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key


def session_mark_answered(request, page) -> None:
    # Assigning (not appending in place) marks the session modified, so its cookie is sent.
    request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, []), page.pk]


class SurveyPageIntake(PageIntake):
    """A response posted to a survey page."""

    rate_limited_message = MESSAGE_RATE_LIMITED

    def __init__(self, *, page, request, questions, answered: bool):
        super().__init__(page=page, request=request)
        self.questions, self.answered = questions, answered

    def form_new(self, data=None, files=None, initial=None):
        return SurveyForm(data, questions=self.questions)

    def rate_limited_form(self):
        return self.form_new()  # answers are not typed back into a questionnaire

    def rate_check(self):
        return response_rate_check(self.request)

    def sent_url(self) -> str:
        return self.page.get_url(self.request) + "?sent=1"

    def submit(self, form):
        try:
            return survey_response_submit(
                page=self.page,
                answers=form.raw_answers(),
                session_key=session_key_ensure(self.request),
                client_ip=client_ip(self.request),
            )
        except SurveyAlreadyAnswered as refused:
            session_mark_answered(self.request, self.page)
            self.answered = True
            raise IntakePageRefused(status=409, refusal=refused.message) from refused
        except SurveyRefused as refused:
            raise IntakePageRefused(status=409, refusal=refused.message) from refused
        except ValidationError as error:
            form.add_answer_errors(error.message_dict)
            raise IntakePageRefused() from error

    def taken(self, response) -> None:
        session_mark_answered(self.request, self.page)


def survey_page_serve(*, page, request):
    state = page.state
    questions = list(page.questions.all())
    answered = session_has_answered(request, page)
    outcome = IntakeFormState(form=SurveyForm(questions=questions))
    if request.method == "POST":
        intake = SurveyPageIntake(page=page, request=request, questions=questions, answered=answered)
        outcome = intake.handle()
        if not isinstance(outcome, IntakeFormState):
            return outcome
        answered = intake.answered

    context = page.get_context(request)
    context.update(
        form=outcome.form,
        state=state,
        is_open=state == SurveyState.OPEN,
        state_message=state_message(state=state, opens_at=page.opens_at, closes_at=page.closes_at),
        answered=answered,
        answered_message=MESSAGE_ALREADY_ANSWERED,
        thanks=MESSAGE_THANKS if answered and "sent" in request.GET else "",
        refusal=outcome.refusal,
    )
    response = TemplateResponse(request, page.get_template(request), context, status=outcome.status)
    add_never_cache_headers(response)
    return response
