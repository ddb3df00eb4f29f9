"""Writing information requests: intake, classification, extension, answer, refusal.

Each service takes ids and keyword-only arguments, checks the user's right and the
status, writes in one transaction and mails only once that transaction committed.
"""

from __future__ import annotations

import datetime
import logging
import secrets
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from information_requests import notifications
from information_requests.models import (
    InformationRequest,
    InformationRequestFile,
    RequestStatus,
    secret_hash,
)
from information_requests.permissions import information_request_check
from information_requests.rules import (
    INTAKE_FIELDS,
    Availability,
    RefusalGround,
    RequesterKind,
    due_date_on_receipt,
    due_dates_for,
    extended_due_date,
    id_number_normalise,
    information_request_intake_errors,
)
from information_requests.shared import attachment_errors
from intake import services as intake_services
from intake.services import required_text, sender_language, stored_files_discard, tracked_save
from tenants.archive import unit_archived_refusal
from uploads.storage import STORAGE_ERRORS
from vietnamese.text import clean_vietnamese_text

logger = logging.getLogger(__name__)

S = RequestStatus
ALLOWED_FROM: dict[str, frozenset[str]] = {
    "classify": frozenset({S.RECEIVED, S.CLASSIFIED}),
    # Điều 31.2: one extension, announced before the deadline runs out.
    "extend": frozenset({S.RECEIVED, S.CLASSIFIED}),
    "answer": frozenset({S.RECEIVED, S.CLASSIFIED, S.EXTENDED}),
    "refuse": frozenset({S.RECEIVED, S.CLASSIFIED, S.EXTENDED}),
}

MESSAGE_ANSWER_MISSING = _("Please enter the answer or attach the information.")
MESSAGE_REASON_MISSING = _("Please give the reasons for the refusal (Điều 28.2).")
MESSAGE_EXTENSION_REASON_MISSING = _("Please give the reason for the extension (Điều 31.2).")
MESSAGE_EXTENSION_TOO_LATE = _("The deadline has passed: an extension must be announced before it (Điều 31.2).")
MESSAGE_FILES_NOT_STORED = _("The files could not be stored right now; nothing was saved. Please try again.")


class InvalidTransition(intake_services.InvalidTransition):
    """The action is not possible in the request's current status."""


class InformationRequestNotAccepted(ValidationError):
    """The request is incomplete or the requester not entitled; ``message_dict`` says where."""


@dataclass(frozen=True)
class Receipt:
    information_request: InformationRequest
    secret: str  # shown once to the requester, never stored in clear


def secret_new() -> str:
    return secrets.token_urlsafe(9)  # 12 characters, 72 bits


def information_request_submit(*, agency, received_at: datetime.datetime | None = None, **fields) -> Receipt:
    """Store a received request with its tracking code, secret and provisional due date.

    ``fields`` are the form's (``rules.INTAKE_FIELDS``); nothing is stored when
    ``rules.information_request_intake_errors`` finds a reason to refuse.
    """
    # Issue #21: an archived portal takes no new requests; its successor's page does.
    if refusal := unit_archived_refusal(agency):
        raise InformationRequestNotAccepted({NON_FIELD_ERRORS: [refusal]})
    values = {name: fields.get(name, False if name == "concerns_own_rights" else "") for name in INTAKE_FIELDS}
    errors = information_request_intake_errors(**values)
    if errors:
        raise InformationRequestNotAccepted(errors)
    texts = {
        name: clean_vietnamese_text(str(value).strip())
        for name, value in values.items()
        if name not in ("concerns_own_rights", "requester_kind", "delivery_form")
    }
    if values["requester_kind"] != RequesterKind.ORGANISATION:
        texts["organisation_name"] = texts["representative_name"] = ""
    texts["requester_id_number"] = id_number_normalise(texts["requester_id_number"])
    received_at = received_at or timezone.now()
    secret = secret_new()
    information_request = InformationRequest(
        **texts,
        requester_kind=values["requester_kind"],
        delivery_form=values["delivery_form"],
        concerns_own_rights=bool(values["concerns_own_rights"]),
        agency=agency,
        language=sender_language(),
        received_at=received_at,
        due_date=due_date_on_receipt(received_at=received_at, delivery_form=values["delivery_form"]),
        secret_hash=secret_hash(secret),
    )
    with transaction.atomic():
        tracked_save(information_request)
        pk = information_request.pk
        transaction.on_commit(lambda: notifications.received_notify(request_id=pk), robust=True)
    return Receipt(information_request=information_request, secret=secret)


def _locked(request_id: int, *, action: str, by) -> InformationRequest:
    return intake_services.transition_locked(
        InformationRequest,
        request_id,
        action=action,
        allowed_from=ALLOWED_FROM,
        check=lambda information_request: information_request_check(user=by, information_request=information_request),
        invalid=InvalidTransition,
    )


@transaction.atomic
def information_request_classify(*, request_id: int, availability: str, by) -> InformationRequest:
    """Set the case of Điều 30/31 and the deadline it gives, counted from receipt; complex
    information also tells the requester the deadline (the written notice of Điều 31.2)."""
    information_request = _locked(request_id, action="classify", by=by)
    availability = Availability(availability)
    information_request.due_date, information_request.notice_due_date = due_dates_for(
        received_at=information_request.received_at,
        delivery_form=information_request.delivery_form,
        availability=availability,
    )
    information_request.availability = availability
    information_request.status = S.CLASSIFIED
    information_request.classified_at = timezone.now()
    information_request.save(update_fields=["availability", "due_date", "notice_due_date", "status", "classified_at"])
    if availability == Availability.NEEDS_COLLECTION:
        transaction.on_commit(partial(notifications.deadline_notify, request_id=information_request.pk))
    return information_request


@transaction.atomic
def information_request_extend(
    *, request_id: int, reason: str, by, days: int | None = None, today: datetime.date | None = None
) -> InformationRequest:
    """Extend the deadline once, by at most EXTENSION_MAX_DAYS, telling the requester (Điều 31.2)."""
    information_request = _locked(request_id, action="extend", by=by)
    reason = required_text(reason, field_name="reason", message=MESSAGE_EXTENSION_REASON_MISSING)
    if (today or timezone.localdate()) > information_request.due_date:
        raise ValidationError({"reason": [MESSAGE_EXTENSION_TOO_LATE]})
    kwargs = {"days": days} if days else {}
    information_request.due_date = extended_due_date(due_date=information_request.due_date, **kwargs)
    information_request.extension_reason = reason
    information_request.extended_at = timezone.now()
    information_request.status = S.EXTENDED
    information_request.save(update_fields=["due_date", "extension_reason", "extended_at", "status"])
    transaction.on_commit(partial(notifications.deadline_notify, request_id=information_request.pk))
    return information_request


def information_request_answer(*, request_id: int, answer: str, files=(), by) -> InformationRequest:
    """Provide the information: a text, files (private storage), or both."""
    if problems := attachment_errors(list(files)):
        raise ValidationError({"files": problems})
    stored = []
    try:
        with transaction.atomic():
            information_request = _locked(request_id, action="answer", by=by)
            answer = clean_vietnamese_text((answer or "").strip())
            if not answer and not files:
                raise ValidationError({"answer": [MESSAGE_ANSWER_MISSING]})
            for upload in files:
                item = InformationRequestFile(request=information_request, name=upload.name[:255], size=upload.size)
                item.file.save(upload.name, upload, save=False)
                stored.append(item.file)
                item.save()
            information_request.answer = answer
            information_request.answered_at = timezone.now()
            information_request.answered_by = by
            information_request.status = S.ANSWERED
            information_request.save(update_fields=["answer", "answered_at", "answered_by", "status"])
            transaction.on_commit(partial(notifications.requester_notify, request_id=information_request.pk))
    except STORAGE_ERRORS as error:
        _discard(stored)
        raise ValidationError({"files": [MESSAGE_FILES_NOT_STORED]}) from error
    except BaseException:
        _discard(stored)
        raise
    return information_request


def _discard(files) -> None:
    stored_files_discard(files, log=logger, what="information request")


@transaction.atomic
def information_request_refuse(*, request_id: int, ground: str, reason: str, by) -> InformationRequest:
    """Refuse on one of the grounds of Điều 28.1, in writing with the reasons (Điều 28.2)."""
    information_request = _locked(request_id, action="refuse", by=by)
    information_request.refusal_ground = RefusalGround(ground)
    information_request.refusal_reason = required_text(reason, field_name="reason", message=MESSAGE_REASON_MISSING)
    information_request.refused_at = timezone.now()
    information_request.status = S.REFUSED
    information_request.save(update_fields=["refusal_ground", "refusal_reason", "refused_at", "status"])
    transaction.on_commit(partial(notifications.requester_notify, request_id=information_request.pk))
    return information_request


@transaction.atomic
def information_requests_hand_over(*, from_agency, to_agency, note: str = "") -> int:
    """Hand every request still in flight at ``from_agency`` to ``to_agency`` (issue #21:
    the agency merged or ended). Status, due date, tracking code and secret stay as they
    are: the deadline counts from receipt (Điều 31), and the requester keeps following it
    with the same code. Each hand-over is recorded, so the former portal still answers the
    requester's lookup; both boards and the requester are told. Returns how many moved.
    """
    from information_requests.models import OPEN_STATUSES, InformationRequestHandOver

    ids = list(
        InformationRequest.objects.select_for_update()
        .filter(agency=from_agency, status__in=OPEN_STATUSES)
        .values_list("pk", flat=True)
    )
    if not ids:
        return 0
    note = clean_vietnamese_text(str(note).strip())
    InformationRequestHandOver.objects.bulk_create(
        InformationRequestHandOver(request_id=pk, from_agency=from_agency, to_agency=to_agency, note=note) for pk in ids
    )
    InformationRequest.objects.filter(pk__in=ids).update(agency=to_agency)
    transaction.on_commit(
        partial(notifications.handed_over_boards_notify, request_ids=ids, from_agency_id=from_agency.pk), robust=True
    )
    for pk in ids:
        transaction.on_commit(partial(notifications.handed_over_requester_notify, request_id=pk), robust=True)
    return len(ids)
