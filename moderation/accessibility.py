"""Wagtail's accessibility checker, tuned for the portals' Vietnamese content (issue #19 item 6).

The checker (axe-core, in the editor's checks panel and the userbar) runs the rules
that editors of news and documents actually break: images without a description or
with a file name as one, headings out of order or empty, links and buttons without
text, paragraphs dressed as headings. Messages are ours, so they read in Vietnamese.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.userbar import ContentCheckerItem

# What a camera or an editor in a hurry leaves as "description": a file name,
# an underscore, a bare number, or just the word "image" in either language.
ALT_TEXT_PLACEHOLDER = (
    r"\.(avif|gif|jpg|jpeg|png|svg|webp)$|_|^\s*\d+\s*$"
    r"|^\s*(ảnh|hình|hình ảnh|hinh anh|anh|image|photo|picture|img|dsc\w*)\s*$"
)

USE_TEXT = _("Write words that say what it is, for readers using a screen reader.")


class PortalContentChecker(ContentCheckerItem):
    axe_run_only = [
        "image-alt",
        "alt-text-quality",
        "heading-order",
        "empty-heading",
        "p-as-heading",
        "link-name",
        "button-name",
        "input-button-name",
        "frame-title",
        "empty-table-header",
        "empty-meta-description",
    ]
    axe_custom_checks = [
        {"id": "check-image-alt-text", "options": {"pattern": ALT_TEXT_PLACEHOLDER}},
        {"id": "check-empty-meta-description"},
    ]
    axe_messages = {
        "image-alt": {
            "error_name": _("Image without a description (alt text)"),
            "help_text": _("Describe the image in a few words in the image's description field."),
        },
        "alt-text-quality": {
            "error_name": _("Image description is a file name or a placeholder"),
            "help_text": _("Replace it with words that say what the image shows."),
        },
        "heading-order": {
            "error_name": _("Headings skip a level"),
            "help_text": _("Go from heading 2 to heading 3, not from 2 to 4."),
        },
        "empty-heading": {"error_name": _("Empty heading"), "help_text": USE_TEXT},
        "p-as-heading": {
            "error_name": _("Bold paragraph used as a heading"),
            "help_text": _("Use the heading buttons of the editor instead of bold text."),
        },
        "link-name": {
            "error_name": _("Link without text"),
            "help_text": _("Give the link words that say where it leads, not “xem thêm” or “tại đây” alone."),
        },
        "button-name": {"error_name": _("Button without text"), "help_text": USE_TEXT},
        "input-button-name": {"error_name": _("Button without text"), "help_text": USE_TEXT},
        "frame-title": {
            "error_name": _("Embedded frame without a title"),
            "help_text": _("Give the embedded video or map a title."),
        },
        "empty-table-header": {"error_name": _("Empty table header"), "help_text": USE_TEXT},
        "empty-meta-description": {
            "error_name": _("Search description is empty"),
            "help_text": _("Fill in the search description (Promote tab) so search results show a summary."),
        },
    }


def content_checker_replace(request, items, page=None) -> None:
    """The ``construct_wagtail_userbar`` hook: Wagtail's checker becomes the portal's."""
    for index, item in enumerate(items):
        if type(item) is not PortalContentChecker and isinstance(item, ContentCheckerItem):
            items[index] = PortalContentChecker()
