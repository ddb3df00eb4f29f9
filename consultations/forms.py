"""The public comment form of a consultation page and the board's moderation form.

The public form applies exactly ``consultations.rules`` (the API serializer does
too), so a refusal reads the same on the portal and through the API.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from consultations.rules import INTAKE_FIELDS, comment_intake_errors
from vietnamese.forms import VietnameseTextFormMixin

HONEYPOT_FIELD = "website"


class CommentForm(VietnameseTextFormMixin, forms.Form):
    # Not "required": the rules give the messages, identical to the API's.
    commenter_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation (optional)"), max_length=255, required=False)
    commenter_email = forms.CharField(label=_("E-mail"), max_length=254, required=False)
    commenter_phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    content = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    # Honeypot: hidden from people by the template, filled in by form-filling robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    @property
    def is_robot(self) -> bool:
        return bool((self.data.get(HONEYPOT_FIELD) or "").strip())

    def clean(self):
        cleaned_data = super().clean()
        already_refused = set(self.errors)
        intake = comment_intake_errors(**{name: cleaned_data.get(name, "") for name in INTAKE_FIELDS})
        for name, messages in intake.items():
            if name not in already_refused:
                for message in messages:
                    self.add_error(name, message)
        return cleaned_data


class ModerationForm(VietnameseTextFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Moderation note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Required when rejecting: the reason, kept for the record."),
    )
