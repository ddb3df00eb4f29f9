"""E-mails about petitions. They are sent after the transaction that stored the change
commits (``transaction.on_commit``; the receipt through the task queue, ``qa.tasks``).
A failing mail server is tried again a few times, then logged, never raised: a
petition is never lost nor stored twice because a mail could not be sent, and each
mail is retried on its own, so one that went out is not sent twice.
"""

from __future__ import annotations

import logging
from time import sleep

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qa.models import Petition
from qa.permissions import HANDLING_ROLES
from tenants.membership import board_emails as membership_board_emails

logger = logging.getLogger(__name__)

RECEIPT_MAIL_BODY = gettext_lazy(
    "The portal received your question.\n"
    "Tracking code: %(code)s. Use it on the portal's questions and answers page to follow your question.\n"
    "If you did not send a question, please ignore this e-mail."
)


def board_emails(*, unit_id: int) -> list[str]:
    """E-mail addresses of the active head, deputy and members of a unit's board."""
    return membership_board_emails(unit_id=unit_id, roles=HANDLING_ROLES)


# Seconds to wait before each new try of a mail that failed: a mail server restarting
# or a short network cut. Longer outages are logged for the board to follow up.
MAIL_RETRY_DELAYS_SECONDS = (2, 10)


def mail_send_safely(*, subject: str, body: str, to: list[str], context: str) -> bool:
    """Send one mail, trying again after each of MAIL_RETRY_DELAYS_SECONDS; False (and a
    log line) instead of an exception when every try failed."""
    if not to:
        return False
    for delay in (0, *MAIL_RETRY_DELAYS_SECONDS):
        if delay:
            sleep(delay)
        try:
            send_mail(subject, body, None, to)
        except Exception as error:  # any transport error: the petition is already stored
            logger.warning("Q&A mail attempt failed (%s) to %s: %s", context, ", ".join(to), error)
            continue
        return True
    attempts = 1 + len(MAIL_RETRY_DELAYS_SECONDS)
    logger.error("Q&A mail failed (%s) to %s after %s attempts", context, ", ".join(to), attempts)
    return False


def _admin_url(petition: Petition) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("qa_admin:detail", args=[petition.pk])


def petition_received_notify(*, petition_id: int) -> None:
    """Tell the agency's board a petition arrived, and the sender its tracking code."""
    petition = Petition.objects.select_related("agency").get(pk=petition_id)
    with translation.override(settings.LANGUAGE_CODE):
        mail_send_safely(
            subject=_("New question %(code)s, due %(due)s")
            % {"code": petition.tracking_code, "due": petition.due_date},
            body=_("A question was received for %(agency)s: %(subject)s\n%(url)s")
            % {"agency": petition.agency, "subject": petition.subject, "url": _admin_url(petition)},
            to=board_emails(unit_id=petition.agency_id),
            context=f"received {petition.tracking_code} board",
        )
        if petition.sender_email:
            # Anyone may type any address in the form, so this mail carries no text the
            # sender wrote (subject, name …): only our fixed wording and the tracking code,
            # or the portal would relay whatever a spammer puts in the subject (issue #16).
            mail_send_safely(
                subject=_("Your question was received: %(code)s") % {"code": petition.tracking_code},
                body=str(RECEIPT_MAIL_BODY) % {"code": petition.tracking_code},
                to=[petition.sender_email],
                context=f"received {petition.tracking_code} sender",
            )


def petition_forwarded_notify(*, petition_id: int) -> None:
    petition = Petition.objects.select_related("agency").get(pk=petition_id)
    with translation.override(settings.LANGUAGE_CODE):
        mail_send_safely(
            subject=_("Question %(code)s forwarded to %(agency)s")
            % {"code": petition.tracking_code, "agency": petition.agency},
            body=_("Please answer by %(due)s.\n%(url)s") % {"due": petition.due_date, "url": _admin_url(petition)},
            to=board_emails(unit_id=petition.agency_id),
            context=f"forwarded {petition.tracking_code}",
        )


def petition_sender_notify(*, petition_id: int) -> None:
    """Tell the sender the answer is published or the petition was refused."""
    petition = Petition.objects.select_related("agency").get(pk=petition_id)
    if not petition.sender_email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        if petition.refused_at:
            subject = _("Your question %(code)s was not accepted") % {"code": petition.tracking_code}
            body = petition.refusal_reason
        else:
            subject = _("Your question %(code)s has been answered") % {"code": petition.tracking_code}
            body = petition.answer
        mail_send_safely(
            subject=subject, body=body, to=[petition.sender_email], context=f"sender {petition.tracking_code}"
        )


def petition_handed_over_sender_notify(*, petition_id: int) -> None:
    """Issue #21: the receiving unit merged or ended; the sender's code and deadline stay."""
    petition = Petition.objects.select_related("agency").get(pk=petition_id)
    if not petition.sender_email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        mail_send_safely(
            subject=_("Your question %(code)s is now handled by %(agency)s")
            % {"code": petition.tracking_code, "agency": petition.agency},
            body=_(
                "After the reorganisation of units, your question is handled by %(agency)s. "
                "Its tracking code %(code)s and its due date %(due)s are unchanged."
            )
            % {"agency": petition.agency, "code": petition.tracking_code, "due": petition.due_date.strftime("%d/%m/%Y")},
            to=[petition.sender_email],
            context=f"handed over {petition.tracking_code}",
        )


def overdue_reminder_send(*, unit, petitions: list[Petition]) -> bool:
    """Điều 13: the provincial portal chases overdue answers in writing."""
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            _("%(code)s – %(subject)s – due %(due)s")
            % {"code": p.tracking_code, "subject": p.subject, "due": p.due_date}
            for p in petitions
        ]
        return mail_send_safely(
            subject=_("%(count)s overdue questions at %(agency)s") % {"count": len(petitions), "agency": unit},
            body=_("These questions are past their answer deadline:") + "\n" + "\n".join(lines),
            to=board_emails(unit_id=unit.pk),
            context=f"overdue reminder {unit.slug}",
        )
