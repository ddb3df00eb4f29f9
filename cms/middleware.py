"""Old page addresses with diacritics redirect to their folded form (issue #17 item 6).

Pages made before slugs were folded (``cms.models.slugs``) had addresses such as
``/tin-tuc/sở-tư-pháp-…/``; links to them live on in other sites, e-mails and search
engines. When such a path is a 404, and its folded form is a live page of the same
portal, the visitor is sent there with a permanent redirect.
"""

from urllib.parse import unquote

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.utils.translation import get_language_from_path
from wagtail.models import Page, Site

from vietnamese.text import slug_fold


def folded_path(path: str) -> str:
    """``path`` with each segment folded; the language prefix and trailing slash kept."""
    segments = path.split("/")
    return "/".join(slug_fold(segment) if not segment.isascii() else segment for segment in segments)


def folded_page_exists(*, request, path: str) -> bool:
    site = Site.find_for_request(request)
    if site is None:
        return False
    language = get_language_from_path(path)
    rest = path
    root = site.root_page
    if language and language != settings.LANGUAGE_CODE:
        rest = path[len(language) + 1:]
        root = root.get_translations().filter(locale__language_code=language).first()
        if root is None:
            return False
    url_path = root.url_path + rest.lstrip("/")
    if not url_path.endswith("/"):
        url_path += "/"
    return Page.objects.filter(url_path=url_path).live().exists()


class FoldedPathRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        path = unquote(request.path)
        if path.isascii():
            return response
        target = folded_path(path)
        if target != path and folded_page_exists(request=request, path=target):
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(target + (f"?{query}" if query else ""))
        return response
