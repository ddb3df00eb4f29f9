from django import template

from moderation.selectors import pages_awaiting

register = template.Library()


@register.simple_tag
def awaiting_for(user):
    """Pages whose current step ``user`` may act on (the notice's list)."""
    return pages_awaiting(user=user)
