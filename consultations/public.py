"""The comment form on a consultation page (Điều 8.1.h).

A comment is posted to the page's own URL. ``consultation_comments_serve`` wraps
Wagtail's page serving (the ``on_serve_page`` hook, after Wagtail's view-restriction
check), so ``cms.ConsultationPage`` stays a declarative model: on a valid comment it
redirects back to the page; otherwise it lets the page render, with the refused form
handed to the ``{% consultation_comments %}`` tag through the request.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import redirect

from cms.models import ConsultationPage
from consultations.forms import CommentForm
from consultations.ratelimit import client_ip_hash, comment_rate_check
from consultations.rules import MESSAGE_RATE_LIMITED
from consultations.services import COMMENTER_FIELDS, CommentNotAccepted, ConsultationClosed, comment_submit

SENT_PARAMETER = "comment_sent"
ANCHOR = "#comments"


@dataclass
class CommentFormState:
    """What the tag shows after a refused POST."""

    form: CommentForm
    refusal: str = ""
    status: int = 200


def comment_post_handle(*, page: ConsultationPage, request):
    """A redirect when the comment was taken (or a robot fooled), else the form's state."""
    if not page.is_open:
        return CommentFormState(form=CommentForm(), status=409)
    if not comment_rate_check(request).allowed:
        return CommentFormState(form=CommentForm(initial=request.POST.dict()), refusal=str(MESSAGE_RATE_LIMITED),
                                status=429)
    form = CommentForm(request.POST)
    sent = redirect(f"{page.get_url(request)}?{SENT_PARAMETER}=1{ANCHOR}")
    if form.is_robot:
        return sent  # looks like success to the robot; nothing is stored
    if form.is_valid():
        try:
            comment_submit(
                consultation=page,
                client_ip_hash=client_ip_hash(request),
                **{name: form.cleaned_data[name] for name in COMMENTER_FIELDS},
            )
        except ConsultationClosed:  # the deadline passed while the form was being checked
            return CommentFormState(form=CommentForm(), status=409)
        except CommentNotAccepted as error:
            for name, messages in error.message_dict.items():
                form.add_error(name if name in form.fields else None, messages)
            return CommentFormState(form=form)
        return sent
    return CommentFormState(form=form)


def consultation_comments_serve(callback):
    """``on_serve_page`` hook: take comments posted to a consultation page."""

    def inner(page, request, serve_args, serve_kwargs):
        if request.method != "POST" or not isinstance(page, ConsultationPage):
            return callback(page, request, serve_args, serve_kwargs)
        outcome = comment_post_handle(page=page, request=request)
        if not isinstance(outcome, CommentFormState):
            return outcome
        request.consultation_comment_state = outcome
        response = callback(page, request, serve_args, serve_kwargs)
        response.status_code = outcome.status
        return response

    return inner
