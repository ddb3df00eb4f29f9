"""The board's moderation in the admin (issue #19 items 2 and 5): the dashboard greets
a board with its portal's work, and the final approval says where the page went live."""

from wagtail.admin import messages
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from moderation.accessibility import content_checker_replace
from moderation.selectors import board_work, page_public_url


class BoardWorkPanel(Component):
    """First on the dashboard: per portal the user's board serves, what waits for them."""

    name = "board_work"
    order = 50
    template_name = "moderation/board_work_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        return {"work": board_work(user=self.request.user), "request": self.request}

    def render_html(self, parent_context=None):
        if not board_work_shown(self.request.user):
            return ""
        return super().render_html(parent_context)


def board_work_shown(user) -> bool:
    from tenants.models import BoardGroup

    return BoardGroup.objects.filter(group__user=user).exists()


@hooks.register("construct_homepage_panels")
def add_board_work_panel(request, panels):
    panels.insert(0, BoardWorkPanel(request))


@hooks.register("after_edit_page")
def say_where_the_page_went_live(request, page):
    """After the final approval (or "approve and publish now"), the message says the
    page is published, with its public link."""
    if not request.POST.get("action-workflow-action"):
        return None
    latest = WorkflowState.objects.for_instance(page).order_by("-created_at").first()
    page.refresh_from_db()
    if latest is None or latest.status != WorkflowState.STATUS_APPROVED or not page.live:
        return None
    url = page_public_url(page=page.specific, request=request)
    if url:
        message = format_html(
            _("“{title}” is approved and published on the portal: {link}"),
            title=page.get_admin_display_title(),
            link=format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, url),
        )
        messages.success(request, message, buttons=[messages.button(url, _("View on the portal"), new_window=True)])
    return None


# Issue #19 item 6: the accessibility checker with rules and messages for our content.
hooks.register("construct_wagtail_userbar", content_checker_replace)
