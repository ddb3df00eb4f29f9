"""Every piece of the Q&A engine this app reuses, imported in this one module.

Q&A's intake (rate limit, honeypot, tracking codes, contact checks, attachment checks,
the public API base view, safe mail) is being extracted into an ``intake/`` package
(issue #24 item 2), keeping qa's names importable. Everything this app takes from it
comes through here, so repointing to ``intake`` is a change to this file only.
"""

from importlib import import_module

from qa.models.petitions import TRACKING_CODE_LENGTH, tracking_code_new, tracking_code_normalise
from qa.notifications import mail_send_safely
from qa.ratelimit import client_ip, fixed_window_check
from qa.rules import (
    ATTACHMENT_MAX_BYTES,
    MESSAGE_AGENCY_MISSING,
    MESSAGE_AGENCY_UNKNOWN,
    MESSAGE_EMAIL_INVALID,
    MESSAGE_PHONE_INVALID,
    attachment_errors,
    phone_is_valid,
    word_count,
)

# View-layer pieces, imported on first use: models.py and rules.py import this module
# while Django is still loading models, before qa.api's imports may run.
_LAZY = {
    "PublicAPIView": "qa.api",
    "HONEYPOT_FIELD": "qa.forms",
    "MultipleFileField": "qa.forms",
    "sender_language": "qa.services",
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
    "attachment_errors",
    "client_ip",
    "fixed_window_check",
    "mail_send_safely",
    "phone_is_valid",
    "sender_language",
    "tracking_code_new",
    "tracking_code_normalise",
    "word_count",
]
