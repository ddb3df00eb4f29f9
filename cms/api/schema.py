"""OpenAPI description of Wagtail's API v2 viewsets for drf-spectacular.

Wagtail builds each serializer per request (from ``type=`` and ``fields=``), so there is
no static serializer to introspect. This schema says what is true for every request:
the query parameters (Wagtail's own, listed here, and ours, which each filter class
describes), the listing envelope ``{meta: {total_count}, items: [...]}``, and the fields
common to every item. The per-type fields are listed in the operation's description,
read from the page models' ``api_fields`` so they never drift from the code.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

COMMON_PARAMETERS = [
    OpenApiParameter("fields", str, description="Fields to include: 'title,body', '*' for all, '-title' to drop one, 'files(title)' for nested fields."),
    OpenApiParameter("rich_text_format", str, description="Rich text as 'html' (default) or another format Wagtail supports."),
]
LISTING_PARAMETERS = [
    OpenApiParameter("limit", int, description="Items per page (Wagtail pagination; at most WAGTAILAPI_LIMIT_MAX)."),
    OpenApiParameter("offset", int, description="Items to skip."),
    OpenApiParameter("order", str, description="Field to order by, '-field' descending, or 'random'."),
    OpenApiParameter("search", str, description="Full-text search."),
    OpenApiParameter("search_operator", str, enum=["and", "or"], description="How search terms combine."),
]
PAGE_LISTING_PARAMETERS = [
    OpenApiParameter("type", str, description="Page type(s), e.g. cms.LegalDocumentPage; one type enables its field filters."),
    OpenApiParameter("child_of", str, description="Id of the parent page, or 'root' (the portal's home)."),
    OpenApiParameter("descendant_of", str, description="Id of an ancestor page, or 'root'."),
    OpenApiParameter("ancestor_of", int, description="Id of a descendant page."),
    OpenApiParameter("translation_of", str, description="Id of a page: its translations."),
    OpenApiParameter("locale", str, description="Language code, e.g. vi or en."),
    OpenApiParameter("site", str, description="Hostname of the portal to list instead of the request's Host."),
]

ERROR = {"type": "object", "properties": {"message": {"type": "string"}}, "required": ["message"]}
META = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "example": "cms.LegalDocumentPage"},
        "detail_url": {"type": "string", "format": "uri"},
        "html_url": {"type": "string", "nullable": True},
        "download_url": {"type": "string"},
        "slug": {"type": "string"},
        "first_published_at": {"type": "string", "format": "date-time", "nullable": True},
        "locale": {"type": "string"},
    },
    "additionalProperties": True,
}
ITEM = {
    "type": "object",
    "properties": {"id": {"type": "integer"}, "meta": META, "title": {"type": "string"}},
    "required": ["id", "meta"],
    # The other fields depend on the item's type and the fields= parameter.
    "additionalProperties": True,
}
LISTING = {
    "type": "object",
    "properties": {
        "meta": {"type": "object", "properties": {"total_count": {"type": "integer"}}, "required": ["total_count"]},
        "items": {"type": "array", "items": ITEM},
    },
    "required": ["meta", "items"],
}


def page_types_description() -> str:
    """Each page type with its API fields, from the models' ``api_fields``."""
    from wagtail.models import get_page_models

    lines = []
    for model in get_page_models():
        names = [getattr(field, "name", field) for field in getattr(model, "api_fields", ())]
        if model._meta.app_label != "wagtailcore" and names:
            lines.append(f"- `{model._meta.app_label}.{model.__name__}`: {', '.join(names)}")
    return "Fields by page type (all with ?fields=*; detail views return them all):\n\n" + "\n".join(lines)


class WagtailAPIAutoSchema(AutoSchema):
    """AutoSchema for ``BaseAPIViewSet`` subclasses (listing, detail, find, preview)."""

    def _action(self) -> str:
        return getattr(self.view, "action", "") or ""

    def _endpoint(self) -> str:
        # DRF's as_view() resets the viewset's ``name``; the path says it: /api/v2/<endpoint>/…
        return self.path.strip("/").split("/")[2]

    def _is_list_view(self, serializer=None) -> bool:
        # The listing is an envelope object, not a bare array: never let drf-spectacular
        # wrap it. Filters are added in get_filter_backends instead.
        return False

    def get_filter_backends(self):
        return list(getattr(self.view, "filter_backends", [])) if self._action() == "listing_view" else []

    def get_operation_id(self) -> str:
        return f"{self._endpoint()}_{self._action().removesuffix('_view')}"

    def get_tags(self) -> list[str]:
        return [self._endpoint()]

    def get_override_parameters(self):
        action = self._action()
        parameters = []
        if action in ("listing_view", "detail_view", "preview_view"):
            parameters += COMMON_PARAMETERS
        if action == "listing_view":
            parameters += LISTING_PARAMETERS
            if self._endpoint() == "pages":
                parameters += PAGE_LISTING_PARAMETERS
        if action == "find_view":
            parameters.append(OpenApiParameter("id", int, description="Id of the object."))
            if self._endpoint() == "pages":
                parameters.append(OpenApiParameter("html_path", str, description="Path of the page on the portal."))
        if action == "detail_view":
            parameters.append(OpenApiParameter("id", int, OpenApiParameter.PATH, description="Id of the object."))
        parameters += getattr(self.view, "schema_extra_parameters", [])
        return parameters

    def get_description(self) -> str:
        description = super().get_description() or ""
        if self._endpoint() in ("pages", "preview") and self._action() in ("detail_view", "preview_view", "listing_view"):
            description = f"{description}\n\n{page_types_description()}".strip()
        return description

    def get_request_serializer(self):
        return None

    def get_response_serializers(self):
        action = self._action()
        if action == "listing_view":
            return {200: OpenApiResponse(LISTING, "One page of results."), 400: OpenApiResponse(ERROR, "Bad query.")}
        if action == "find_view":
            return {
                302: OpenApiResponse(description="Redirect to the detail URL."),
                404: OpenApiResponse(ERROR, "Not found."),
            }
        responses = {200: OpenApiResponse(ITEM, "The object with all its fields."), 404: OpenApiResponse(ERROR, "Not found.")}
        responses.update(getattr(self.view, "schema_extra_responses", {}))
        return responses


def public_endpoints_only(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: describe /api/ only.

    Wagtail's admin and wagtail-localize also use DRF views under /admin/; they are not
    part of the public API and their viewsets cannot be introspected without a request.
    """
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
