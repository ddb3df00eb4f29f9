from django import template

from tenants.hosts import url_for_visitor
from tenants.selectors import portal_url as portal_url_for

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_url(context, unit):
    """Link to another unit's portal, reachable from this machine (see selectors)."""
    return portal_url_for(unit=unit, request=context.get("request"))


@register.simple_tag(takes_context=True)
def visitor_url(context, url):
    """A stored absolute URL of a portal page (a republished item's source) on the
    host the visitor came by (tenants.hosts)."""
    return url_for_visitor(url=url, request=context.get("request"))


@register.inclusion_tag("includes/archive_banner.html", takes_context=True)
def archive_banner(context, unit):
    """The banner of an archived portal (issue #21); nothing on a live one."""
    from tenants.archive import archive_notice, unit_is_archived

    if not unit_is_archived(unit):
        return {"unit": None, "notice": "", "request": context.get("request")}
    return {"unit": unit, "notice": archive_notice(unit), "request": context.get("request")}
