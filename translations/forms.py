"""Admin form of ``MirrorSettings``: tick boxes over the mirrorable page types."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from translations.rules import MIRRORABLE_PAGE_TYPES


class MirrorSettingsForm(WagtailAdminModelForm):
    mirrored = forms.MultipleChoiceField(
        label=_("Page types to mirror in English"),
        choices=list(MIRRORABLE_PAGE_TYPES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["mirrored"] = self.instance.get_page_types()

    def save(self, commit=True):
        self.instance.page_types = list(self.cleaned_data["mirrored"])
        return super().save(commit=commit)


class AnswerTranslationForm(forms.Form):
    subject = forms.CharField(label=_("Subject in English"), max_length=255, required=False)
    answer = forms.CharField(
        label=_("Answer in English"), widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": _("Write the answer in English.")},
    )
    signature = forms.CharField(
        label=_("Signed by (in English)"), max_length=200,
        help_text=_("The signer's name and title in English, e.g. “Nguyen Van A, Director of the Department of Justice”."),
        error_messages={"required": _("Sign the English answer in English: the signer's name and title.")},
    )
