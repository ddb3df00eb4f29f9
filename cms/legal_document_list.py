"""The public list of a portal's legal documents (Điều 8.1.e, issue #17 item 3).

The section page filters its documents by type, issuing authority, field, year and
status, sorts them, and counts each value for the filter lists. The issuing authority
is matched the way people write it: "UBND tỉnh" finds "Ủy ban nhân dân tỉnh Bắc Ninh"
and "UBND tỉnh Bắc Ninh" alike, with or without diacritics.
"""

import re
import unicodedata
from dataclasses import dataclass

from django import forms
from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from cms.models.legal_documents import DocumentStatus, DocumentType

# Abbreviations of Vietnamese state bodies, folded, and what they stand for.
AUTHORITY_ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "ttg": "thu tuong",
    "bch": "ban chap hanh",
    "tp": "thanh pho",
    "tx": "thi xa",
    "ubmttq": "uy ban mat tran to quoc",
}
SORT_ORDERS = {
    "newest": ("-issue_date", "-id"),
    "oldest": ("issue_date", "id"),
    "number": ("document_number_key", "-issue_date"),
    "effective": ("-effective_date", "-issue_date"),
}
DEFAULT_SORT = "newest"


def text_fold(text: str) -> str:
    text = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    text = "".join(char for char in text if unicodedata.category(char) != "Mn").lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def authority_words(text: str) -> list[str]:
    """The folded words of an authority's name with its abbreviations spelt out."""
    words = []
    for word in text_fold(text).split():
        words += AUTHORITY_ABBREVIATIONS.get(word, word).split()
    return words


def authority_matches(query: str, authority: str) -> bool:
    """Whether ``authority`` holds every word of ``query``, in order, abbreviations spelt out."""
    wanted, words = authority_words(query), authority_words(authority)
    if not wanted:
        return True
    return f" {' '.join(wanted)} " in f" {' '.join(words)} "


class LegalDocumentFilterForm(forms.Form):
    document_type = forms.ChoiceField(label=_("Document type"), required=False)
    authority = forms.CharField(label=_("Issuing authority"), required=False, max_length=255)
    field = forms.ChoiceField(label=_("Field"), required=False)
    year = forms.ChoiceField(label=_("Year"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=[
        ("newest", _("Newest first")), ("oldest", _("Oldest first")),
        ("number", _("Document number")), ("effective", _("Effective date")),
    ])

    def __init__(self, *args, facets: "LegalDocumentFacets", **kwargs):
        super().__init__(*args, **kwargs)
        any_choice = [("", _("Any"))]
        types = dict(DocumentType.choices)
        statuses = dict(DocumentStatus.choices)
        self.fields["document_type"].choices = any_choice + [
            (value, f"{types.get(value, value)} ({count})") for value, count in facets.types]
        self.fields["field"].choices = any_choice + [(value, f"{value} ({count})") for value, count in facets.fields]
        self.fields["year"].choices = any_choice + [(str(value), f"{value} ({count})") for value, count in facets.years]
        self.fields["status"].choices = any_choice + [
            (value, f"{statuses.get(value, value)} ({count})") for value, count in facets.statuses]


@dataclass
class LegalDocumentFacets:
    """Each value present in the section with how many documents carry it."""

    types: list[tuple[str, int]]
    authorities: list[tuple[str, int]]
    fields: list[tuple[str, int]]
    years: list[tuple[int, int]]
    statuses: list[tuple[str, int]]


def _counts(queryset: QuerySet, column: str, *, order_by_count: bool = True) -> list[tuple]:
    rows = queryset.exclude(**{f"{column}__isnull": True}).values_list(column).annotate(n=Count("id"))
    rows = [(value, n) for value, n in rows if value not in ("", None)]
    return sorted(rows, key=lambda row: (-row[1], str(row[0])) if order_by_count else row[0])


def legal_document_facets(documents: QuerySet) -> LegalDocumentFacets:
    documents = documents.order_by()
    years = documents.annotate(year=ExtractYear("issue_date")).values_list("year").annotate(n=Count("id"))
    return LegalDocumentFacets(
        types=_counts(documents, "document_type"),
        authorities=_counts(documents, "issuing_authority"),
        fields=_counts(documents, "field"),
        years=sorted(((year, n) for year, n in years if year), reverse=True),
        statuses=_counts(documents, "status"),
    )


def legal_document_facets_cached(*, section, request, documents: QuerySet) -> LegalDocumentFacets:
    """The section's facets (five counting queries) kept per portal (cms.chrome's
    generation token): they change only when a document of the portal is saved,
    published, moved or deleted, which renews the token."""
    from django.core.cache import cache

    from caching.keys import portal_data_key
    from cms.chrome import portal_site_of

    site_id = portal_site_of(page=section, request=request)
    if site_id is None:
        return legal_document_facets(documents)
    key = portal_data_key(site_id=site_id, name="legal-document-facets", parts=(section.pk,))
    facets = cache.get(key)
    if facets is None:
        facets = legal_document_facets(documents)
        cache.set(key, facets, 24 * 3600)
    return facets


def legal_documents_filter(documents: QuerySet, *, data: dict, facets: LegalDocumentFacets) -> QuerySet:
    """``documents`` narrowed by the form's cleaned ``data`` and sorted."""
    if data.get("document_type"):
        documents = documents.filter(document_type=data["document_type"])
    if data.get("authority"):
        matched = [name for name, _count in facets.authorities if authority_matches(data["authority"], name)]
        documents = documents.filter(issuing_authority__in=matched)
    if data.get("field"):
        documents = documents.filter(field=data["field"])
    if data.get("year"):
        documents = documents.filter(issue_date__year=int(data["year"]))
    if data.get("status"):
        documents = documents.filter(status=data["status"])
    return documents.order_by(*SORT_ORDERS[data.get("sort") or DEFAULT_SORT])


def legal_document_list_context(*, section, request, documents: QuerySet) -> dict:
    """What the section's template shows: the form, the counts, one page of documents
    (with their files) and the query string that keeps the filters across pages."""
    from django.core.paginator import Paginator

    facets = legal_document_facets_cached(section=section, request=request, documents=documents)
    form = LegalDocumentFilterForm(request.GET or None, facets=facets)
    data = form.cleaned_data if form.is_valid() else {}
    filtered = legal_documents_filter(documents, data=data, facets=facets).prefetch_related("files__document")
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "items": Paginator(filtered, section.items_per_page).get_page(request.GET.get("page")),
        "filter_form": form,
        "facets": facets,
        "filtered": any(value for key, value in data.items() if key != "sort"),
        "page_query": query.urlencode(),
    }
