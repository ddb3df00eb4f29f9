"""``{% consultation_comments %}``: the published comments and the comment form, or the
notice that comments are closed, on a consultation page (cms/consultation_page.html)."""

from django import template

from consultations.forms import CommentForm
from consultations.public import SENT_PARAMETER
from consultations.rules import MESSAGE_RECEIVED, closed_message
from consultations.selectors import comments_published

register = template.Library()


@register.inclusion_tag("consultations/includes/comments.html", takes_context=True)
def consultation_comments(context):
    page, request = context["page"], context.get("request")
    state = getattr(request, "consultation_comment_state", None)
    is_open = page.is_open
    return {
        "page": page,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "is_open": is_open,
        "closed_message": "" if is_open else closed_message(page),
        "form": state.form if state else CommentForm(),
        "refusal": state.refusal if state else "",
        "received_message": MESSAGE_RECEIVED if request and SENT_PARAMETER in request.GET else "",
        # A draft page in preview has no pk-bound comments worth querying.
        "comments": comments_published(consultation=page) if page.pk else [],
    }
