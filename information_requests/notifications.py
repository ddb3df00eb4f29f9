"""E-mails about information requests, sent after the writing transaction committed,
through Q&A's mailer (tried again a few times, never raising: a request is never lost
because a mail could not be sent).

No mail carries the requester's secret: anyone may type any address in the form.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from information_requests.models import InformationRequest, RequestStatus
from information_requests.shared import mail_send_safely
from tenants.membership import BOARD_ROLES, board_emails
from tenants.models import Unit


def _admin_url(information_request: InformationRequest) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "information_requests_admin:detail", args=[information_request.pk]
    )


def received_notify(*, request_id: int) -> None:
    """Tell the agency's board a request arrived, and the requester its tracking code."""
    item = InformationRequest.objects.select_related("agency").get(pk=request_id)
    with translation.override(settings.LANGUAGE_CODE):
        mail_send_safely(
            subject=_("New information request %(code)s, due %(due)s") % {"code": item.tracking_code, "due": item.due_date},
            body=_("An information request was received for %(agency)s.\n%(url)s")
            % {"agency": item.agency, "url": _admin_url(item)},
            to=board_emails(unit_id=item.agency_id, roles=BOARD_ROLES),
            context=f"information request received {item.tracking_code} board",
        )
        if item.requester_email:
            mail_send_safely(
                subject=_("Your information request was received: %(code)s") % {"code": item.tracking_code},
                body=_(
                    "The portal received your request for information.\nTracking code: %(code)s. Use it with the "
                    "secret shown when you sent the request to follow it.\nIf you did not send a request, please "
                    "ignore this e-mail."
                ) % {"code": item.tracking_code},
                to=[item.requester_email],
                context=f"information request received {item.tracking_code} requester",
            )


def deadline_notify(*, request_id: int) -> None:
    """The written notice of the deadline (Điều 31.2): complex information, or an extension."""
    item = InformationRequest.objects.get(pk=request_id)
    if not item.requester_email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        body = _("The information you requested will be provided by %(due)s.") % {"due": item.due_date.strftime("%d/%m/%Y")}
        if item.status == RequestStatus.EXTENDED:
            body += "\n" + _("The deadline was extended: %(reason)s") % {"reason": item.extension_reason}
        mail_send_safely(
            subject=_("Deadline of your information request %(code)s") % {"code": item.tracking_code},
            body=body,
            to=[item.requester_email],
            context=f"information request deadline {item.tracking_code}",
        )


def requester_notify(*, request_id: int) -> None:
    """Tell the requester the information was provided, or refused with its ground."""
    item = InformationRequest.objects.get(pk=request_id)
    if not item.requester_email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        if item.status == RequestStatus.REFUSED:
            subject = _("Your information request %(code)s was refused") % {"code": item.tracking_code}
            body = f"{item.get_refusal_ground_display()}\n\n{item.refusal_reason}"
        else:
            subject = _("Your information request %(code)s has been answered") % {"code": item.tracking_code}
            body = _("Look it up on the portal with your tracking code and secret to read it and download its files.")
        mail_send_safely(subject=subject, body=body, to=[item.requester_email], context=f"requester {item.tracking_code}")


def handed_over_boards_notify(*, request_ids: list[int], from_agency_id: int) -> None:
    """Issue #21: one mail to the receiving board listing the requests it now answers, with
    their unchanged deadlines, and one to the former board saying where they went."""
    items = list(
        InformationRequest.objects.select_related("agency").filter(pk__in=request_ids).order_by("due_date", "pk")
    )
    if not items:
        return
    to_agency, from_agency = items[0].agency, Unit.objects.get(pk=from_agency_id)
    with translation.override(settings.LANGUAGE_CODE):
        lines = "\n".join(
            _("%(code)s – due %(due)s – %(url)s")
            % {"code": item.tracking_code, "due": item.due_date.strftime("%d/%m/%Y"), "url": _admin_url(item)}
            for item in items
        )
        mail_send_safely(
            subject=_("%(count)s information requests handed over from %(from)s")
            % {"count": len(items), "from": from_agency},
            body=_("After the reorganisation of units, %(agency)s now answers these requests; their deadlines are "
                   "unchanged:") % {"agency": to_agency} + "\n" + lines,
            to=board_emails(unit_id=to_agency.pk, roles=BOARD_ROLES),
            context=f"information requests handed over to {to_agency.slug}",
        )
        mail_send_safely(
            subject=_("%(count)s information requests handed over to %(to)s") % {"count": len(items), "to": to_agency},
            body=_("After the reorganisation of units, these requests are answered by %(agency)s:")
            % {"agency": to_agency} + "\n" + "\n".join(item.tracking_code for item in items),
            to=board_emails(unit_id=from_agency.pk, roles=BOARD_ROLES),
            context=f"information requests handed over from {from_agency.slug}",
        )


def handed_over_requester_notify(*, request_id: int) -> None:
    """Issue #21: the requester keeps the same tracking code, secret and due date."""
    item = InformationRequest.objects.select_related("agency").get(pk=request_id)
    if not item.requester_email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        mail_send_safely(
            subject=_("Your information request %(code)s is now handled by %(agency)s")
            % {"code": item.tracking_code, "agency": item.agency},
            body=_(
                "After the reorganisation of units, your request for information is handled by %(agency)s. "
                "Its tracking code %(code)s and its due date %(due)s are unchanged; follow it with the same "
                "code and secret, on the former portal or on the new one."
            ) % {"agency": item.agency, "code": item.tracking_code, "due": item.due_date.strftime("%d/%m/%Y")},
            to=[item.requester_email],
            context=f"information request handed over {item.tracking_code}",
        )
