"""What a survey page does for the public: show the questionnaire, take one response.

One response per browser session (the session remembers the surveys it answered, and
the stored response keeps a hash of the session key), a per-IP limit for scripts that
drop their cookies, and a honeypot. Nothing on the page may be cached: it depends on
the visitor's session and on the clock.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

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


def survey_page_serve(*, page, request):
    state = page.state
    questions = list(page.questions.all())
    answered = session_has_answered(request, page)
    form = SurveyForm(questions=questions)
    status, refusal = 200, ""

    if request.method == "POST":
        if not response_rate_check(request).allowed:
            status, refusal = 429, str(MESSAGE_RATE_LIMITED)
        else:
            form = SurveyForm(request.POST, questions=questions)
            if form.is_valid() and form.is_robot:
                # Looks like success to the robot; nothing is stored (see surveys.api).
                return redirect(page.get_url(request) + "?sent=1")
            if form.is_valid():
                try:
                    survey_response_submit(
                        page=page,
                        answers=form.raw_answers(),
                        session_key=session_key_ensure(request),
                        client_ip=client_ip(request),
                    )
                except SurveyAlreadyAnswered as refused:
                    session_mark_answered(request, page)
                    answered, status, refusal = True, 409, refused.message
                except SurveyRefused as refused:
                    status, refusal = 409, refused.message
                except ValidationError as error:
                    form.add_answer_errors(error.message_dict)
                else:
                    session_mark_answered(request, page)
                    return redirect(page.get_url(request) + "?sent=1")

    context = page.get_context(request)
    context.update(
        form=form,
        state=state,
        is_open=state == SurveyState.OPEN,
        state_message=state_message(state=state, opens_at=page.opens_at, closes_at=page.closes_at),
        answered=answered,
        answered_message=MESSAGE_ALREADY_ANSWERED,
        thanks=MESSAGE_THANKS if answered and "sent" in request.GET else "",
        refusal=refusal,
    )
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    add_never_cache_headers(response)
    return response
