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
        return visitor_url_rewriter(None)
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
    """Rewrite, in place, every ``html_url`` of an API answer (the page's own, its
    ``parent``'s and ``alias_of``'s, those of pages nested in its fields) and the page
    links inside its texts (rich text expanded by ``?rich_text_format=html``, Markdown)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str):
                data[key] = rewrite(value) if key in PAGE_URL_KEYS else links_in_text(value, rewrite)
            else:
                page_urls_for_visitor(value, rewrite)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            if isinstance(item, str):
                data[index] = links_in_text(item, rewrite)
            else:
                page_urls_for_visitor(item, rewrite)


def links_in_text(text: str, rewrite) -> str:
    if "://" not in text:
        return text
    for real, visitor in rewrite.replacements:
        if real in text:
            text = text.replace(real, visitor)
    return text
