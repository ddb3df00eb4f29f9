"""Small public files every portal answers (issue #17 item 5): /robots.txt pointing at the
portal's own sitemap, and /favicon.ico (the emblem)."""

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

# What crawlers should not walk: the admin, the API (the pages are there in HTML) and
# search results (endless query variants of pages already in the sitemap).
ROBOTS_DISALLOW = ("/admin/", "/api/", "/tim-kiem/", "/en/tim-kiem/")
FAVICON = "img/favicon.ico"


@require_GET
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    """robots.txt of the portal reached: its sitemap on the host the visitor used."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), ""]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(public=True, max_age=7 * 86400)
def favicon(request):
    # Served by the application (not only by the static server) because browsers ask
    # every host for /favicon.ico at its root.
    path = finders.find(FAVICON)
    if not path:
        raise Http404
    return FileResponse(open(path, "rb"), content_type="image/x-icon")
