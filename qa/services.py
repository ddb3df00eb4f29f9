"""Writing petitions: intake, classification, forwarding, answer, publication, refusal.

Each service takes ids and keyword-only arguments, checks the user's right
(``qa.permissions``) and the status transition, writes in one transaction and sends
mail only once that transaction has committed.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake import services as intake_services
from intake.services import required_text, sender_language, stored_files_discard, tracked_save
from qa import notifications
from qa.dms import dms_delivery_schedule
from qa.models import Petition, PetitionAttachment, PetitionForwarding, PetitionStatus
from qa.permissions import petition_check
from qa.rules import ANSWER_WORKING_DAYS, DEFAULT_COMPETENCE, Competence, attachment_errors, petition_intake_errors
from tenants.archive import unit_archived_refusal
from uploads.storage import STORAGE_ERRORS
from vietnamese.text import clean_vietnamese_text
from workdays.calendar import due_date_for

logger = logging.getLogger(__name__)

S = PetitionStatus

# Which statuses each action may start from. An answer needs a classification first,
# so the agency has said which deadline applies; a forwarded petition can be answered
# by the new agency straight away, or classified again.
ALLOWED_FROM: dict[str, frozenset[str]] = {
    "classify": frozenset({S.RECEIVED, S.CLASSIFIED, S.FORWARDED}),
    "forward": frozenset({S.RECEIVED, S.CLASSIFIED, S.FORWARDED}),
    "answer": frozenset({S.CLASSIFIED, S.FORWARDED, S.ANSWERED}),
    "publish": frozenset({S.ANSWERED}),
    "refuse": frozenset({S.RECEIVED, S.CLASSIFIED, S.FORWARDED}),
}

MESSAGE_APPOINTMENT_TOO_LATE = _("The appointment must be at most %(days)s working days after receipt (%(latest)s).")
MESSAGE_APPOINTMENT_TOO_EARLY = _("The appointment cannot be before the petition was received.")
MESSAGE_SAME_AGENCY = _("The petition is already with this agency.")
MESSAGE_ANSWER_MISSING = _("Please enter the answer.")
MESSAGE_ANSWERED_BY_MISSING = _("Please enter the leader who gives the answer.")
MESSAGE_REASON_MISSING = _("Please give the reason for the refusal.")
# Issue #9 item 4 (faults): what a sender reads when the petition could not be stored.
MESSAGE_NOT_RECEIVED = _(
    "Your question could not be received because of a connection problem, and nothing of it was stored. "
    "Please send it again in a few minutes."
)
MESSAGE_ATTACHMENTS_NOT_STORED = _(
    "Your attachments could not be stored right now, so your question was not sent. "
    "Please try again in a few minutes."
)

# A dropped database connection: the line broke, the data did not (issue #9 item 4).
CONNECTION_ERRORS = (OperationalError, InterfaceError)
# How often a submission is tried again after its connection dropped before the commit.
SUBMIT_CONNECTION_RETRIES = 1


class InvalidTransition(intake_services.InvalidTransition):
    """The action is not possible in the petition's current status."""

    noun = "petition "

    @property
    def petition(self) -> Petition:
        return self.submission


class PetitionNotAccepted(ValidationError):
    """The submission breaks a rule of Điều 13; ``message_dict`` says which field."""


class PetitionNotReceived(Exception):
    """The database or the file storage failed: nothing of the petition was stored,
    the sender must send it again (``message`` says so)."""

    def __init__(self, message):
        self.message = message
        super().__init__(str(message))


def _locked(petition_id: int, *, action: str, by) -> Petition:
    return intake_services.transition_locked(
        Petition,
        petition_id,
        action=action,
        allowed_from=ALLOWED_FROM,
        check=lambda petition: petition_check(user=by, petition=petition, action=action),
        invalid=InvalidTransition,
    )


# The arguments of petition_submit a sender fills in (the portal form, the API).
SENDER_FIELDS = (
    "sender_name",
    "sender_address",
    "sender_phone",
    "sender_email",
    "subject",
    "content",
    "field",
    "anonymous",
)


def petition_submit(
    *,
    agency,
    sender_name: str,
    sender_address: str,
    sender_phone: str = "",
    sender_email: str = "",
    subject: str,
    content: str,
    field: str = "",
    anonymous: bool = False,
    attachments=(),
    received_at: datetime.datetime | None = None,
) -> Petition:
    """Store an accepted petition with its tracking code and provisional due date.

    ``received_at`` is for petitions imported from the document-management system;
    the portal's own submissions are received now.
    """
    texts = dict(
        sender_name=sender_name,
        sender_address=sender_address,
        sender_phone=sender_phone,
        sender_email=sender_email,
        subject=subject,
        content=content,
    )
    # Issue #21: an archived portal takes no new questions; its successor does.
    if refusal := unit_archived_refusal(agency):
        raise PetitionNotAccepted({NON_FIELD_ERRORS: [refusal]})
    errors = petition_intake_errors(**texts)
    if attachment_problems := attachment_errors(list(attachments)):
        errors["attachments"] = attachment_problems
    if errors:
        raise PetitionNotAccepted(errors)
    texts = {name: clean_vietnamese_text(value.strip()) for name, value in texts.items()}
    received_at = received_at or timezone.now()
    fields = dict(
        **texts,
        field=clean_vietnamese_text(field.strip()),
        agency=agency,
        anonymous=anonymous,
        language=sender_language(),
        received_at=received_at,
        due_date=due_date_for(received_at, ANSWER_WORKING_DAYS[DEFAULT_COMPETENCE]),
    )
    # Inside a caller's transaction a dropped connection took that transaction with
    # it: nothing to retry here, the caller decides.
    in_caller_transaction = transaction.get_connection().in_atomic_block
    for attempt in range(1 + SUBMIT_CONNECTION_RETRIES):
        petition = Petition(**fields)
        stored_files = []  # what this attempt put in the storage
        try:
            return _petition_store(petition=petition, attachments=attachments, stored_files=stored_files)
        except CONNECTION_ERRORS:
            if in_caller_transaction:
                _files_discard(stored_files)
                raise
            logger.warning("Q&A submission: database connection lost (attempt %s)", attempt + 1, exc_info=True)
            # The line may have broken after PostgreSQL applied the COMMIT: look the
            # code up before trying again, so the petition is never stored twice
            # (and its files, which its attachment rows point at, are kept).
            if stored := _stored_after_all(petition):
                return stored
            _files_discard(stored_files)
        except STORAGE_ERRORS as error:
            _files_discard(stored_files)
            logger.warning("Q&A submission: attachment storage failed: %s", error)
            raise PetitionNotReceived(MESSAGE_ATTACHMENTS_NOT_STORED) from error
        except BaseException:
            _files_discard(stored_files)
            raise
    raise PetitionNotReceived(MESSAGE_NOT_RECEIVED)


def _petition_store(*, petition: Petition, attachments, stored_files: list) -> Petition:
    """One attempt: the petition, its attachments and its hand-overs in one transaction.

    Each file put in the storage is appended to ``stored_files``, so that the caller
    can remove them if the transaction did not commit (no file without its row).
    """
    with transaction.atomic():
        tracked_save(petition)
        for upload in attachments:
            upload.seek(0)  # a retried attempt reads the file again
            attachment = PetitionAttachment(petition=petition, name=upload.name[:255], size=upload.size)
            attachment.file.save(upload.name, upload, save=False)
            stored_files.append(attachment.file)
            attachment.save()
        # Both hand-overs wait for the commit, so a mail or the DMS never hears of a
        # petition that was not stored; robust: their failure never undoes the receipt.
        # (A lambda, not a partial: Django names a robust callback by its __qualname__.)
        petition_id = petition.pk
        transaction.on_commit(lambda: _received_notify_enqueue(petition_id=petition_id), robust=True)
        dms_delivery_schedule(petition=petition)
    return petition


def _stored_after_all(petition: Petition) -> Petition | None:
    """The petition if its transaction committed although the connection broke.

    Its commit hooks were dropped with the broken connection: the receipt mail is
    enqueued here instead (the DMS delivery row is in the database; its cron sends it).
    """
    if not petition.tracking_code:
        return None
    try:
        stored = Petition.objects.filter(tracking_code=petition.tracking_code).first()
    except CONNECTION_ERRORS:
        return None  # still unreachable: the sender is told to send again
    if stored is not None:
        try:
            _received_notify_enqueue(petition_id=stored.pk)
        except Exception:  # noqa: BLE001 - as robust as the commit hook it replaces
            logger.exception("Q&A submission: receipt for %s not enqueued", stored.tracking_code)
    return stored


def _files_discard(files) -> None:
    stored_files_discard(files, log=logger, what="Q&A submission")


def _received_notify_enqueue(*, petition_id: int) -> None:
    from qa.tasks import petition_received_notify_task

    petition_received_notify_task.enqueue(petition_id=petition_id)


@transaction.atomic
def petition_classify(
    *, petition_id: int, competence: str, by, appointment_date: datetime.date | None = None
) -> Petition:
    """Set the competence class and the due date it gives (Điều 13).

    A special case gets ``appointment_date`` as its due date, at most the 10th
    working day after receipt (the latest, when no date is given).
    """
    petition = _locked(petition_id, action="classify", by=by)
    competence = Competence(competence)
    latest = due_date_for(petition.received_at, ANSWER_WORKING_DAYS[competence])
    due_date = latest
    if competence == Competence.SPECIAL_APPOINTMENT and appointment_date is not None:
        if appointment_date > latest:
            message = MESSAGE_APPOINTMENT_TOO_LATE % {"days": ANSWER_WORKING_DAYS[competence], "latest": latest}
            raise ValidationError({"appointment_date": [message]})
        if appointment_date < timezone.localdate(petition.received_at):
            raise ValidationError({"appointment_date": [MESSAGE_APPOINTMENT_TOO_EARLY]})
        due_date = appointment_date
    petition.competence = competence
    petition.due_date = due_date
    petition.status = S.CLASSIFIED
    petition.classified_at = timezone.now()
    petition.classified_by = by
    petition.save(update_fields=["competence", "due_date", "status", "classified_at", "classified_by"])
    return petition


@transaction.atomic
def petition_forward(*, petition_id: int, to_agency, by, note: str = "") -> Petition:
    """Hand the petition to another agency; the deadline still counts from receipt."""
    petition = _locked(petition_id, action="forward", by=by)
    if to_agency.pk == petition.agency_id:
        raise ValidationError({"to_agency": [MESSAGE_SAME_AGENCY]})
    PetitionForwarding.objects.create(
        petition=petition,
        from_agency_id=petition.agency_id,
        to_agency=to_agency,
        forwarded_by=by,
        note=clean_vietnamese_text(note.strip()),
    )
    petition.agency = to_agency
    petition.status = S.FORWARDED
    petition.save(update_fields=["agency", "status"])
    transaction.on_commit(partial(notifications.petition_forwarded_notify, petition_id=petition.pk))
    return petition


@transaction.atomic
def petition_answer(*, petition_id: int, answer: str, answered_by_name: str, by) -> Petition:
    """Record the answer given by the agency's leader (for reference, not a legal ruling)."""
    petition = _locked(petition_id, action="answer", by=by)
    petition.answer = required_text(answer, field_name="answer", message=MESSAGE_ANSWER_MISSING)
    petition.answered_by_name = required_text(
        answered_by_name, field_name="answered_by_name", message=MESSAGE_ANSWERED_BY_MISSING
    )
    petition.answered_by = by
    # A corrected answer keeps the date it was first given: that is what the deadline measures.
    petition.answered_at = petition.answered_at or timezone.now()
    petition.status = S.ANSWERED
    petition.save(update_fields=["answer", "answered_by_name", "answered_by", "answered_at", "status"])
    return petition


@transaction.atomic
def petition_publish(*, petition_id: int, by) -> Petition:
    """Publish the answer on the agency's portal (board head or deputy only)."""
    petition = _locked(petition_id, action="publish", by=by)
    petition.status = S.PUBLISHED
    petition.published_at = timezone.now()
    petition.published_by = by
    petition.save(update_fields=["status", "published_at", "published_by"])
    transaction.on_commit(partial(notifications.petition_sender_notify, petition_id=petition.pk))
    return petition


@transaction.atomic
def petition_refuse(*, petition_id: int, reason: str, by) -> Petition:
    """Refuse a received petition, e.g. a complaint that slipped through (Điều 13)."""
    petition = _locked(petition_id, action="refuse", by=by)
    petition.refusal_reason = required_text(reason, field_name="reason", message=MESSAGE_REASON_MISSING)
    petition.status = S.REFUSED
    petition.refused_at = timezone.now()
    petition.save(update_fields=["refusal_reason", "status", "refused_at"])
    transaction.on_commit(partial(notifications.petition_sender_notify, petition_id=petition.pk))
    return petition


@dataclass
class ReminderSummary:
    sent: dict[str, int] = field(default_factory=dict)  # unit slug → overdue petitions
    failed: dict[str, int] = field(default_factory=dict)  # no recipient or mail error

    @property
    def total(self) -> int:
        return sum(self.sent.values()) + sum(self.failed.values())


def petition_reminders_send(*, today: datetime.date | None = None, progress=None) -> ReminderSummary:
    """One e-mail per agency listing its overdue petitions (Điều 13: chase in writing)."""
    from qa.selectors import petitions_overdue

    by_unit = defaultdict(list)
    for petition in petitions_overdue(today=today).select_related("agency"):
        by_unit[petition.agency].append(petition)
    summary = ReminderSummary()
    for unit, petitions in by_unit.items():
        sent = notifications.overdue_reminder_send(unit=unit, petitions=petitions)
        (summary.sent if sent else summary.failed)[unit.slug] = len(petitions)
        if progress:
            progress(unit.slug)
    return summary


@transaction.atomic
def petitions_hand_over(*, from_agency, to_agency, note: str = "") -> int:
    """Hand every petition still in flight at ``from_agency`` to ``to_agency`` (issue #21:
    the unit merged or ended). Status, due date and tracking code stay as they are: the
    deadline counts from receipt, and the sender keeps tracking with the same code.
    Each hand-over is a forwarding in the history; both boards and the sender are told.
    Returns how many petitions moved.
    """
    from qa.models.petitions import OPEN_STATUSES

    petitions = list(Petition.objects.select_for_update().filter(agency=from_agency, status__in=OPEN_STATUSES))
    if not petitions:
        return 0
    note = clean_vietnamese_text(note.strip())
    PetitionForwarding.objects.bulk_create(
        PetitionForwarding(petition=p, from_agency=from_agency, to_agency=to_agency, note=note) for p in petitions
    )
    Petition.objects.filter(pk__in=[p.pk for p in petitions]).update(agency=to_agency)
    for petition in petitions:
        transaction.on_commit(partial(notifications.petition_forwarded_notify, petition_id=petition.pk))
        transaction.on_commit(partial(notifications.petition_handed_over_sender_notify, petition_id=petition.pk))
    return len(petitions)
