"""Read-side queries of the public front end: a portal's home, sections and latest news."""

from django.db.models import F, Q
from wagtail.models import Page, Site

from caching.sites import public_pages
from cms.models import NewsPage, PortalHomePage


def portal_home_for_page(*, page: Page) -> PortalHomePage | None:
    """The portal home page at or above ``page`` (homes sit at depth 2 of the tree)."""
    if isinstance(page, PortalHomePage):
        return page
    return PortalHomePage.objects.ancestor_of(page, inclusive=True).first()


def portal_home_for_request(*, request) -> PortalHomePage | None:
    """The home page of the portal that ``request`` reached (its Wagtail site)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page.specific
    return root if isinstance(root, PortalHomePage) else None


# wagtail-localize's untranslated copy of a page (an alias of the page in another
# language) stands above the translated pages of a component portal's English mirror;
# it is not served (translations.wagtail_hooks), so nothing links to it.
SERVED_IN_OWN_LANGUAGE = Q(alias_of__isnull=True) | Q(alias_of__locale=F("locale"))


def portal_sections(*, home: Page) -> list[Page]:
    """The home's sections a visitor may open: live, not restricted, not an untranslated
    copy, in tree order."""
    return list(home.get_children().live().public().filter(SERVED_IN_OWN_LANGUAGE).specific())


def portal_latest_news(*, home: Page, limit: int = 5) -> list[NewsPage]:
    """The portal's newest live, public news articles."""
    return list(
        public_pages(NewsPage.objects.descendant_of(home).live()).select_related("main_image")
        .prefetch_related("main_image__renditions").order_by("-first_published_at", "-id")[:limit]
    )


def page_breadcrumbs(*, page: Page, home: Page) -> list[Page]:
    """The pages from the portal home down to ``page``'s parent (``page`` itself excluded),
    without untranslated copies of sections (the home's copy is a component portal's
    English home)."""
    return list(page.get_ancestors().filter(depth__gte=home.depth)
                .filter(SERVED_IN_OWN_LANGUAGE | Q(depth=home.depth)).specific())
