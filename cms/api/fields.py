"""Page links in API answers on the host the client came by (issue #17).

Wagtail writes a page's URL from ``Site.root_url``: ``http://sotuphap.bacninh.gov.vn/…``,
which a client of the development alias (``sotuphap.localhost:8000``) or of
``127.0.0.1`` cannot reach. The HTML pages already write their links for the visitor's
host (tenants.hosts); the API answers do the same here, at their serialisation edge,
with absolute URLs (an API answer is read away from any page a relative link could
resolve against).
"""

from rest_framework import serializers

from tenants.hosts import visitor_url_rewriter

# Keys of Wagtail's page representations that hold a page's public address.
PAGE_URL_KEYS = frozenset({"html_url"})


def request_url_rewriter(context: dict):
    """The request's rewriter, made once per request and kept on it."""
    request = context.get("request")
    if request is None:
        return lambda url: url
    request = getattr(request, "_request", request)  # DRF's Request wraps Django's
    rewrite = getattr(request, "_api_visitor_url_rewriter", None)
    if rewrite is None:
        rewrite = request._api_visitor_url_rewriter = visitor_url_rewriter(request, absolute=True)
    return rewrite


class VisitorURLField(serializers.CharField):
    """A page's URL as the client can reach it."""

    def to_representation(self, value):
        return request_url_rewriter(self.context)(super().to_representation(value))


def page_urls_for_visitor(data, rewrite) -> None:
    """Rewrite, in place, every ``html_url`` of an API answer: the page's own, its
    ``parent``'s and ``alias_of``'s, and those of pages nested in its fields."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in PAGE_URL_KEYS and isinstance(value, str):
                data[key] = rewrite(value)
            else:
                page_urls_for_visitor(value, rewrite)
    elif isinstance(data, list):
        for item in data:
            page_urls_for_visitor(item, rewrite)
