"""Forms of the public search page (issue #4); the API validates with search.api."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cms.models.legal_documents import DocumentType
from search.api import DATES_REVERSED, MAX_QUERY_LENGTH

SCOPE_ALL = "all"
SCOPE_PORTAL = "portal"
SCOPE_ARCHIVED = "archived"  # issue #21: only the portals archived by a reorganisation


class DateRangeMixin:
    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", DATES_REVERSED)
        return data


class SearchForm(DateRangeMixin, forms.Form):
    q = forms.CharField(label=_("Search"), max_length=MAX_QUERY_LENGTH)
    scope = forms.ChoiceField(
        label=_("Where"), required=False, initial=SCOPE_ALL, widget=forms.RadioSelect,
        choices=[(SCOPE_ALL, _("All portals")), (SCOPE_PORTAL, _("This portal only")),
                 (SCOPE_ARCHIVED, _("Archived portals"))],
    )
    portal = forms.SlugField(required=False, widget=forms.HiddenInput)
    kind = forms.CharField(required=False, widget=forms.HiddenInput)
    section = forms.CharField(required=False, widget=forms.HiddenInput)
    type = forms.CharField(required=False, widget=forms.HiddenInput)
    year = forms.IntegerField(required=False, widget=forms.HiddenInput)
    date_from = forms.DateField(label=pgettext_lazy("search filter", "From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=pgettext_lazy("search filter", "To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class LegalDocumentSearchForm(DateRangeMixin, forms.Form):
    """Điều 8.1.e: search documents by number, type, authority, issue date and abstract."""

    number = forms.CharField(label=_("Document number"), required=False, max_length=100,
                             widget=forms.TextInput(attrs={"placeholder": "96/QĐ-UBND"}))
    document_type = forms.ChoiceField(label=_("Document type"), required=False,
                                      choices=[("", _("Any"))] + list(DocumentType.choices))
    authority = forms.CharField(label=_("Issuing authority"), required=False, max_length=255)
    date_from = forms.DateField(label=_("Issued from"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Issued until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    q = forms.CharField(label=_("Words in the abstract"), required=False, max_length=MAX_QUERY_LENGTH)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
