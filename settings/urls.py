"""URL configuration: admin, API, documents, then Wagtail's page serving."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, register_converter
from drf_spectacular.views import SpectacularAPIView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.api.converters import IdConverter
from cms.views import favicon, robots_txt
from security.throttling import page_password_view

# <id:…> in the apps' API URLs: before their urlpatterns are included below.
register_converter(IdConverter, "id")

# Each app that serves API endpoints adds them here under /api/v2/.
api_urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("qa/", include("qa.urls")),
    path("information-requests/", include("information_requests.urls")),
    path("consultations/", include("consultations.urls")),
    path("search/", include("search.urls")),
    path("surveys/", include("surveys.urls")),
    path("translations/", include("translations.urls")),
    # Pages, images, documents and draft preview (cms.api, issue #3 item 5).
    path("", include("cms.api")),
]

# A database or S3 outage raised outside a view: 503 with a plain message (issue #9 item 4).
handler500 = "security.unavailable.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", include(api_urlpatterns)),
    # One sitemap per portal: Wagtail lists the live, public pages of the request's site.
    path("sitemap.xml", sitemap, name="sitemap"),
    # robots.txt names that sitemap; the favicon is the emblem (issue #17).
    path("robots.txt", robots_txt, name="robots-txt"),
    path("favicon.ico", favicon, name="favicon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Search across all portals (issue #4), on every portal's host, before the page tree.
urlpatterns += i18n_patterns(path("tim-kiem/", include("search.page_urls")), prefix_default_language=False)

# The open-data catalogue (issue #22 item 4): Vietnamese only, one address per portal.
urlpatterns += [path("du-lieu-mo/", include("opendata.urls"))]

# Pages: Vietnamese unprefixed, English (Điều 8.2.d's mirror, issue #5) under /en/.
# Pages' view-restriction passwords, throttled like the admin login (issue #16 item 6):
# the same path as Wagtail's view, matched first.
urlpatterns += i18n_patterns(
    path("_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/", page_password_view,
         name="wagtailcore_authenticate_with_password"),
    prefix_default_language=False,
)
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)
