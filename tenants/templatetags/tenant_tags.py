from django import template

from tenants.selectors import portal_url as portal_url_for

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_url(context, unit):
    """Link to another unit's portal, reachable from this machine (see selectors)."""
    return portal_url_for(unit=unit, request=context.get("request"))
