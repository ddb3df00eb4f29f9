"""What the services of every tracked intake (Q&A's petitions, information requests) write
the same way: the locked status transition, the required text of a decision, the unique
tracking code, the language the sender wrote in and the files to remove after a failure.

Each app keeps its own statuses, permission rule, messages and exceptions; these helpers
take them as arguments, so the rule is written once and each app's service still reads
as its own steps.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from intake.tracking import tracking_code_new
from vietnamese.text import clean_vietnamese_text


class InvalidTransition(Exception):
    """The action is not possible in the submission's current status. Each app subclasses
    it (``qa.services.InvalidTransition``…), so callers catch the app's own class."""

    # What the message calls the submission ("petition "), or nothing.
    noun = ""

    def __init__(self, submission, action: str):
        self.submission, self.action = submission, action
        super().__init__(f"cannot {action} {self.noun}{submission.tracking_code} in status {submission.status}")


def transition_locked(
    model,
    pk: int,
    *,
    action: str,
    allowed_from: Mapping[str, Iterable[str]],
    check: Callable[[object], None],
    invalid: type[InvalidTransition],
):
    """The submission ``pk``, locked for the rest of the transaction, once ``check`` (the
    app's permission rule, which raises) passed and ``action`` may start from its status.

    Call inside ``transaction.atomic``: the row lock makes two board members acting on
    the same submission at once take turns instead of both writing.
    """
    submission = model.objects.select_for_update().get(pk=pk)
    check(submission)
    if submission.status not in allowed_from[action]:
        raise invalid(submission, action)
    return submission


def required_text(value: str, *, field_name: str, message) -> str:
    """The cleaned text of a decision (an answer, a reason), or a ValidationError on
    ``field_name`` with the app's ``message`` when nothing is left once cleaned."""
    value = clean_vietnamese_text((value or "").strip())
    if not value:
        raise ValidationError({field_name: [message]})
    return value


def tracking_code_unique(model) -> str:
    """A tracking code no ``model`` row holds yet."""
    while True:
        code = tracking_code_new()
        if not model.objects.filter(tracking_code=code).exists():
            return code


def tracked_save(submission) -> None:
    """Save a new submission under a fresh unique tracking code. Call inside
    ``transaction.atomic``: when two submissions drew the same code at the same
    instant, the unique index refuses the second and it draws again."""
    model = type(submission)
    submission.tracking_code = tracking_code_unique(model)
    try:
        with transaction.atomic():
            submission.save()
    except IntegrityError:
        submission.tracking_code = tracking_code_unique(model)
        submission.save()


def sender_language() -> str:
    """The project language the current request is in (the form's page or the API's Accept-Language)."""
    try:
        return translation.get_supported_language_variant(translation.get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def stored_files_discard(files, *, log: logging.Logger, what: str) -> None:
    """Remove files a failed transaction had put in the storage (no file without its row).

    Never raises: the storage may be the very part that is down; ``log`` (the app's
    logger) warns of each file left behind, naming ``what`` failed.
    """
    for stored_file in files:
        try:
            stored_file.storage.delete(stored_file.name)
        except Exception:  # noqa: BLE001 - the storage may be the part that is down
            log.warning("%s: could not remove %s after a failed write", what, stored_file.name)
