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
from wagtail.models import Collection, PageViewRestriction, Site

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


def public_pages_queryset(queryset):
    """Exclude every page under a view restriction, whoever asks.

    Wagtail's default lets a visitor who unlocked a password-protected page (in their
    session) see it in the API; a cacheable public answer must not include it.
    """
    for restriction in PageViewRestriction.objects.select_related("page"):
        queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
    return queryset


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
        # Wagtail asks for it several times per request (listing, filters, count), and
        # building it costs three queries (the site's root translations, its view
        # restrictions, ours): built once per request (one viewset instance each).
        base = getattr(self, "_base_queryset", None)
        if base is None:
            base = self._base_queryset = public_pages_queryset(super().get_base_queryset())
        return base.all()

    def finalize_response(self, request, response, *args, **kwargs):
        # Wagtail writes html_url on the portal's real hostname; the client may have come
        # by the alias or 127.0.0.1 (issue #17). Done before the answer is rendered.
        if isinstance(getattr(response, "data", None), (dict, list)):
            page_urls_for_visitor(response.data, request_url_rewriter({"request": request}))
        return super().finalize_response(request, response, *args, **kwargs)


def portal_collections(request):
    """The requested portal's media collection and the collections under it."""
    unit = unit_for_site(site=Site.find_for_request(request))
    if unit is None or unit.collection_id is None:
        return Collection.objects.none()
    return Collection.objects.descendant_of(unit.collection, inclusive=True)


class PortalMediaMixin:
    """Only the requested portal's images or documents, as the pages endpoint does for pages."""

    def get_queryset(self):
        return super().get_queryset().filter(collection__in=portal_collections(self.request))


class PortalImagesAPIViewSet(PublicAPIMixin, PortalMediaMixin, ImagesAPIViewSet):
    """Wagtail's images endpoint (renditions of page images come inline with pages). Only
    images a live public page of the portal uses, as for documents (issue #16 item 7): an
    image uploaded for a draft keeps its title to the board."""

    def get_queryset(self):
        from security.documents import public_media

        # Built once per request: Wagtail asks for it twice (listing and count). (Each
        # item's tags stay a query each: Wagtail's TagsField orders them, which a
        # prefetch cannot serve.)
        queryset = getattr(self, "_media_queryset", None)
        if queryset is None:
            queryset = self._media_queryset = public_media(super().get_queryset(), Site.find_for_request(self.request))
        return queryset.all()


class PortalDocumentsAPIViewSet(PublicAPIMixin, PortalMediaMixin, DocumentsAPIViewSet):
    """Wagtail's documents endpoint; each document has its ``download_url``. Only documents
    a live public page of the portal uses, the ones its download URL serves (issue #9)."""

    def get_queryset(self):
        from security.documents import public_media

        # Built once per request: Wagtail asks for it twice (listing and count). (Each
        # item's tags stay a query each: Wagtail's TagsField orders them, which a
        # prefetch cannot serve.)
        queryset = getattr(self, "_media_queryset", None)
        if queryset is None:
            queryset = self._media_queryset = public_media(super().get_queryset(), Site.find_for_request(self.request))
        return queryset.all()
