"""The honeypot every public form carries: a ``website`` field robots fill in.

People never see it (the template hides it, ``templates/intake/honeypot.html``); a
submission with it filled is answered exactly like a real one, with nothing stored, so
a robot learns nothing to adapt to.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

HONEYPOT_FIELD = "website"
HONEYPOT_HELP = (
    "Honeypot for robots: must be left empty. When filled, the response looks "
    "like a success but nothing is stored."
)


def honeypot_filled(data) -> bool:
    """True when a submission (form data or an API payload) filled the honeypot."""
    return bool(str(data.get(HONEYPOT_FIELD) or "").strip())


def honeypot_form_field() -> forms.CharField:
    return forms.CharField(label=_("Leave this field empty"), required=False)


def honeypot_serializer_field() -> serializers.CharField:
    # Declared in each serializer where it stands, so the documented field order holds.
    return serializers.CharField(required=False, allow_blank=True, default="", help_text=HONEYPOT_HELP)


class HoneypotFormMixin:
    """Adds the honeypot as the form's last field and tells whether a robot filled it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = honeypot_form_field()

    @property
    def is_robot(self) -> bool:
        return honeypot_filled(self.data)
