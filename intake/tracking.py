"""What every tracked public submission has: a tracking code the sender quotes, the day
it was received, the working-day due date, the answer's time, and the open/overdue test.

``TrackedSubmission`` is abstract: Q&A's petition and the information request inherit
its fields under the names and types they always had, so the database is unchanged.
A subclass sets ``OPEN_STATUSES`` (the statuses still waiting for an answer) and its
own ``status`` field.
"""

from __future__ import annotations

import datetime
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Crockford's base32 without I, L, O, U: nothing to misread when a code is dictated
# on the phone. 10 characters are 50 bits, which nobody enumerates.
TRACKING_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TRACKING_CODE_LENGTH = 10


def tracking_code_new() -> str:
    return "".join(secrets.choice(TRACKING_CODE_ALPHABET) for _ in range(TRACKING_CODE_LENGTH))


def tracking_code_normalise(code: str) -> str:
    """Upper-case, without the spaces and hyphens people type when copying a code."""
    return "".join(ch for ch in (code or "").upper() if ch not in " -")


class TrackedSubmission(models.Model):
    tracking_code = models.CharField(_("tracking code"), max_length=TRACKING_CODE_LENGTH, unique=True, editable=False)
    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    due_date = models.DateField(_("due date"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    OPEN_STATUSES: tuple[str, ...] = ()

    class Meta:
        abstract = True

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """Still unanswered after its due date (the due date itself is on time)."""
        return self.is_open and self.due_date < (today or timezone.localdate())
