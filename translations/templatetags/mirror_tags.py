"""Language links of a page: the switcher and the hreflang alternates (issue #5)."""

from django import template
from django.conf import settings
from wagtail.models import Page

from translations.selectors import page_served_in_its_language

register = template.Library()


@register.simple_tag(takes_context=True)
def page_language_links(context, page=None):
    """[{code, name, url, current}] for each live translation of ``page`` (itself included)."""
    page = page or context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or not page.pk:
        return []
    # base.html asks twice (hreflang alternates, then the switcher): one query per request.
    memo = getattr(request, "_language_links", None) if request is not None else None
    if memo is not None and page.pk in memo:
        return memo[page.pk]
    links = _language_links(page, request)
    if request is not None:
        request._language_links = {**(memo or {}), page.pk: links}
    return links


def _language_links(page, request):
    names = dict(settings.LANGUAGES)
    links = []
    # wagtail-localize's untranslated copies (aliases of a page in another language) are
    # not served (translations.wagtail_hooks), but for a component portal's English home:
    # no link to the others.
    translations = page.get_translations(inclusive=True).live()
    for translation in translations.select_related("locale"):
        if translation.pk != page.pk and not page_served_in_its_language(translation):
            continue
        url = translation.get_url(request=request)
        if url is None:
            continue
        code = translation.locale.language_code
        links.append({"code": code, "name": names.get(code, code), "url": url, "current": translation.pk == page.pk})
    return sorted(links, key=lambda link: list(names).index(link["code"]) if link["code"] in names else 99)


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None and url.startswith("/") else url
