"""What Luật Tiếp cận thông tin 2016 (Luật số 104/2016/QH13) and Nghị định 13/2018/NĐ-CP
fix about requests for information, each number next to its article, and nowhere else.

Texts read (copies in the reference corpus, December 2026):
- Điều 28 (refusal grounds, khoản 1 a–e; refusal in writing with reasons, khoản 2);
- Điều 30 khoản 1–3 (delivery over the network: e-mail attachment, one-time access
  code, download address; simple available information within 3 working days);
- Điều 31 (delivery by post or fax: simple available information within 5 working
  days; complex information: written notice of the deadline within 3 working days,
  information or refusal within 15 working days; extension of at most 15 days with
  written notice within the deadline);
- Điều 36 (foreigners residing in Việt Nam: information directly concerning their own
  rights and obligations; citizens through their organisation, detailed by Nghị định
  13/2018 Điều 4).
Not found in the corpus, so cited by the law's structure only: the text of Điều 24 (the
contents of a request, which the decree's annex form Mẫu số 01 follows) and of Điều 30
khoản 4 (complex information over the network), taken here to set the same 3/15
working days as Điều 31 khoản 2. The rest of the annex forms was not found either.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils.translation import gettext_lazy as _

from information_requests.shared import MESSAGE_EMAIL_INVALID, MESSAGE_PHONE_INVALID, phone_is_valid, word_count
from workdays.calendar import due_date_for, working_calendar


class RequesterKind(models.TextChoices):
    CITIZEN = "citizen", _("Vietnamese citizen")
    # Điều 36 khoản 1: only information directly concerning their own rights and obligations.
    FOREIGN_RESIDENT = "foreign_resident", _("Foreigner residing in Viet Nam")
    # Điều 36 khoản 2, Nghị định 13/2018 Điều 4: citizens asking through their
    # organisation, union or enterprise, which names its representative.
    ORGANISATION = "organisation", _("Organisation, union or enterprise")


class DeliveryForm(models.TextChoices):
    """How the requester wants the information (Điều 30 khoản 2, Điều 31)."""

    EMAIL = "email", _("By e-mail")  # Điều 30 khoản 2 điểm a
    DOWNLOAD = "download", _("Download from the portal")  # Điều 30 khoản 2 điểm b, c
    POST = "post", _("By post")  # Điều 31


ELECTRONIC_FORMS = frozenset({DeliveryForm.EMAIL, DeliveryForm.DOWNLOAD})


class Availability(models.TextChoices):
    """The board's classification, which sets the deadline (Điều 30, 31)."""

    AVAILABLE = "available", _("Simple, available information")
    NEEDS_COLLECTION = "needs_collection", _("Complex information needing collection or other agencies' views")


class RefusalGround(models.TextChoices):
    """Điều 28 khoản 1: the only grounds on which a request may be refused."""

    NOT_ACCESSIBLE = "not_accessible", _(
        "Information citizens may not access (Điều 6) or whose conditions are not met (Điều 7) – Điều 28.1.a"
    )
    ALREADY_PUBLIC = "already_public", _("Information already made public (Điều 17) – Điều 28.1.b")
    NOT_RESPONSIBLE = "not_responsible", _("The agency is not responsible for providing it – Điều 28.1.c")
    PROVIDED_TWICE = "provided_twice", _(
        "Already provided twice to the same requester without a good reason – Điều 28.1.d"
    )
    BEYOND_CAPACITY = "beyond_capacity", _(
        "Beyond the agency's capacity or disrupting its normal work – Điều 28.1.đ"
    )
    COSTS_UNPAID = "costs_unpaid", _("The requester did not pay the actual costs of copying or posting – Điều 28.1.e")


# Điều 30 khoản 3 (over the network) and Điều 31 khoản 1 (by post): simple, available
# information is provided within 3 and 5 working days of a valid request.
AVAILABLE_WORKING_DAYS: dict[str, int] = {
    DeliveryForm.EMAIL: 3,
    DeliveryForm.DOWNLOAD: 3,
    DeliveryForm.POST: 5,
}
# Điều 31 khoản 2 (and Điều 30 khoản 4, text not found): complex information – written
# notice of the deadline within 3 working days, the information (or a refusal) within
# 15 working days of a valid request.
NOTICE_WORKING_DAYS = 3
NEEDS_COLLECTION_WORKING_DAYS = 15
# Điều 31 khoản 2, last paragraph: "gia hạn nhưng tối đa không quá 15 ngày" – days, not
# working days (the same paragraph says "ngày làm việc" where it means them), with a
# written notice given before the deadline runs out.
EXTENSION_MAX_DAYS = 15

# Until the board classifies a request, it is due as simple and available (the shortest
# deadline), so none escapes the overdue tracking while it waits.
DEFAULT_AVAILABILITY = Availability.AVAILABLE

# Platform choices, not the law's: a request the board can act on without asking back.
INFORMATION_MIN_WORDS = 5
# CMND (9 digits), CCCD (12 digits) or a passport number (letters and digits).
ID_NUMBER_PATTERN = re.compile(r"^[A-Z0-9]{6,12}$")

# The fields of the decree's annex form Mẫu số 01 (Điều 24), in the order a form shows them.
INTAKE_FIELDS = (
    "requester_kind",
    "requester_name",
    "organisation_name",
    "representative_name",
    "requester_address",
    "requester_id_number",
    "requester_phone",
    "requester_email",
    "information_requested",
    "purpose",
    "delivery_form",
    "concerns_own_rights",
)

MESSAGE_NAME_MISSING = _("Please enter the requester's full name (Điều 24, Law on Access to Information).")
MESSAGE_ADDRESS_MISSING = _("Please enter the place of residence or address (Điều 24, Law on Access to Information).")
MESSAGE_ID_MISSING = _(
    "Please enter the number of the identity card, citizen identity card or passport (Điều 24, Law on Access to "
    "Information)."
)
MESSAGE_ID_INVALID = _("The identity card or passport number may only contain 6 to 12 letters and digits.")
MESSAGE_CONTACT_MISSING = _("Please enter a phone number or an e-mail address so that the agency can reach you.")
MESSAGE_INFORMATION_TOO_SHORT = _(
    "Please say which information you request, naming the document, file or record, in at least %(words)s words "
    "(Điều 24, Law on Access to Information)."
)
MESSAGE_PURPOSE_MISSING = _("Please state the purpose of the request (Điều 24, Law on Access to Information).")
MESSAGE_DELIVERY_MISSING = _("Please choose how you want to receive the information (Điều 30, 31).")
MESSAGE_EMAIL_FOR_DELIVERY = _("Information sent by e-mail needs an e-mail address (Điều 30.2.a).")
MESSAGE_ORGANISATION_MISSING = _(
    "A request through an organisation names the organisation (Điều 36.2, Nghị định 13/2018/NĐ-CP Điều 4)."
)
MESSAGE_REPRESENTATIVE_MISSING = _(
    "A request through an organisation names its representative (Điều 36.2, Nghị định 13/2018/NĐ-CP Điều 4)."
)
MESSAGE_NOT_ENTITLED = _(
    "A foreigner residing in Viet Nam may only request information directly concerning their own rights and "
    "obligations (Điều 36.1, Law on Access to Information)."
)
MESSAGE_REQUESTER_KIND_MISSING = _("Please say who is making the request.")


def information_request_intake_errors(
    *,
    requester_kind: str,
    requester_name: str,
    organisation_name: str,
    representative_name: str,
    requester_address: str,
    requester_id_number: str,
    requester_phone: str,
    requester_email: str,
    information_requested: str,
    purpose: str,
    delivery_form: str,
    concerns_own_rights: bool,
) -> dict[str, list[str]]:
    """Field name → reasons the request cannot be received (empty if it can).

    Two of the law's grounds are judged at intake: an incomplete request (Điều 24) and a
    requester not entitled (Điều 36.1). The grounds of Điều 28 need the board's judgement
    and are given by :func:`information_requests.services.information_request_refuse`.
    """
    errors: dict[str, list[str]] = {}

    def refuse(field: str, message) -> None:
        errors.setdefault(field, []).append(str(message))

    def blank(value) -> bool:
        return not (value or "").strip()

    phone, email = (requester_phone or "").strip(), (requester_email or "").strip()
    if requester_kind not in RequesterKind.values:
        refuse("requester_kind", MESSAGE_REQUESTER_KIND_MISSING)
    if blank(requester_name):
        refuse("requester_name", MESSAGE_NAME_MISSING)
    if requester_kind == RequesterKind.ORGANISATION:
        if blank(organisation_name):
            refuse("organisation_name", MESSAGE_ORGANISATION_MISSING)
        if blank(representative_name):
            refuse("representative_name", MESSAGE_REPRESENTATIVE_MISSING)
    if requester_kind == RequesterKind.FOREIGN_RESIDENT and not concerns_own_rights:
        refuse("concerns_own_rights", MESSAGE_NOT_ENTITLED)
    if blank(requester_address):
        refuse("requester_address", MESSAGE_ADDRESS_MISSING)
    id_number = id_number_normalise(requester_id_number)
    if not id_number:
        refuse("requester_id_number", MESSAGE_ID_MISSING)
    elif not ID_NUMBER_PATTERN.match(id_number):
        refuse("requester_id_number", MESSAGE_ID_INVALID)
    if not phone and not email:
        refuse("requester_phone", MESSAGE_CONTACT_MISSING)
        refuse("requester_email", MESSAGE_CONTACT_MISSING)
    if phone and not phone_is_valid(phone):
        refuse("requester_phone", MESSAGE_PHONE_INVALID)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            refuse("requester_email", MESSAGE_EMAIL_INVALID)
    if word_count(information_requested) < INFORMATION_MIN_WORDS:
        refuse("information_requested", MESSAGE_INFORMATION_TOO_SHORT % {"words": INFORMATION_MIN_WORDS})
    if blank(purpose):
        refuse("purpose", MESSAGE_PURPOSE_MISSING)
    if delivery_form not in DeliveryForm.values:
        refuse("delivery_form", MESSAGE_DELIVERY_MISSING)
    elif delivery_form == DeliveryForm.EMAIL and not email:
        refuse("requester_email", MESSAGE_EMAIL_FOR_DELIVERY)
    return errors


def id_number_normalise(value: str) -> str:
    return "".join(ch for ch in (value or "").upper() if ch not in " .-")


def due_date_on_receipt(*, received_at: datetime.datetime, delivery_form: str) -> datetime.date:
    """The deadline before the board classifies: simple, available information."""
    return due_date_for(received_at, AVAILABLE_WORKING_DAYS[delivery_form])


def due_dates_for(
    *, received_at: datetime.datetime, delivery_form: str, availability: str
) -> tuple[datetime.date, datetime.date | None]:
    """(due date, date by which the requester must be told the deadline or None)."""
    if availability == Availability.NEEDS_COLLECTION:
        return (
            due_date_for(received_at, NEEDS_COLLECTION_WORKING_DAYS),
            due_date_for(received_at, NOTICE_WORKING_DAYS),
        )
    return due_date_for(received_at, AVAILABLE_WORKING_DAYS[delivery_form]), None


def extended_due_date(*, due_date: datetime.date, days: int = EXTENSION_MAX_DAYS) -> datetime.date:
    """``days`` calendar days after ``due_date`` (at most EXTENSION_MAX_DAYS); a deadline
    falling on a day off moves to the next working day, so that the agency can still
    answer on the last day (the common rule of time limits, Bộ luật Dân sự 2015 Điều 148,
    not checked against the corpus)."""
    if not 1 <= days <= EXTENSION_MAX_DAYS:
        raise ValueError(f"an extension is 1 to {EXTENSION_MAX_DAYS} days")
    day = due_date + datetime.timedelta(days=days)
    calendar = working_calendar(after=day - datetime.timedelta(days=1), until=day + datetime.timedelta(days=30))
    while not calendar.is_working_day(day):
        day += datetime.timedelta(days=1)
    return day
