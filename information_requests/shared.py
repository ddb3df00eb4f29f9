"""Every piece of the Q&A engine this app reuses, imported in this one module.

The public intake shared by every form (rate limit, honeypot, contact checks, the
public API base view, tracking codes and the tracked-submission fields, the boards'
lists and counts table) is the ``intake/`` package (issue #24 item 2); attachment checks
and safe mail are still Q&A's. Everything this app takes from
either comes through here.
"""

from importlib import import_module

from intake.agency import MESSAGE_AGENCY_MISSING, MESSAGE_AGENCY_UNKNOWN
from intake.contact import MESSAGE_EMAIL_INVALID, MESSAGE_PHONE_INVALID, phone_is_valid
from intake.ratelimit import client_ip, fixed_window_check
from intake.tracking import TRACKING_CODE_LENGTH, TrackedSubmission, tracking_code_new, tracking_code_normalise
from qa.notifications import mail_send_safely
from qa.rules import ATTACHMENT_MAX_BYTES, attachment_errors, word_count

# View-layer pieces, imported on first use: models.py and rules.py import this module
# while Django is still loading models, before qa.api's imports may run.
_LAZY = {
    "PublicAPIView": "intake.api",
    "HONEYPOT_FIELD": "intake.honeypot",
    "MultipleFileField": "qa.forms",
}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(name)


__all__ = [
    "ATTACHMENT_MAX_BYTES",
    "HONEYPOT_FIELD",
    "MESSAGE_AGENCY_MISSING",
    "MESSAGE_AGENCY_UNKNOWN",
    "MESSAGE_EMAIL_INVALID",
    "MESSAGE_PHONE_INVALID",
    "MultipleFileField",
    "PublicAPIView",
    "TRACKING_CODE_LENGTH",
    "TrackedSubmission",
    "attachment_errors",
    "client_ip",
    "fixed_window_check",
    "mail_send_safely",
    "phone_is_valid",
    "tracking_code_new",
    "tracking_code_normalise",
    "word_count",
]
