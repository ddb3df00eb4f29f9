"""What every page of a portal shows around its content, kept per portal (issue #23 item 1).

The chrome of a public page (templates/base.html: the home link, the portal's name, the
menu, the footer's contact details, the home page's list of sections) is the same for
every page of a portal in one language. Built from the database it cost some twenty
queries per request (one per section type of the menu); it is now kept in the cache under
the portal's generation token (``caching.keys.portal_generation``), which every change
of what it shows renews (``caching.signals``: a page of the portal saved, published,
moved or deleted, its unit, its site or a site setting saved). It holds only public
data (live, unrestricted sections), so a logged-in editor reads the same entry and a
preview cannot fill it with a draft: it is built from the database, never from the page
being previewed.

The key names the site the request reached, the home's tree path (a portal's English
mirror has its own home) and the active language.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils import translation
from wagtail.models import Page, Site

from caching.keys import portal_data_key
from tenants.hosts import request_site, site_root_paths

CHROME_SECONDS = 24 * 3600  # renewed by the generation token, not by time


@dataclass
class PortalChrome:
    home: Page  # the portal's home, as a plain Page (links, title, path)
    unit: object | None  # tenants.Unit
    sections: list[Page] = field(default_factory=list)  # plain Pages, tree order
    contact: object | None = None  # cms.PortalContactSettings of the site
    # Path -> page for the home and its sections: breadcrumbs of pages up to two levels
    # below the home need no query.
    by_path: dict[str, Page] = field(default_factory=dict)


def _root_path_for(page: Page | None, request) -> tuple[int, str] | None:
    """(site id, root path) of the portal home above ``page`` (or of the request's site
    without a page), from the site root paths Wagtail keeps cached."""
    root_paths = site_root_paths()
    if page is not None:
        url_path = page.url_path or ""
        matches = [entry for entry in root_paths if url_path.startswith(entry.root_path)]
        if not matches:
            return None
        site = request_site(request) if request is not None else None
        own = [entry for entry in matches if site is not None and entry.site_id == site.pk] or matches
        best = max(own, key=lambda entry: len(entry.root_path))
        return best.site_id, best.root_path
    site = request_site(request) if request is not None else None
    if site is None:
        return None
    language = translation.get_language()
    entries = [entry for entry in root_paths if entry.site_id == site.pk]
    chosen = next((entry for entry in entries if entry.language_code == language), None)
    chosen = chosen or next((entry for entry in entries if entry.root_url and entry.language_code is None), None)
    chosen = chosen or (entries[0] if entries else None)
    return (chosen.site_id, chosen.root_path) if chosen else None


def portal_site_of(*, page: Page, request) -> int | None:
    """The id of the portal (site) whose tree holds ``page``; None off every portal."""
    located = _root_path_for(page, request)
    return located[0] if located else None


def _build(home, site_id: int) -> PortalChrome:
    from cms.models import PortalContactSettings
    from cms.selectors import portal_sections

    home_page = Page.objects.get(pk=home.pk)
    sections = portal_sections(home=home_page)
    contact = PortalContactSettings.objects.filter(site_id=site_id).first()
    by_path = {home_page.path: home_page, **{section.path: section for section in sections}}
    return PortalChrome(home=home_page, unit=home.unit, sections=sections, contact=contact, by_path=by_path)


def portal_chrome(*, page: Page | None, request) -> PortalChrome | None:
    """The chrome of the portal ``page`` belongs to (or the request's portal without a
    page), from the cache when it is there; None off any portal."""
    from cms.selectors import portal_home_for_page, portal_home_for_request

    if request is not None and hasattr(request, "_portal_chrome"):
        return request._portal_chrome
    located = _root_path_for(page if page is not None and getattr(page, "pk", None) else None, request)
    chrome = None
    key = None
    if located is not None:
        site_id, root_path = located
        key = portal_data_key(site_id=site_id, name="chrome", parts=(root_path, translation.get_language()))
        chrome = cache.get(key)
    if chrome is None:
        if page is not None and getattr(page, "pk", None):
            home = portal_home_for_page(page=page)
        else:
            home = portal_home_for_request(request=request) if request is not None else None
        if home is not None:
            site_id = located[0] if located else None
            chrome = _build(home, site_id)
            # Kept only when the home found is the one the key names (a site's root).
            if key is not None and home.url_path == located[1]:
                cache.set(key, chrome, CHROME_SECONDS)
    if request is not None:
        request._portal_chrome = chrome
    return chrome
