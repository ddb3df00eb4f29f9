"""Tell editors when pages could not reach the search engine (issue #9 item 4, faults).

Publishing never waits for the engine: when it is down, the backend queues the page in
``PendingIndexUpdate`` and the page is live at once (issue #4). Without a word the
editor would search for the new page, not find it and publish it again. So:

- after publishing in the request (indexing in-request: development), a warning says
  why and that nothing is lost;
- the admin dashboard shows the queue (how many, since when) while it is not empty:
  in production indexing runs in the task worker, after the request, so this is where
  editors and administrators see an outage;
- a queued page's edit view says that page waits for the engine.

The queue replays itself once the engine accepts an update again (``search.tasks``);
``search_parity --repair`` replays it too.
"""

from django.contrib import messages
from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from search.admin_views import (
    PortalPromotionPermissionPolicy,
    QueryReportPermissionPolicy,
    promotion_viewset,
    query_report_viewset,
)
from search.models import PendingIndexUpdate, PortalSearchPromotion, SearchQueryStat

MESSAGE_INDEX_DEFERRED = _(
    "Search engine unreachable: '%(title)s' is published and will appear in search results "
    "once the engine is back; nothing is lost."
)
MESSAGE_PAGE_QUEUED = _(
    "The search engine was unreachable when this page last changed: the page waits in the "
    "queue, and search results will show its published version once the engine is back."
)
PANEL_HEADING = _("Waiting for the search engine")
PANEL_WAITING = _("Pages and documents waiting for the search engine: %(count)s (the oldest since %(since)s).")
PANEL_LIVE = _(
    "Published pages are already live on the portals and will appear in search results once "
    "the search engine is back; nothing is lost. The queue is sent automatically as soon as "
    "the engine answers again."
)
PANEL_COMMAND = _("To check the whole index and send the queue now, run:")
REPAIR_COMMAND = "python manage.py search_parity --repair"


def queued_update(page) -> PendingIndexUpdate | None:
    """The update of ``page`` waiting in the queue, if any (stored under its specific model)."""
    model = page.specific_class or type(page)
    return PendingIndexUpdate.objects.filter(model_label=model._meta.label_lower, object_id=str(page.pk)).first()


def index_deferred(page) -> bool:
    """Whether this publication of ``page`` failed to reach the engine and waits in the queue."""
    queued = queued_update(page)
    # An older failure, already replayed or superseded by this publication, does not count.
    return queued is not None and (page.last_published_at is None or queued.created_at >= page.last_published_at)


@hooks.register("after_publish_page")
def warn_when_index_deferred(request, page):
    if index_deferred(page):
        messages.warning(request, MESSAGE_INDEX_DEFERRED % {"title": page.get_admin_display_title()})


@hooks.register("before_edit_page")
def warn_when_page_queued(request, page):
    # On opening the page only: after a POST the editor is redirected back here, and
    # after_publish_page has already said what happened to this publication.
    if request.method == "GET" and queued_update(page) is not None:
        messages.warning(request, MESSAGE_PAGE_QUEUED)


class PendingIndexUpdatesPanel(Component):
    """The dashboard's notice of the queue; renders nothing while it is empty."""

    name = "search_pending_index_updates"
    template_name = "search/admin/pending_index_updates_panel.html"
    order = 50  # above Wagtail's own panels (site summary: 100)

    def render_html(self, parent_context=None):
        queue = PendingIndexUpdate.objects.aggregate(count=Count("pk"), oldest=Min("created_at"))
        if not queue["count"]:
            return ""
        self.queue = queue
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        since = date_format(timezone.localtime(self.queue["oldest"]), "SHORT_DATETIME_FORMAT")
        return {
            "heading": PANEL_HEADING,
            "waiting": PANEL_WAITING % {"count": self.queue["count"], "since": since},
            "live": PANEL_LIVE,
            "command_note": PANEL_COMMAND if user.is_superuser else None,
            "command": REPAIR_COMMAND,
        }


@hooks.register("construct_homepage_panels")
def add_pending_index_updates_panel(request, panels):
    panels.append(PendingIndexUpdatesPanel())


# --- promoted results per portal (issue 18 item 5) -------------------------------------

register_permission_policy(PortalSearchPromotion, PortalPromotionPermissionPolicy(PortalSearchPromotion),
                           exact_class=True)
register_permission_policy(SearchQueryStat, QueryReportPermissionPolicy(SearchQueryStat))


@hooks.register("register_admin_viewset")
def register_promotion_viewset():
    return promotion_viewset


# Wagtail's own screens of the same promotions ignore portals: superusers keep their
# URLs, but the menu shows the boards' screen only, once. Wagtail's "Search terms"
# report counts queries we do not record (ours: the weekly query report).
WAGTAIL_PROMOTION_MENU_ITEMS = {"promoted-search-results", "search-terms"}


@hooks.register("construct_settings_menu")
def hide_wagtail_promotions_menu(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name not in WAGTAIL_PROMOTION_MENU_ITEMS]


@hooks.register("construct_reports_menu")
def hide_wagtail_search_terms_menu(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name not in WAGTAIL_PROMOTION_MENU_ITEMS]


@hooks.register("register_admin_viewset")
def register_query_report_viewset():
    return query_report_viewset


class QueryReportMenuItem(MenuItem):
    def is_shown(self, request):
        return query_report_viewset.permission_policy.user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def register_query_report_menu_item():
    return QueryReportMenuItem(_("Search queries of the week"), reverse("search_query_report:index"),
                               name="search-queries", icon_name="search", order=1290)
