"""The portals' public API under /api/v2/ (issue #3 item 5): pages, images, documents
and draft preview for separate front ends. ``settings.urls`` includes ``urlpatterns``."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

from cms.api.disclosures import DisclosureListView
from cms.api.preview import PreviewAPIViewSet
from cms.api.views import PortalDocumentsAPIViewSet, PortalImagesAPIViewSet, PortalPagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
api_router.register_endpoint("documents", PortalDocumentsAPIViewSet)

urlpatterns = api_router.get_urlpatterns() + [
    # Not a router endpoint: the router maps models to endpoints for cross-links, and
    # page links must keep pointing at /pages/, never at the preview.
    # The portal's list of information disclosed (Điều 8.1.m, issue #22 item 2).
    path("disclosures/", DisclosureListView.as_view(), name="disclosures"),
    path("preview/", api_router.wrap_view(PreviewAPIViewSet.as_view({"get": "preview_view"})), name="preview"),
]

# The router's namespace: Wagtail reverses "wagtailapi:pages:detail" to link nested
# objects to their endpoint.
app_name = api_router.url_namespace
