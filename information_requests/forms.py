"""The public request form (the fields of the decree's annex form Mẫu số 01), the
requester's lookup, and the board's action forms.

The public form and the API apply exactly ``rules.information_request_intake_errors``,
so a refusal reads the same on the portal and through the API.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from information_requests.rules import INTAKE_FIELDS, Availability, DeliveryForm, RefusalGround, RequesterKind
from information_requests.rules import information_request_intake_errors
from information_requests.shared import HONEYPOT_FIELD, MultipleFileField
from vietnamese.forms import VietnameseTextFormMixin


class InformationRequestForm(VietnameseTextFormMixin, forms.Form):
    # Not "required": the rules give the messages, identical to the API's.
    requester_kind = forms.ChoiceField(
        label=_("Requester"), choices=RequesterKind.choices, initial=RequesterKind.CITIZEN,
        widget=forms.RadioSelect, required=False,
    )
    requester_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    organisation_name = forms.CharField(
        label=_("Organisation, union or enterprise"), max_length=300, required=False,
        help_text=_("Only when requesting through an organisation."),
    )
    representative_name = forms.CharField(label=_("Its representative"), max_length=200, required=False)
    requester_address = forms.CharField(label=_("Place of residence, address"), max_length=300, required=False)
    requester_id_number = forms.CharField(
        label=_("Identity card, citizen identity card or passport number"), max_length=20, required=False
    )
    requester_phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    requester_email = forms.CharField(label=_("E-mail"), max_length=254, required=False)
    information_requested = forms.CharField(
        label=_("Information requested"), widget=forms.Textarea(attrs={"rows": 6}), required=False,
        help_text=_("Name the document, file or record (number, date, issuing agency) if you know it."),
    )
    purpose = forms.CharField(label=_("Purpose of the request"), widget=forms.Textarea(attrs={"rows": 3}),
                              required=False)
    delivery_form = forms.ChoiceField(
        label=_("Form of delivery"), choices=DeliveryForm.choices, initial=DeliveryForm.EMAIL,
        widget=forms.RadioSelect, required=False,
    )
    concerns_own_rights = forms.BooleanField(
        label=_("The information directly concerns my own rights and obligations (required of foreigners residing "
                "in Viet Nam)"),
        required=False,
    )
    # Honeypot: hidden from people by the template, filled in by form-filling robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    @property
    def is_robot(self) -> bool:
        return bool((self.data.get(HONEYPOT_FIELD) or "").strip())

    def clean(self):
        cleaned_data = super().clean()
        already_refused = set(self.errors)
        values = {name: cleaned_data.get(name) or ("" if name != "concerns_own_rights" else False)
                  for name in INTAKE_FIELDS}
        for name, messages in information_request_intake_errors(**values).items():
            if name not in already_refused:
                for message in messages:
                    self.add_error(name, message)
        return cleaned_data


class LookupForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=20)
    secret = forms.CharField(label=_("Secret"), max_length=40, widget=forms.PasswordInput(render_value=True))


class ClassifyForm(forms.Form):
    availability = forms.ChoiceField(label=_("Classification"), choices=Availability.choices)


class ExtendForm(VietnameseTextFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason for the extension"), widget=forms.Textarea(attrs={"rows": 2}))


class AnswerForm(VietnameseTextFormMixin, forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    files = MultipleFileField(label=_("Files"), required=False)


class RefuseForm(VietnameseTextFormMixin, forms.Form):
    ground = forms.ChoiceField(label=_("Ground for refusal (Điều 28.1)"), choices=RefusalGround.choices)
    reason = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))
