"""Public read API of the portals (issue #3 item 5): Wagtail API v2 endpoints.

The pages endpoint is Wagtail's, scoped to the portal the request's Host names (Wagtail
filters by ``Site.find_for_request``; ``tenants.middleware`` maps development aliases
to the same Site), with the filters of ``cms.api.filters``. Wagtail's ``?site=``
parameter, which would let one portal's URL answer for another, is refused. Images and
documents are Wagtail's endpoints limited to the portal's own media collection. All three answer GETs with a public ``Cache-Control`` that varies
by Host, so a shared cache in front of the API keeps portals apart.
"""

import re

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers
from rest_framework.permissions import AllowAny
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    LocaleFilter,
    OrderingFilter,
    SearchFilter,
    TranslationOfFilter,
)
from django.utils.translation import gettext as _
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from taggit.managers import _TaggableManager
from wagtail.api.v2.serializers import TagsField
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.models import Page, Site

from tenants.hosts import request_site
from tenants.selectors import unit_for_site

from cms.api.fields import page_urls_for_visitor, request_url_rewriter
from cms.api.filters import PAGE_FILTER_PARAMETERS, PAGE_FILTERS, PortalFieldsFilter
from cms.api.schema import WagtailAPIAutoSchema
from caching.sites import locale_cache_prime
from security.api import CleanPageSerializer

DEFAULT_API_CACHE_MAX_AGE = 60
SEARCH_OPERATORS = ("and", "or")
MAX_QUERY_LENGTH = 200  # the same as search.api
FIND_ID = re.compile(r"[0-9]{1,18}")


def api_cache_max_age() -> int:
    return getattr(settings, "API_CACHE_MAX_AGE", DEFAULT_API_CACHE_MAX_AGE)


class PublicAPIMixin:
    """Anonymous, cacheable reads.

    No authentication runs: the answer must not depend on who asks, or a shared cache
    could hand one visitor's view to another.
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]
    schema = WagtailAPIAutoSchema()
    cache_public = True

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        # Wagtail hands search_operator to the backend, which raises ValueError (a 500)
        # for anything but these two (issue #9).
        operator = self.request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError(_("search_operator must be 'and' or 'or'."))
        # As for /api/v2/search/: a long query is nobody's search, and on PostgreSQL the
        # database backend nests one expression per word until Python's recursion limit.
        if len(self.request.GET.get("search", "")) > MAX_QUERY_LENGTH:
            raise BadRequestError(
                _("search must be at most %(count)s characters.") % {"count": MAX_QUERY_LENGTH}
            )

    def find_object(self, queryset, request):
        # Wagtail passes ?id= to queryset.get() as it comes: "null" was a 500 (issue #9).
        if "id" in request.GET and not FIND_ID.fullmatch(request.GET["id"]):
            raise BadRequestError(_("id must be a positive whole number."))
        return super().find_object(queryset, request)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.cache_public and request.method in ("GET", "HEAD") and response.status_code == 200:
            patch_cache_control(response, public=True, max_age=api_cache_max_age())
            # One URL serves a different portal per Host (Wagtail picks the Site by it).
            patch_vary_headers(response, ["Host"])
        return response


def portal_public_pages(site):
    """Live pages of ``site``'s trees outside every restricted subtree, built without a query."""
    from django.db.models import Q

    from caching.sites import public_pages

    if site is None:
        return Page.objects.none()
    # Tree paths, not URL paths: the search backends filter on ``path`` (a FilterField).
    root = site.root_page
    paths = getattr(root, "translation_tree_paths", None)
    if paths is None:
        paths = list(root.get_translations(inclusive=True).values_list("path", flat=True))
    if not paths:
        return Page.objects.none()
    in_portal = Q()
    for path in paths:
        in_portal |= Q(path__startswith=path)
    return public_pages(Page.objects.live().filter(in_portal))


# API fields that are properties reading a foreign key (cms.models.base.PortalPage).
API_FIELD_READS = {"source_attribution": "unit"}


def api_related_loaded(queryset, *, fields: set[str]):
    """``queryset`` (of one page type) loading in a few queries what the listing's
    ``fields`` (``*``: all) read of each item: the page type's own foreign keys (its
    unit, main image…) joined, its child rows (files, leaders…) and their own foreign
    keys (documents, images) prefetched; one query per item each otherwise."""
    from modelcluster.fields import ParentalKey

    model = queryset.model
    # Only what the API may write: the page type's api_fields.
    api_names = {getattr(field, "name", field) for field in getattr(model, "api_fields", ())}
    wanted = lambda name: name in api_names and ("*" in fields or name in fields)  # noqa: E731
    joined = [field.name for field in model._meta.concrete_fields if field.many_to_one and field.model is not Page
              and (wanted(field.name) or any(wanted(api) for api, read in API_FIELD_READS.items() if read == field.name))]
    prefetched = []
    for relation in model._meta.related_objects:
        name = relation.get_accessor_name()
        if not isinstance(relation.remote_field, ParentalKey) or not wanted(name):
            continue
        prefetched.append(name)
        prefetched += [f"{name}__{field.name}" for field in relation.related_model._meta.concrete_fields
                       if field.many_to_one and field is not relation.remote_field]
    return queryset.select_related(*joined).prefetch_related(*prefetched)


class PortalPageSerializer(CleanPageSerializer):
    def to_representation(self, instance):
        locale_cache_prime(instance)
        return super().to_representation(instance)


class PortalPagesAPIViewSet(PublicAPIMixin, PagesAPIViewSet):
    """Live public pages of the requested portal, with the portal's own filters."""

    # Stored rich text is cleaned before it is served, as on the HTML pages (issue #9).
    base_serializer_class = PortalPageSerializer
    filter_backends = [
        PortalFieldsFilter,
        *PAGE_FILTERS,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        OrderingFilter,
        TranslationOfFilter,
        LocaleFilter,
        SearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(PAGE_FILTER_PARAMETERS) - {"site"}

    def get_base_queryset(self):
        # Checked here rather than through known_query_parameters, which only the
        # listing consults: the detail view would otherwise serve another portal's page.
        if "site" in self.request.GET:
            raise BadRequestError(_("The portal is chosen by the host name; the 'site' parameter is not accepted."))
        # Wagtail asks for it several times per request (listing, filters, count): built
        # once per request (one viewset instance each), and without a query: the
        # portal's trees (its root and the root's translations, as Wagtail's
        # get_public_pages_queryset takes them) from the root page kept per portal
        # (caching.sites.site_root_page_prime), every restricted subtree left out by the cached restricted paths
        # (caching.sites.public_pages). Whoever asks: Wagtail's default lets a visitor
        # who unlocked a password-protected page (in their session) see it in the API;
        # a cacheable public answer must not include it.
        base = getattr(self, "_base_queryset", None)
        if base is None:
            base = self._base_queryset = portal_public_pages(request_site(self.request))
        return base.all()

    def get_queryset(self):
        queryset = super().get_queryset()
        fields = self.request.GET.get("fields", "")
        if queryset.model is not Page and fields and self.action == "listing_view":
            queryset = api_related_loaded(queryset, fields={name.strip() for name in fields.split(",")})
        return queryset

    def finalize_response(self, request, response, *args, **kwargs):
        # Wagtail writes html_url on the portal's real hostname; the client may have come
        # by the alias or 127.0.0.1 (issue #17). Done before the answer is rendered.
        if isinstance(getattr(response, "data", None), (dict, list)):
            page_urls_for_visitor(response.data, request_url_rewriter({"request": request}))
        return super().finalize_response(request, response, *args, **kwargs)


def portal_unit(request):
    """The unit of the portal the request reached, from the portal's chrome kept per
    portal (cms.chrome; renewed when the unit or its site is saved): no query."""
    from cms.chrome import portal_chrome

    chrome = portal_chrome(page=None, request=request)
    site = request_site(request)
    if chrome is not None and site is not None and getattr(chrome.unit, "site_id", None) == site.pk:
        return chrome.unit
    return unit_for_site(site=site)


def portal_collections(request, model) -> list[int]:
    """Ids of the requested portal's media collection and the collections under it that
    its pages may make public (``security.media.portal_media_collections``): one query,
    the portal's subtree picked from the usable collections by tree path."""
    from security.media import portal_media_collections

    unit = portal_unit(request)
    if unit is None or unit.collection_id is None:
        return []
    rows = list(portal_media_collections(unit=unit, model=model).values_list("pk", "path"))
    own = next((path for pk, path in rows if pk == unit.collection_id), None)
    return [pk for pk, path in rows if own is not None and path.startswith(own)]


class PrefetchedTagsField(TagsField):
    """Wagtail's ``TagsField`` asks the database for each item's tags ordered by name,
    one query per item that a prefetch cannot serve; this one reads the tags the
    queryset prefetched (``prefetch_related("tags")``) and sorts them here."""

    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


class PrefetchedTagsMixin:
    def build_property_field(self, field_name, model_class):
        if isinstance(getattr(model_class, field_name, None), _TaggableManager):
            return PrefetchedTagsField, {}
        return super().build_property_field(field_name, model_class)


class PortalImageSerializer(PrefetchedTagsMixin, ImageSerializer):
    pass


class PortalDocumentSerializer(PrefetchedTagsMixin, DocumentSerializer):
    pass


class PortalMediaMixin:
    """Only the requested portal's images or documents a live public page of the portal
    uses, as the pages endpoint does for pages (documents: issue #9, the ones their
    download URL serves; images: issue #16 item 7, an image uploaded for a draft keeps
    its title to the board)."""

    def get_queryset(self):
        from security.documents import public_media

        # Built once per request: Wagtail asks for it twice (listing and count).
        queryset = getattr(self, "_media_queryset", None)
        if queryset is None:
            queryset = super().get_queryset()
            collection_ids = portal_collections(self.request, queryset.model)
            queryset = public_media(queryset, request_site(self.request),
                                    unit=portal_unit(self.request), collection_ids=collection_ids)
            # Each item's tags in one query for the page (PrefetchedTagsField).
            queryset = self._media_queryset = queryset.prefetch_related("tags")
        return queryset.all()


class PortalImagesAPIViewSet(PublicAPIMixin, PortalMediaMixin, ImagesAPIViewSet):
    """Wagtail's images endpoint (renditions of page images come inline with pages)."""

    base_serializer_class = PortalImageSerializer


class PortalDocumentsAPIViewSet(PublicAPIMixin, PortalMediaMixin, DocumentsAPIViewSet):
    """Wagtail's documents endpoint; each document has its ``download_url``."""

    base_serializer_class = PortalDocumentSerializer

