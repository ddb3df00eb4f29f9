"""What a portal's Q&A page does: take a question, look one up, list the answers."""

from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation

from qa.forms import PetitionForm, TrackingLookupForm
from qa.models.petitions import tracking_code_new
from qa.ratelimit import submission_rate_check
from qa.rules import MESSAGE_RATE_LIMITED
from qa.selectors import petition_by_tracking_code, petitions_published
from qa.services import SENDER_FIELDS, PetitionNotAccepted, PetitionNotReceived, petition_submit

# The tracking code survives the redirect after a submission in the session, not in
# the URL, where it would end up in logs and Referer headers.
SESSION_KEY = "qa_submitted_code"
ANSWERS_PER_PAGE = 20


def qa_page_serve(*, page, request):
    unit = page.unit
    status = 200
    form = PetitionForm()
    rate_limited = False
    if request.method == "POST":
        if not submission_rate_check(request).allowed:
            rate_limited, status = True, 429
            form = PetitionForm(initial=request.POST.dict())
        else:
            form = PetitionForm(request.POST, request.FILES)
            if form.is_robot:
                # Looks like success to the robot; nothing is stored (see qa.api).
                request.session[SESSION_KEY] = tracking_code_new()
                return redirect(page.get_url(request) + "?sent=1#sent")
            if form.is_valid():
                data = form.cleaned_data
                try:
                    petition = petition_submit(
                        agency=unit,
                        attachments=data["attachments"],
                        **{name: data[name] for name in SENDER_FIELDS},
                    )
                except PetitionNotAccepted as error:  # e.g. the portal is archived (issue #21)
                    form.add_error(None, error.messages)
                    status = 403
                except PetitionNotReceived as error:
                    # The form comes back filled in, with the reason on top (issue #9
                    # item 4); if the database is still down the page itself cannot be
                    # rendered and the 503 page of security.unavailable answers instead.
                    form.add_error(None, error.message)
                    status = 503
                else:
                    request.session[SESSION_KEY] = petition.tracking_code
                    return redirect(page.get_url(request) + "?sent=1#sent")

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
        form=form,
        rate_limited=rate_limited,
        rate_limited_message=MESSAGE_RATE_LIMITED,
        submitted_code=request.session.pop(SESSION_KEY, None) if "sent" in request.GET else None,
        lookup_form=lookup_form,
        tracked=tracked,
        answers=answers,
    )
    return TemplateResponse(request, page.get_template(request), context, status=status)
