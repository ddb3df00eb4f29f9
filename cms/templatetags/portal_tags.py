"""Template tags of the reference front end: the portal's menu, breadcrumbs, latest news."""

from django import template

from cms.selectors import (
    page_breadcrumbs,
    portal_home_for_page,
    portal_home_for_request,
    portal_latest_news,
    portal_sections,
)

register = template.Library()


def _home(context):
    # Cached on the request: base.html asks for it several times per page.
    request = context.get("request")
    cached = getattr(request, "_portal_home", None) if request is not None else None
    if cached is not None:
        return cached
    page = context.get("page")
    home = None
    if page is not None and getattr(page, "pk", None):
        home = portal_home_for_page(page=page)
    if home is None and request is not None:
        home = portal_home_for_request(request=request)
    if request is not None and home is not None:
        request._portal_home = home
    return home


@register.simple_tag(takes_context=True)
def portal_home(context):
    """The home page of the portal being shown."""
    return _home(context)


@register.inclusion_tag("cms/includes/portal_menu.html", takes_context=True)
def portal_menu(context):
    """The portal navigation: its home and live, public sections."""
    home = _home(context)
    page = context.get("page")
    sections = portal_sections(home=home) if home else []
    current_path = getattr(page, "path", "")
    if home is not None and home.alias_of_id is not None and home.alias_of.locale_id != home.locale_id:
        # A component portal's English pages sit under an untranslated copy of its home,
        # which is not served (translations.wagtail_hooks): "Home" is the Vietnamese one.
        home = home.alias_of.specific
    return {
        # An inclusion tag's template sees only this dict: without the request,
        # {% pageurl %} cannot tell the current portal and writes the portal's real
        # hostname instead of a link on the visitor's host (issue #17).
        "request": context.get("request"),
        "home": home,
        "sections": sections,
        "current_ids": {s.id for s in sections if current_path.startswith(s.path)},
        "is_home": home is not None and getattr(page, "id", None) == home.id,
    }


@register.inclusion_tag("cms/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Links from the portal home down to the current page."""
    page = context.get("page")
    home = _home(context)
    ancestors = page_breadcrumbs(page=page, home=home) if page is not None and home is not None else []
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def latest_news(context, limit=5):
    """The portal's newest news articles."""
    home = _home(context)
    return portal_latest_news(home=home, limit=limit) if home else []
