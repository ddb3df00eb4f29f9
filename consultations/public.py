"""The comment form on a consultation page (Điều 8.1.h).

A comment is posted to the page's own URL. ``consultation_comments_serve`` wraps
Wagtail's page serving (the ``on_serve_page`` hook, after Wagtail's view-restriction
check), so ``cms.ConsultationPage`` stays a declarative model: on a valid comment it
redirects back to the page; otherwise it lets the page render, with the refused form
handed to the ``{% consultation_comments %}`` tag through the request.
"""

from __future__ import annotations

from cms.models import ConsultationPage
from consultations.forms import CommentForm
from consultations.ratelimit import client_ip_hash, comment_rate_check
from consultations.rules import MESSAGE_RATE_LIMITED
from consultations.services import COMMENTER_FIELDS, CommentNotAccepted, ConsultationClosed, comment_submit
from intake.pages import IntakeFormState, IntakePageRefused, PageIntake

SENT_PARAMETER = "comment_sent"
ANCHOR = "#comments"


# What the tag shows after a refused POST (the intake's form state).
CommentFormState = IntakeFormState


class CommentPageIntake(PageIntake):
    """A comment posted to a consultation page."""

    rate_limited_message = MESSAGE_RATE_LIMITED

    def form_new(self, data=None, files=None, initial=None):
        return CommentForm(data, initial=initial)

    def rate_check(self):
        return comment_rate_check(self.request)

    def precheck(self) -> None:
        if not self.page.is_open:
            raise IntakePageRefused(status=409, form=CommentForm())

    def sent_url(self) -> str:
        return f"{self.page.get_url(self.request)}?{SENT_PARAMETER}=1{ANCHOR}"

    def submit(self, form):
        try:
            return comment_submit(
                consultation=self.page,
                client_ip_hash=client_ip_hash(self.request),
                **{name: form.cleaned_data[name] for name in COMMENTER_FIELDS},
            )
        except ConsultationClosed as closed:  # the deadline passed while the form was being checked
            raise IntakePageRefused(status=409, form=CommentForm()) from closed
        except CommentNotAccepted as error:
            for name, messages in error.message_dict.items():
                form.add_error(name if name in form.fields else None, messages)
            raise IntakePageRefused() from error


def comment_post_handle(*, page: ConsultationPage, request):
    """A redirect when the comment was taken (or a robot fooled), else the form's state."""
    return CommentPageIntake(page=page, request=request).handle()


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
