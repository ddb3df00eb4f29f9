"""What the portal's request page does: take a request, and show a request to whoever
holds its code and secret (the answer text and its files)."""

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from information_requests.forms import InformationRequestForm, LookupForm
from information_requests.rules import INTAKE_FIELDS
from information_requests.selectors import information_request_for_requester, portal_answers_for
from information_requests.services import InformationRequestNotAccepted, information_request_submit, secret_new
from information_requests.shared import tracking_code_new
from intake.ratelimit import RateDecision, client_window_check
from tenants.archive import unit_archived_refusal

# The code and secret survive the redirect after sending in the session, never in the URL.
SESSION_KEY = "information_request_receipt"
MESSAGE_RATE_LIMITED = _("Too many requests have been sent from your connection. Please try again later.")
MESSAGE_LOOKUP_FAILED = _("No request has this tracking code and secret.")


def submission_rate_check(request, *, kind: str = "submissions") -> RateDecision:
    """Q&A's per-address window under this app's own keys (``submissions``, ``lookups``),
    so that neither budget eats into Q&A's nor into the other."""
    return client_window_check(
        request,
        scope=f"information_requests:{kind}",
        limit=settings.QA_SUBMISSIONS_PER_IP,
        window=settings.QA_SUBMISSIONS_WINDOW_SECONDS,
    )


def information_request_page_serve(*, page, request):
    unit = page.unit
    status = 200
    form = InformationRequestForm()
    rate_limited = False
    lookup_form = LookupForm()
    found = None
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "send":
        if not submission_rate_check(request).allowed:
            rate_limited, status = True, 429
            form = InformationRequestForm(initial=request.POST.dict())
        else:
            form = InformationRequestForm(request.POST)
            if form.is_robot:
                # Looks like success to the robot; nothing is stored.
                request.session[SESSION_KEY] = [tracking_code_new(), secret_new()]
                return redirect(page.get_url(request) + "?sent=1#sent")
            if form.is_valid():
                try:
                    receipt = information_request_submit(
                        agency=unit, **{name: form.cleaned_data[name] for name in INTAKE_FIELDS}
                    )
                except InformationRequestNotAccepted as error:
                    for name, messages in error.message_dict.items():
                        form.add_error(name, messages)
                else:
                    request.session[SESSION_KEY] = [receipt.information_request.tracking_code, receipt.secret]
                    return redirect(page.get_url(request) + "?sent=1#sent")
    elif action in ("lookup", "file"):
        lookup_form = LookupForm(request.POST)
        if action == "lookup" and not submission_rate_check(request, kind="lookups").allowed:
            lookup_form = LookupForm()
            lookup_form.rate_limited, status = True, 429
        elif lookup_form.is_valid():
            found = information_request_for_requester(
                code=lookup_form.cleaned_data["code"], secret=lookup_form.cleaned_data["secret"]
            )
            if found is not None and not portal_answers_for(information_request=found, unit=unit):
                found = None  # each portal answers for its own agency's requests (and those it handed over)
            if found is not None and action == "file":
                return _file_response(found, request.POST.get("file"))
            if found is None:
                lookup_form.add_error(None, MESSAGE_LOOKUP_FAILED)
                status = 404

    receipt = request.session.pop(SESSION_KEY, None) if "sent" in request.GET else None
    context = page.get_context(request)
    context.update(
        unit=unit,
        form=form,
        rate_limited=rate_limited,
        rate_limited_message=MESSAGE_RATE_LIMITED,
        receipt=receipt,
        lookup_form=lookup_form,
        found=found,
        intake_closed=unit_archived_refusal(unit),
    )
    return TemplateResponse(request, page.get_template(request), context, status=status)


def _file_response(found, file_id):
    if found.status != "answered" or not str(file_id or "").isdigit():
        raise Http404
    item = found.files.filter(pk=int(file_id)).first()
    if item is None:
        raise Http404
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)
