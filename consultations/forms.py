"""The public comment form of a consultation page and the board's moderation form.

The public form applies exactly ``consultations.rules`` (the API serializer does
too), so a refusal reads the same on the portal and through the API.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from consultations.rules import INTAKE_FIELDS, comment_intake_errors
from intake.contact import form_errors_add
from intake.honeypot import HoneypotFormMixin
from vietnamese.forms import VietnameseTextFormMixin


class CommentForm(HoneypotFormMixin, VietnameseTextFormMixin, forms.Form):
    # Not "required": the rules give the messages, identical to the API's.
    commenter_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation (optional)"), max_length=255, required=False)
    commenter_email = forms.CharField(label=_("E-mail"), max_length=254, required=False)
    commenter_phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    content = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    # The honeypot (HoneypotFormMixin) comes last.

    def clean(self):
        cleaned_data = super().clean()
        form_errors_add(self, comment_intake_errors(**{name: cleaned_data.get(name, "") for name in INTAKE_FIELDS}))
        return cleaned_data


class ModerationForm(VietnameseTextFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Moderation note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Required when rejecting: the reason, kept for the record."),
    )
