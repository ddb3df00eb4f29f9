"""Public search API (issue #4): ``/api/v2/search/`` and ``/api/v2/search/autocomplete/``.

The views validate parameters and hand off to ``search.services``; they never look at
which backend is configured. Errors are 400 with one message per field, in the
request's language (Vietnamese by default).
"""

import copy
import functools

import orjson

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView
from wagtail.models import Locale

from cms.api.fields import VisitorURLField, request_url_rewriter
from mandate.items import MANDATE_ITEMS
from search import services
from tenants.models import Unit, UnitKind

MAX_QUERY_LENGTH = 200
UNKNOWN_PORTAL = _("No portal has this name.")
DATES_REVERSED = _("The start date must not be after the end date.")
FALLBACK_NOTICE = _("The search engine is unavailable; these results come from the database and may be less complete.")


@functools.cache
def page_type_choices():
    """The page types one can filter on (fixed once the models are loaded: computed once,
    not for each request's serializer)."""
    return sorted(services.page_type_label(m) for m in services.portal_page_models())


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(max_length=MAX_QUERY_LENGTH, help_text=_("Words to look for"))
    portal = serializers.SlugField(required=False, help_text=_("Only this portal (unit slug)"))
    kind = serializers.ChoiceField(choices=UnitKind.choices, required=False, help_text=_("Only portals of this kind"))
    section = serializers.ChoiceField(choices=[(k, str(v.label)) for k, v in MANDATE_ITEMS.items()], required=False,
                                      help_text=_("Only this mandated item, e.g. 8.1.e"))
    type = serializers.ChoiceField(choices=[], required=False, help_text=_("Only this page type, e.g. cms.newspage"))
    locale = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)
    to = serializers.DateField(required=False, help_text=_("Published on or before (YYYY-MM-DD)"))
    page = serializers.IntegerField(min_value=1, max_value=1000, default=1)
    archived = serializers.BooleanField(required=False, default=False,
                                        help_text=_("Only the archived portals (merged or ended units)"))

    def get_fields(self):
        # Shallow copies of fields built once (issue 18, latency: DRF deep-copies every
        # declared field, ~150 choices each, for each request's serializer); binding a
        # copy to this serializer sets only its own attributes.
        return {name: copy.copy(field) for name, field in _search_query_fields().items()}

    def validate_portal(self, value):
        unit = Unit.objects.filter(slug=value).first()
        if unit is None:
            raise serializers.ValidationError(UNKNOWN_PORTAL)
        return unit

    def validate_locale(self, value):
        return Locale.objects.filter(language_code=value).first()

    def validate(self, attrs):
        if attrs.get("from") and attrs.get("to") and attrs["from"] > attrs["to"]:
            raise serializers.ValidationError({"to": [DATES_REVERSED]})
        return attrs

    def search_kwargs(self) -> dict:
        data = self.validated_data
        return {
            "query": data["q"], "portal": data.get("portal"), "kind": data.get("kind", ""),
            "section": data.get("section", ""), "page_type": data.get("type", ""), "locale": data.get("locale"),
            "date_from": data.get("from"), "date_to": data.get("to"), "page": data["page"],
            "archived": data.get("archived", False),
        }


@functools.cache
def _search_query_fields() -> dict:
    fields = copy.deepcopy(SearchQuerySerializer._declared_fields)
    fields["type"].choices = page_type_choices()
    # "from" is a Python keyword, so it cannot be declared as a class attribute.
    fields["from"] = serializers.DateField(required=False, help_text=_("Published on or after (YYYY-MM-DD)"))
    return fields


class PortalSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()


class HitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = VisitorURLField()
    portal = PortalSerializer(allow_null=True)
    section = serializers.CharField(help_text=_("Mandated item (cms.mandate key)"))
    page_type = serializers.CharField(help_text=_("Page type (app_label.model_name)"))
    date = serializers.DateField(allow_null=True)
    snippet = serializers.CharField(help_text=_("HTML: escaped text, matched words in <mark>"))
    also_on = serializers.IntegerField(help_text=_("How many other portals republished this page"))


class PromotionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="page_id", help_text=_("The promoted page's id"))
    title = serializers.CharField()
    url = VisitorURLField()
    description = serializers.CharField()


class FacetSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class FacetsSerializer(serializers.Serializer):
    portal = FacetSerializer(many=True)
    kind = FacetSerializer(many=True)
    section = FacetSerializer(many=True)
    type = FacetSerializer(many=True)
    year = FacetSerializer(many=True)


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField(source="total")
    page = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    promoted = PromotionSerializer(many=True, source="promotions",
                                   help_text=_("Results the portal's board promotes for this query, shown first"))
    results = HitSerializer(many=True, source="hits")
    facets = FacetsSerializer()
    notice = serializers.SerializerMethodField(help_text=_("Set when the results come from the fallback"))
    suggestion = serializers.CharField(help_text=_("Did you mean: the query as the pages spell it, or empty"))

    def get_notice(self, outcome) -> str | None:
        return str(FALLBACK_NOTICE) if outcome.fallback else None


def search_response_data(outcome, *, request=None) -> dict:
    """What ``SearchResponseSerializer`` gives for ``outcome``, built directly (issue 18,
    latency): the serializer's field-by-field walk over 20 hits and up to ~150 portal
    facets cost more Python time per search than the whole rest of the request. The
    serializer stays the documented schema; ``tests/search/test_api.py`` compares both.
    Links are on the host the client came by, as ``VisitorURLField`` writes them (#17)."""
    rewrite = request_url_rewriter({"request": request})
    return {
        "count": outcome.total, "page": outcome.page, "num_pages": outcome.num_pages,
        "promoted": [{"id": p.page_id, "title": p.title, "url": rewrite(p.url), "description": p.description}
                     for p in outcome.promotions],
        "results": [_hit_data(hit, rewrite) for hit in outcome.hits],
        "facets": {name: [{"value": str(f["value"]), "label": str(f["label"]), "count": f["count"]} for f in items]
                   for name, items in outcome.facets.items()},
        "notice": str(FALLBACK_NOTICE) if outcome.fallback else None,
        "suggestion": outcome.suggestion,
    }


def _hit_data(hit, rewrite) -> dict:
    portal = hit.portal
    return {
        "id": hit.id, "title": hit.title, "url": rewrite(hit.url),
        "portal": {"slug": portal.slug, "name": portal.name, "kind": str(portal.kind)} if portal else None,
        "section": hit.section, "page_type": hit.page_type, "date": hit.date.isoformat() if hit.date else None,
        "snippet": hit.snippet, "also_on": hit.also_on,
    }


class AutocompleteQuerySerializer(serializers.Serializer):
    q = serializers.CharField(max_length=MAX_QUERY_LENGTH)


class SuggestionSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = VisitorURLField()


class AutocompleteResponseSerializer(serializers.Serializer):
    results = SuggestionSerializer(many=True)
    notice = serializers.CharField(allow_null=True)


class SearchJSONRenderer(JSONRenderer):
    """DRF's JSON, written by orjson (issue 18, latency: ~0.25 ms of a search's CPU in
    ``json.dumps``). The bytes are DRF's: compact, UTF-8 unescaped, U+2028/U+2029
    escaped (``tests/search/test_api.py`` compares both; the answer holds no float,
    which orjson writes differently); an indented answer or a value orjson does not
    know (a lazy string, a date) takes DRF's way."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if (data is None or self.ensure_ascii or not self.compact
                or self.get_indent(accepted_media_type, renderer_context or {}) is not None):
            return super().render(data, accepted_media_type, renderer_context)
        try:
            body = orjson.dumps(data, option=orjson.OPT_PASSTHROUGH_DATETIME, default=_not_plain)
        except (TypeError, _NotPlain):
            return super().render(data, accepted_media_type, renderer_context)
        return body.replace("\u2028".encode(), rb"\u2028").replace("\u2029".encode(), rb"\u2029")


class _NotPlain(Exception):
    pass


def _not_plain(value):
    raise _NotPlain


class SearchView(APIView):
    """Search the live, public pages of every portal."""

    permission_classes = []
    authentication_classes = []
    renderer_classes = [SearchJSONRenderer if renderer is JSONRenderer else renderer
                        for renderer in api_settings.DEFAULT_RENDERER_CLASSES]

    @extend_schema(parameters=[SearchQuerySerializer], responses={200: SearchResponseSerializer},
                   summary="Search across all portals (Điều 9)", tags=["search"])
    def get(self, request):
        params = SearchQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        kwargs = params.search_kwargs()
        outcome = services.pages_search(**kwargs)
        if kwargs["page"] == 1:  # a search, not its next pages
            services.query_record(query=kwargs["query"], portal=kwargs["portal"], found=outcome.total)
        return Response(search_response_data(outcome, request=request))


class AutocompleteView(APIView):
    """Titles starting with what the reader is typing."""

    permission_classes = []
    authentication_classes = []

    @extend_schema(parameters=[AutocompleteQuerySerializer], responses={200: AutocompleteResponseSerializer},
                   summary="Suggest page titles", tags=["search"])
    def get(self, request):
        params = AutocompleteQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        pages, fallback = services.pages_autocomplete(query=params.validated_data["q"])
        results = [{"title": p.title, "url": p.get_full_url() or ""} for p in pages]
        body = {"results": results, "notice": str(FALLBACK_NOTICE) if fallback else None}
        return Response(AutocompleteResponseSerializer(body, context={"request": request}).data)
