"""The checks and messages about the person who sends something in.

Questions and comments (and, next, information requests) ask for a name and a way to
reach the sender, a phone or an e-mail; the same person reads the same wording,
already translated, wherever the form is.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 .()-]{7,19}$")
PHONE_DIGITS = (9, 15)  # a Vietnamese mobile has 10 digits, +84 numbers 11

MESSAGE_SENDER_NAME_MISSING = _("Please enter the sender's full name.")
MESSAGE_SENDER_CONTACT_MISSING = _("Please enter a phone number or an e-mail address so that the agency can reach you.")
MESSAGE_PHONE_INVALID = _("Please enter a valid phone number.")
MESSAGE_EMAIL_INVALID = _("Please enter a valid e-mail address.")


def phone_is_valid(phone: str) -> bool:
    low, high = PHONE_DIGITS
    return bool(PHONE_PATTERN.match(phone)) and low <= sum(c.isdigit() for c in phone) <= high


def email_is_valid(email: str) -> bool:
    try:
        validate_email(email)
    except ValidationError:
        return False
    return True


def contact_errors(
    *, phone: str, email: str, phone_field: str = "phone", email_field: str = "email",
    missing_order: tuple[str, ...] | None = None,
) -> dict[str, list[str]]:
    """Field name → reasons the phone/e-mail pair is refused: one of them is required,
    and what is given must be valid. ``missing_order`` lists the two field names in the
    order the form shows them (the "missing" message goes on both)."""
    errors: dict[str, list[str]] = {}
    phone, email = (phone or "").strip(), (email or "").strip()
    if not phone and not email:
        for field in missing_order or (phone_field, email_field):
            errors.setdefault(field, []).append(str(MESSAGE_SENDER_CONTACT_MISSING))
    if phone and not phone_is_valid(phone):
        errors.setdefault(phone_field, []).append(str(MESSAGE_PHONE_INVALID))
    if email and not email_is_valid(email):
        errors.setdefault(email_field, []).append(str(MESSAGE_EMAIL_INVALID))
    return errors


def errors_merge(errors: dict[str, list[str]], more: dict[str, list[str]]) -> None:
    """Add ``more`` to ``errors`` in place, field by field."""
    for field, messages in more.items():
        errors.setdefault(field, []).extend(messages)


def form_errors_add(form, errors: dict[str, list[str]]) -> None:
    """Put the rules' refusals on a Django form, except on fields it already refused
    (a too-long value says so once, not twice)."""
    already_refused = set(form.errors)
    for name, messages in errors.items():
        if name not in already_refused:
            for message in messages:
                form.add_error(name, message)
