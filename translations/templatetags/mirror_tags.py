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


def _served_translations(page) -> list[Page]:
    """The live translations of ``page`` (itself included) served at their address, with
    their locale. wagtail-localize's untranslated copies (aliases of a page in another
    language) are not served (translations.wagtail_hooks), but for a component portal's
    English home: no link to the others."""
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    return [translation for translation in translations
            if translation.pk == page.pk or page_served_in_its_language(translation)]


def _served_translations_cached(page, request) -> list[Page]:
    """``_served_translations``, kept per portal (caching.keys.portal_data_key) when every
    translation lies in the portal's trees: the portal's generation token is renewed when
    any of them is saved, published or unpublished, so the entry follows them. Only live
    pages are kept: it is the same for every visitor."""
    from django.core.cache import cache

    from caching.keys import portal_data_key
    from cms.chrome import portal_site_of

    site_id = portal_site_of(page=page, request=request) if request is not None else None
    key = portal_data_key(site_id=site_id, name="language-links", parts=(page.translation_key,)) if site_id else None
    translations = cache.get(key) if key else None
    if translations is None:
        translations = _served_translations(page)
        if key and all(portal_site_of(page=translation, request=None) == site_id for translation in translations):
            cache.set(key, translations, LANGUAGE_LINKS_SECONDS)
    return translations


LANGUAGE_LINKS_SECONDS = 24 * 3600  # renewed by the portal's generation token


def _language_links(page, request):
    names = dict(settings.LANGUAGES)
    links = []
    for translation in _served_translations_cached(page, request):
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
