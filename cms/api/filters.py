"""Query filters of the pages endpoint (issue #3 item 5): one class per parameter.

Each class follows Wagtail's own filters (``wagtail.api.v2.filters``): it reads one
query parameter, narrows the queryset, raises ``BadRequestError`` (HTTP 400) on a bad
value, and describes itself for the OpenAPI schema through
``get_schema_operation_parameters``.

Filters on a field of one page type (``status``, ``year`` …) need ``type=`` naming that
page type: the same name means different things on different types (a legal
document's ``status`` is not a project's), so guessing would give wrong answers.
"""

import datetime

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import FieldsFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import get_page_models

from cms.models.base import portal_page_models
from cms.models.legal_documents import document_number_key
from mandate.items import MANDATE_ITEMS

# Messages are constants so tests can import them.
NEEDS_TYPE = "'%(param)s' needs type= naming one page type that has it, e.g. type=%(example)s"
NOT_A_CHOICE = "'%(value)s' is not a valid %(param)s; choose one of: %(choices)s"
NOT_A_YEAR = "year must be a four-digit year"
NOT_A_DATE = "%(param)s must be a date (YYYY-MM-DD)"
NOT_A_FIELD_VALUE = "field filter error: %(error)s"
UNKNOWN_SECTION = "section '%(value)s' is not a mandated item; choose one of: %(choices)s"


def _query_parameter(name, description, schema=None):
    return {
        "name": name,
        "required": False,
        "in": "query",
        "description": description,
        "schema": schema or {"type": "string"},
    }


def _model_field(queryset, name):
    try:
        return queryset.model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


class PageFieldFilter(BaseFilterBackend):
    """Base: one query parameter filtering one field of the requested page type."""

    param: str = ""
    field_name: str = ""
    example_type = "cms.LegalDocumentPage"
    description = ""
    schema: dict | None = None

    def filter_queryset(self, request, queryset, view):
        value = request.GET.get(self.param)
        if value is None or value == "":
            return queryset
        field = _model_field(queryset, self.field_name)
        if field is None:
            raise BadRequestError(NEEDS_TYPE % {"param": self.param, "example": self.example_type})
        return self.apply(queryset, field, value)

    def apply(self, queryset, field, value):
        return queryset.filter(**{self.field_name: value})

    def get_schema_operation_parameters(self, view):
        return [_query_parameter(self.param, self.description, self.schema)]


class ChoiceFieldFilter(PageFieldFilter):
    """Exact match on a field with choices; an unknown value is a 400, not an empty list."""

    def apply(self, queryset, field, value):
        choices = [key for key, _label in field.choices or ()]
        if choices and value not in choices:
            raise BadRequestError(
                NOT_A_CHOICE % {"value": value, "param": self.param, "choices": ", ".join(choices)}
            )
        return queryset.filter(**{self.field_name: value})


class DocumentTypeFilter(ChoiceFieldFilter):
    """?document_type=decision (legal documents, Điều 8.1.e: form of the document)."""

    param = field_name = "document_type"
    description = "Legal documents: document type (decision, resolution, directive …). Needs type=cms.LegalDocumentPage."


class IssuingAuthorityFilter(PageFieldFilter):
    """?issuing_authority=ubnd tỉnh: part of the issuing authority, any letter case."""

    param = field_name = "issuing_authority"
    description = (
        "Legal documents: the issuing authority contains this text (case-insensitive). "
        "Needs type=cms.LegalDocumentPage."
    )

    def apply(self, queryset, field, value):
        return queryset.filter(issuing_authority__icontains=value)


class YearFilter(PageFieldFilter):
    """?year=2021: documents (or gazette issues) issued in that year."""

    param = "year"
    field_name = "issue_date"
    description = "Legal documents and gazette issues: year of the issue date. Needs type=."
    schema = {"type": "integer", "minimum": 1900, "maximum": 9999}

    def apply(self, queryset, field, value):
        if not (value.isdigit() and len(value) == 4):
            raise BadRequestError(NOT_A_YEAR)
        return queryset.filter(issue_date__year=int(value))


class DocumentNumberFilter(PageFieldFilter):
    """?number=96/qd-ubnd finds 96/QĐ-UBND: matched on the normalised key, so case,
    diacritics and spaces do not matter (cms.models.legal_documents.document_number_key)."""

    param = "number"
    field_name = "document_number_key"
    description = (
        "Legal documents: document number, ignoring case, diacritics and spaces "
        "(96/qd-ubnd finds 96/QĐ-UBND). Needs type=cms.LegalDocumentPage."
    )

    def apply(self, queryset, field, value):
        return queryset.filter(document_number_key=document_number_key(value))


class StatusFilter(ChoiceFieldFilter):
    """?status=in_force (legal documents), in_progress (projects, science programmes)."""

    param = field_name = "status"
    description = (
        "Status of the requested page type: legal documents in_force, expired …; "
        "projects preparing, in_progress, completed. Needs type=."
    )


class FieldFilter(PageFieldFilter):
    """?field=Giao thông: the sector of a project, legal document or science programme."""

    param = field_name = "field"
    example_type = "cms.ProjectPage"
    description = "Projects, legal documents, science programmes: field (sector), exact text. Needs type=."


class SectionFilter(BaseFilterBackend):
    """?section=8.1.e: pages of the types that serve that mandated item (mandate.items)."""

    param = "section"

    def filter_queryset(self, request, queryset, view):
        value = request.GET.get(self.param)
        if not value:
            return queryset
        if value not in MANDATE_ITEMS:
            raise BadRequestError(UNKNOWN_SECTION % {"value": value, "choices": ", ".join(MANDATE_ITEMS)})
        models = section_page_models(value)
        if not models:
            return queryset.none()
        return queryset.type(*models)

    def get_schema_operation_parameters(self, view):
        return [
            _query_parameter(
                self.param,
                "Mandated item of Decision 96/QĐ-UBND Điều 8 (e.g. 8.1.e): pages of the types serving it.",
                {"type": "string", "enum": list(MANDATE_ITEMS)},
            )
        ]


def section_page_models(key: str) -> list:
    """Page models whose ``mandate_item`` is ``key``."""
    return [model for model in get_page_models() if getattr(model, "mandate_item", "") == key]


class InformationDateBoundFilter(BaseFilterBackend):
    """Base of the information_date range bounds (inclusive)."""

    param = ""
    lookup = ""
    description = ""

    def filter_queryset(self, request, queryset, view):
        value = request.GET.get(self.param)
        if not value:
            return queryset
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError as e:
            raise BadRequestError(NOT_A_DATE % {"param": self.param}) from e
        condition = {f"information_date__{self.lookup}": day}
        if _model_field(queryset, "information_date") is not None:
            return queryset.filter(**condition)
        # A generic Page listing: information_date lives on each concrete type's table,
        # so match ids across them (one subquery per type; fine for a range filter).
        match = Q()
        for model in portal_page_models():
            match |= Q(pk__in=model.objects.filter(**condition).values("pk"))
        return queryset.filter(match)

    def get_schema_operation_parameters(self, view):
        return [_query_parameter(self.param, self.description, {"type": "string", "format": "date"})]


class InformationDateFromFilter(InformationDateBoundFilter):
    """?information_date_from=2025-01-01: the information arose on or after that day."""

    param = "information_date_from"
    lookup = "gte"
    description = "Pages whose information arose on or after this date (Điều 8 deadlines count from it)."


class InformationDateToFilter(InformationDateBoundFilter):
    """?information_date_to=2025-12-31: the information arose on or before that day."""

    param = "information_date_to"
    lookup = "lte"
    description = "Pages whose information arose on or before this date."


PAGE_FILTERS = [
    DocumentTypeFilter,
    IssuingAuthorityFilter,
    YearFilter,
    DocumentNumberFilter,
    StatusFilter,
    FieldFilter,
    SectionFilter,
    InformationDateFromFilter,
    InformationDateToFilter,
]
PAGE_FILTER_PARAMETERS = frozenset(f.param for f in PAGE_FILTERS)


class _RequestWithout:
    """The request's query string minus some parameters, for Wagtail's FieldsFilter."""

    def __init__(self, request, names):
        self.GET = request.GET.copy()
        for name in names:
            self.GET.pop(name, None)


class PortalFieldsFilter(FieldsFilter):
    """Wagtail's exact-match ?<field>=… filter, minus the parameters a class above owns
    (it would otherwise also apply ``issuing_authority`` as an exact match)."""

    def filter_queryset(self, request, queryset, view):
        # Wagtail converts booleans, integers and keys itself and leaves any other value
        # to the lookup, where a date-time field refuses "null" or "1e+16" with Django's
        # ValidationError: that was a 500 (found by tests/security/test_openapi_fuzz.py).
        try:
            return super().filter_queryset(_RequestWithout(request, PAGE_FILTER_PARAMETERS), queryset, view)
        except DjangoValidationError as e:
            raise BadRequestError(NOT_A_FIELD_VALUE % {"error": " ".join(e.messages)}) from e
