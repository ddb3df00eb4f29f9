"""The link with the province's document-management system (DMS), Điều 13.

Out: every accepted petition is posted to ``DMS_WEBHOOK_URL`` as JSON, signed with
HMAC-SHA256 (``DMS_WEBHOOK_SECRET``) over ``"<timestamp>.<body>"``, with the tracking
code as idempotency key. A :class:`~qa.models.DmsDelivery` row, written in the
petition's own transaction, records the attempts; a failed attempt is retried after
a delay that doubles each time (``dms_deliver`` command, and the task queue where it
can defer), so a DMS outage delays the hand-over but never loses or repeats it.

Back: the DMS posts the leader's answer to ``/api/v2/qa/dms/answers/``, signed the
same way (or with ``DMS_ANSWER_TOKEN`` as a bearer token); :func:`dms_answer_record`
records it through the ordinary answer service, once however often it is replayed.

docs/DMS.md describes the wire format for the DMS's developers.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qa.models import DmsDelivery, Petition, PetitionStatus
from qa.models.petitions import tracking_code_normalise
from qa.rules import DEFAULT_COMPETENCE
from vietnamese.text import clean_vietnamese_text

logger = logging.getLogger(__name__)

EVENT_PETITION_ACCEPTED = "petition.accepted"
SIGNATURE_HEADER = "X-DMS-Signature"
TIMESTAMP_HEADER = "X-DMS-Timestamp"
EVENT_HEADER = "X-DMS-Event"
ATTEMPT_HEADER = "X-DMS-Attempt"
IDEMPOTENCY_HEADER = "Idempotency-Key"
SIGNATURE_PREFIX = "sha256="
# A signed request older or newer than this is refused: a captured request cannot be
# replayed later, and the two systems' clocks may differ by a few minutes.
SIGNATURE_TOLERANCE_SECONDS = 5 * 60

# Retries: 1, 2, 4 … minutes after each failure, at most 6 hours apart, 12 attempts in
# all (about a day and a night of DMS outage); then the row waits for an operator
# (``dms_deliver --retry-given-up``) and the failure is logged as an error.
RETRY_FIRST_DELAY = datetime.timedelta(minutes=1)
RETRY_MAX_DELAY = datetime.timedelta(hours=6)
MAX_ATTEMPTS = 12

# The service account the DMS's answers are recorded under (qa.permissions): it holds
# only the qa.answer_from_dms permission and cannot log in.
DMS_ACCOUNT_USERNAME = "dms-integration"

MESSAGE_ANSWERED_AT_FUTURE = _("The answer date cannot be in the future.")
MESSAGE_ANSWERED_AT_BEFORE_RECEIPT = _("The answer date cannot be before the question was received.")


def dms_enabled() -> bool:
    return bool(settings.DMS_WEBHOOK_URL)


# Signatures ---------------------------------------------------------------------------


def signature_compute(*, secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=<hex>`` of HMAC-SHA256 over ``"<timestamp>.<body>"``."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return SIGNATURE_PREFIX + digest


def signature_valid(
    *, secret: str, timestamp: str, signature: str, body: bytes, now: datetime.datetime | None = None
) -> bool:
    """True if ``signature`` signs ``body`` at ``timestamp``, and that time is recent."""
    if not (secret and timestamp and signature):
        return False
    try:
        sent = int(timestamp)
    except ValueError:
        return False
    now = now or timezone.now()
    if abs(now.timestamp() - sent) > SIGNATURE_TOLERANCE_SECONDS:
        return False
    expected = signature_compute(secret=secret, timestamp=timestamp, body=body)
    return hmac.compare_digest(expected, signature)


def signed_headers(*, body: bytes, now: datetime.datetime | None = None, secret: str | None = None) -> dict[str, str]:
    timestamp = str(int((now or timezone.now()).timestamp()))
    secret = settings.DMS_WEBHOOK_SECRET if secret is None else secret
    return {
        "Content-Type": "application/json; charset=utf-8",
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: signature_compute(secret=secret, timestamp=timestamp, body=body),
    }


class DmsAuthError(Exception):
    """The request does not come from the DMS; ``status`` is 401 or 403."""

    def __init__(self, status: int, reason: str):
        self.status, self.reason = status, reason
        super().__init__(reason)


def answer_request_authenticate(*, headers, body: bytes, now: datetime.datetime | None = None) -> None:
    """Raise :class:`DmsAuthError` unless the request is signed, or carries the token.

    403 when answer-back is not configured in this environment at all; 401 when the
    credentials are missing, wrong or too old.
    """
    secret, token = settings.DMS_WEBHOOK_SECRET, settings.DMS_ANSWER_TOKEN
    if not (secret or token):
        raise DmsAuthError(403, "DMS answer-back is not configured")
    authorization = headers.get("Authorization", "")
    if token and authorization.startswith("Bearer "):
        if hmac.compare_digest(authorization.removeprefix("Bearer ").strip(), token):
            return
        raise DmsAuthError(401, "bad bearer token")
    if secret and headers.get(SIGNATURE_HEADER):
        if signature_valid(
            secret=secret,
            timestamp=headers.get(TIMESTAMP_HEADER, ""),
            signature=headers.get(SIGNATURE_HEADER, ""),
            body=body,
            now=now,
        ):
            return
        raise DmsAuthError(401, "bad or expired signature")
    raise DmsAuthError(401, "no credentials")


# Out: the webhook per accepted petition --------------------------------------------------


def petition_payload(*, petition: Petition) -> dict:
    """What the DMS receives: the whole petition, attachments inline (base64).

    The sender's details are personal data; the DMS is the agencies' own system, where
    the petition is handled, so it gets them in full, over HTTPS only (docs/DMS.md).
    """
    attachments = []
    for attachment in petition.attachments.all():
        with attachment.file.open("rb") as handle:
            data = handle.read()
        attachments.append(
            {
                "name": attachment.name,
                "size": attachment.size,
                "sha256": hashlib.sha256(data).hexdigest(),
                "content_base64": base64.b64encode(data).decode("ascii"),
            }
        )
    return {
        "event": EVENT_PETITION_ACCEPTED,
        "tracking_code": petition.tracking_code,
        "agency": {"slug": petition.agency.slug, "name": petition.agency.name},
        "received_at": petition.received_at,
        "due_date": petition.due_date,
        "subject": petition.subject,
        "content": petition.content,
        "field": petition.field,
        "anonymous": petition.anonymous,
        "sender": {
            "name": petition.sender_name,
            "address": petition.sender_address,
            "phone": petition.sender_phone,
            "email": petition.sender_email,
        },
        "attachments": attachments,
    }


def payload_body(payload: dict) -> bytes:
    return json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")).encode()


def retry_delay(*, attempts: int) -> datetime.timedelta:
    """Wait after the ``attempts``-th failed attempt: doubling, capped."""
    return min(RETRY_FIRST_DELAY * (2 ** max(attempts - 1, 0)), RETRY_MAX_DELAY)


def dms_delivery_schedule(*, petition: Petition) -> DmsDelivery | None:
    """Within the petition's transaction: record that it must go to the DMS, and try
    once that transaction commits. Nothing when no DMS is configured."""
    if not dms_enabled():
        return None
    delivery = DmsDelivery.objects.create(petition=petition, next_attempt_at=timezone.now())
    transaction.on_commit(lambda: _enqueue(delivery.pk), robust=True)
    return delivery


def _enqueue(delivery_id: int, run_after: datetime.datetime | None = None) -> None:
    from qa.tasks import dms_delivery_task

    task = dms_delivery_task
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # the dms_deliver command (cron) picks it up when it is due
        task = task.using(run_after=run_after)
    task.enqueue(delivery_id=delivery_id)


def _post(*, url: str, body: bytes, headers: dict[str, str]) -> None:
    """POST; return on a 2xx answer, raise with a short reason otherwise."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=settings.DMS_WEBHOOK_TIMEOUT_SECONDS) as response:
            response.read()
    except urllib.error.HTTPError as error:
        detail = error.read(500).decode("utf-8", "replace")
        raise OSError(f"HTTP {error.code}: {detail}".strip()) from error


def _claim(delivery_id: int, now: datetime.datetime) -> DmsDelivery | None:
    """Take a due delivery, counting the attempt and booking the next one up front: a
    worker that dies while sending leaves it due again later, never stuck nor doubled
    by a second worker in the meantime."""
    with transaction.atomic():
        delivery = DmsDelivery.objects.select_for_update().select_related("petition__agency").get(pk=delivery_id)
        if delivery.delivered_at or delivery.next_attempt_at is None or delivery.next_attempt_at > now:
            return None
        delivery.attempts += 1
        delivery.last_attempt_at = now
        delivery.next_attempt_at = (
            None if delivery.attempts >= MAX_ATTEMPTS else now + retry_delay(attempts=delivery.attempts)
        )
        delivery.save(update_fields=["attempts", "last_attempt_at", "next_attempt_at"])
    return delivery


def dms_delivery_attempt(*, delivery_id: int, now: datetime.datetime | None = None) -> DmsDelivery:
    """Send one delivery if it is due; record success, or the error and when to retry."""
    now = now or timezone.now()
    delivery = _claim(delivery_id, now)
    if delivery is None:
        return DmsDelivery.objects.get(pk=delivery_id)
    body = payload_body(petition_payload(petition=delivery.petition))
    headers = {
        **signed_headers(body=body, now=now),
        EVENT_HEADER: EVENT_PETITION_ACCEPTED,
        IDEMPOTENCY_HEADER: delivery.petition.tracking_code,
        ATTEMPT_HEADER: str(delivery.attempts),
    }
    try:
        _post(url=settings.DMS_WEBHOOK_URL, body=body, headers=headers)
    except Exception as error:  # any transport or HTTP failure: retried later
        delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
        delivery.save(update_fields=["last_error"])
        if delivery.next_attempt_at is None:
            logger.error(
                "DMS delivery of %s given up after %s attempts: %s",
                delivery.petition.tracking_code,
                delivery.attempts,
                delivery.last_error,
            )
        else:
            logger.warning(
                "DMS delivery of %s failed (attempt %s), next at %s: %s",
                delivery.petition.tracking_code,
                delivery.attempts,
                delivery.next_attempt_at,
                delivery.last_error,
            )
            _enqueue(delivery.pk, run_after=delivery.next_attempt_at)
        return delivery
    delivery.delivered_at = timezone.now()
    delivery.next_attempt_at = None
    delivery.last_error = ""
    delivery.save(update_fields=["delivered_at", "next_attempt_at", "last_error"])
    return delivery


@dataclass
class DeliveryRun:
    delivered: list[str] = field(default_factory=list)  # tracking codes
    failed: list[str] = field(default_factory=list)


def dms_deliveries_due(*, now: datetime.datetime | None = None):
    return DmsDelivery.objects.filter(delivered_at__isnull=True, next_attempt_at__lte=now or timezone.now())


def dms_deliveries_send_due(
    *, now: datetime.datetime | None = None, retry_given_up: bool = False, progress=None
) -> DeliveryRun:
    """(Re)send every delivery that is due; ``retry_given_up`` first makes the given-up
    ones due again (after an operator fixed the DMS)."""
    now = now or timezone.now()
    if retry_given_up:
        DmsDelivery.objects.filter(delivered_at__isnull=True, next_attempt_at__isnull=True).update(
            next_attempt_at=now, attempts=0
        )
    run = DeliveryRun()
    for delivery_id in list(dms_deliveries_due(now=now).values_list("pk", flat=True)):
        delivery = dms_delivery_attempt(delivery_id=delivery_id, now=now)
        code = delivery.petition.tracking_code
        (run.delivered if delivery.delivered_at else run.failed).append(code)
        if progress:
            progress(code)
    return run


# Back: the answer from the DMS -------------------------------------------------------------


class DmsUnknownPetition(Exception):
    """No petition has this tracking code."""


def dms_account():
    """The service account answers are recorded under, created on first use."""
    user, created = get_user_model().objects.get_or_create(
        username=DMS_ACCOUNT_USERNAME, defaults={"is_active": True, "first_name": "DMS"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user.user_permissions.add(Permission.objects.get(content_type__app_label="qa", codename="answer_from_dms"))
    return user


@dataclass(frozen=True)
class AnswerOutcome:
    petition: Petition
    recorded: bool  # False: the same answer was already there (a replay)


def dms_answer_record(
    *, tracking_code: str, answer: str, answered_by_name: str, answered_at: datetime.datetime
) -> AnswerOutcome:
    """Record the DMS's answer through :func:`qa.services.petition_answer`.

    A petition still waiting for its classification is classified with the default
    competence first (the DMS answered it, so it was within the agency's reach).
    Sending the same answer again changes nothing; a corrected answer replaces the
    text but keeps the first answer's date, as in the admin.
    """
    from qa.services import petition_answer, petition_classify

    code = tracking_code_normalise(tracking_code)
    with transaction.atomic():
        petition = Petition.objects.select_for_update().filter(tracking_code=code).first()
        if petition is None:
            raise DmsUnknownPetition(code)
        cleaned = tuple(clean_vietnamese_text((text or "").strip()) for text in (answer, answered_by_name))
        already = (petition.answer, petition.answered_by_name)
        if petition.status in (PetitionStatus.ANSWERED, PetitionStatus.PUBLISHED) and cleaned == already:
            return AnswerOutcome(petition=petition, recorded=False)
        if answered_at > timezone.now() + datetime.timedelta(seconds=SIGNATURE_TOLERANCE_SECONDS):
            raise ValidationError({"answered_at": [MESSAGE_ANSWERED_AT_FUTURE]})
        if answered_at < petition.received_at:
            raise ValidationError({"answered_at": [MESSAGE_ANSWERED_AT_BEFORE_RECEIPT]})
        account = dms_account()
        if petition.status == PetitionStatus.RECEIVED:
            petition_classify(petition_id=petition.pk, competence=DEFAULT_COMPETENCE, by=account)
        first_answer = petition.answered_at is None
        petition = petition_answer(
            petition_id=petition.pk, answer=answer, answered_by_name=answered_by_name, by=account
        )
        if first_answer:
            # The deadline is measured by when the leader answered in the DMS, not by
            # when the answer reached the portal.
            petition.answered_at = answered_at
            petition.save(update_fields=["answered_at"])
    return AnswerOutcome(petition=petition, recorded=True)
