"""Forms: the public question form of a portal and the board's action forms.

The public form applies exactly the rules of ``qa.rules`` (the API serializer does
too), so a refusal reads the same on the portal and through the API.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from intake.contact import form_errors_add
# Moved to intake; remove after merge (re-exported for branches written against qa's engine).
from intake.honeypot import HONEYPOT_FIELD, HoneypotFormMixin  # noqa: F401
from qa.rules import INTAKE_FIELDS, Competence, attachment_errors, petition_intake_errors
from tenants.models import Unit, UnitKind
from vietnamese.forms import VietnameseTextFormMixin


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single_clean = super().clean
        if isinstance(data, (list, tuple)):
            return [single_clean(item, initial) for item in data if item]
        return [single_clean(data, initial)] if data else []


class PetitionForm(HoneypotFormMixin, VietnameseTextFormMixin, forms.Form):
    # Not "required": the rules of Điều 13 give the messages, identical to the API's.
    sender_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    sender_address = forms.CharField(label=_("Address"), max_length=300, required=False)
    sender_phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    sender_email = forms.CharField(label=_("E-mail"), max_length=254, required=False)
    anonymous = forms.BooleanField(label=_("Do not show my name with the published answer"), required=False)
    subject = forms.CharField(label=_("Subject"), max_length=255, required=False)
    field = forms.CharField(label=pgettext_lazy("subject area", "Field"), max_length=100, required=False)
    content = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    attachments = MultipleFileField(label=_("Attachments"), required=False)
    # The honeypot (HoneypotFormMixin) comes last.

    def clean(self):
        cleaned_data = super().clean()
        form_errors_add(self, petition_intake_errors(**{name: cleaned_data.get(name, "") for name in INTAKE_FIELDS}))
        for message in attachment_errors(cleaned_data.get("attachments") or []):
            self.add_error("attachments", message)
        return cleaned_data


class TrackingLookupForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=20)


class ClassifyForm(forms.Form):
    competence = forms.ChoiceField(label=_("Competence class"), choices=Competence.choices)
    appointment_date = forms.DateField(
        label=_("Appointment date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Special cases only; at most the latest date the law allows."),
    )


# Issue #19 item 3: "Chuyển đến" lists units grouped by kind, in the order a board
# looks for them: the province, departments, then districts, then communes.
AGENCY_GROUPS = (
    (UnitKind.PROVINCE, _("Province")),
    (UnitKind.DEPARTMENT, _("Departments and agencies")),
    (UnitKind.DISTRICT, _("Districts, towns and cities")),
    (UnitKind.COMMUNE, _("Communes, wards and townships")),
)


class UnitsByKindIterator(forms.models.ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        units = list(self.queryset)
        for kind, label in AGENCY_GROUPS:
            group = [self.choice(unit) for unit in units if unit.kind == kind]
            if group:
                yield (label, group)


class AgencyChoiceField(forms.ModelChoiceField):
    iterator = UnitsByKindIterator


class ForwardForm(VietnameseTextFormMixin, forms.Form):
    to_agency = AgencyChoiceField(
        label=_("Forward to"),
        queryset=Unit.objects.order_by("name"),
        empty_label=_("Choose the agency…"),
        widget=forms.Select(attrs={"data-qa-searchable": "true", "data-qa-search-placeholder": _("Search agencies…")}),
        help_text=_("Type part of the name in the search box above the list to narrow it."),
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class AnswerForm(VietnameseTextFormMixin, forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 8}))
    answered_by_name = forms.CharField(label=_("Answered by (leader)"), max_length=200)


class RefuseForm(VietnameseTextFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason for refusal"), widget=forms.Textarea(attrs={"rows": 3}))


class PublishForm(forms.Form):
    pass
