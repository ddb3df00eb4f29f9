"""``clean_rich_text``: the filter of ``cms/templates/wagtailcore/shared/richtext.html``.

That template overrides Wagtail's (``cms`` comes before ``wagtail`` in INSTALLED_APPS),
and both ``|richtext`` and ``RichText.__html__`` (StreamField rich text through
``include_block``) render through it, so every public rich text is cleaned here once
whatever reached the database (issue #9 item 3, ``security.rich_text``).
"""

from django import template
from django.utils.safestring import mark_safe

from security.rich_text import clean_html

register = template.Library()


@register.filter
def clean_rich_text(html) -> str:
    return mark_safe(clean_html(str(html or "")))  # noqa: S308 - cleaned against the allow-list
