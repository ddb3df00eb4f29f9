"""Wagtail signals that purge the caches (issue #8 item 5).

Handlers only pick the pages; ``caching.services`` does the work. Deleting purges live
pages only: a draft is shown nowhere. A move purges the page and its live
descendants at their old URLs (pre_page_move) and at their new ones (post_page_move).
"""

from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from caching.keys import portal_generation_renew
from caching.services import cache_purge_for_page
from caching.sites import locale_codes_forget, restricted_paths_forget
from tenants.hosts import site_root_paths

DISPATCH_PREFIX = "caching."


def page_changed(sender, instance, **kwargs):
    cache_purge_for_page(page=instance)


def page_deleted(sender, instance, **kwargs):
    if not isinstance(instance, Page) or not instance.live:
        return
    # Deleting a page deletes its row in Page and in its specific table: purge once.
    specific_class = instance.specific_class
    if specific_class is not None and type(instance) is not specific_class:
        return
    cache_purge_for_page(page=instance)


def page_moved(sender, instance, **kwargs):
    # The instance given to pre_page_move may be stale (live as loaded): purge it anyway.
    for page in [instance, *instance.get_descendants().live()]:
        cache_purge_for_page(page=page)


# Saves of a page that change nothing a visitor sees around it (a draft revision, a lock).
DRAFT_ONLY_FIELDS = frozenset({"latest_revision", "latest_revision_id", "has_unpublished_changes", "draft_title",
                               "locked", "locked_at", "locked_by", "locked_by_id", "latest_revision_created_at"})


def portal_site_ids_of_page(page: Page) -> set[int]:
    """The portals (sites) whose tree holds ``page``, by the site root paths Wagtail keeps
    cached; every portal when the page is above them all (the tree's root, the
    provincial root): renaming those may show anywhere."""
    url_path = page.url_path or ""
    root_paths = site_root_paths()
    site_ids = {entry.site_id for entry in root_paths if url_path.startswith(entry.root_path)}
    return site_ids or {entry.site_id for entry in root_paths}


def portal_page_saved(sender, instance, update_fields=None, **kwargs):
    if not isinstance(instance, Page):
        return
    if update_fields is not None and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    portal_generation_renew(site_ids=portal_site_ids_of_page(instance))


def portal_page_moved(sender, instance, **kwargs):
    restricted_paths_forget()  # a restricted page's subtree has a new path
    portal_generation_renew(site_ids=portal_site_ids_of_page(instance))
    parent = kwargs.get("parent_page_after")
    if parent is not None:
        portal_generation_renew(site_ids=portal_site_ids_of_page(parent))


def portal_data_changed(sender, instance, **kwargs):
    """A site, a site setting (contact details), a unit or a page's view restriction
    (a restricted section leaves the public menu) saved or deleted."""
    if isinstance(instance, Locale):
        locale_codes_forget()
    elif isinstance(instance, PageViewRestriction):
        restricted_paths_forget()
        portal_generation_renew(site_ids=portal_site_ids_of_page(instance.page))
    elif isinstance(instance, Site):
        # Its root page (caching.sites); the list of sites is tenants.hosts'.
        portal_generation_renew(site_ids={instance.pk})
    elif isinstance(instance, BaseSiteSetting):
        portal_generation_renew(site_ids={instance.site_id})
    elif getattr(instance, "site_id", None) is not None and sender._meta.label == "tenants.Unit":
        portal_generation_renew(site_ids={instance.site_id})


def register_signal_handlers():
    page_published.connect(page_changed, dispatch_uid=DISPATCH_PREFIX + "published")
    page_unpublished.connect(page_changed, dispatch_uid=DISPATCH_PREFIX + "unpublished")
    post_delete.connect(page_deleted, dispatch_uid=DISPATCH_PREFIX + "deleted")
    pre_page_move.connect(page_moved, dispatch_uid=DISPATCH_PREFIX + "before_move")
    post_page_move.connect(page_moved, dispatch_uid=DISPATCH_PREFIX + "after_move")
    # Per-portal data (caching.keys.portal_generation): renewed whether or not a page
    # cache is on (the test settings turn it off; the per-portal data stays on).
    post_save.connect(portal_page_saved, dispatch_uid=DISPATCH_PREFIX + "portal_page_saved")
    post_delete.connect(portal_page_saved, dispatch_uid=DISPATCH_PREFIX + "portal_page_deleted")
    pre_page_move.connect(portal_page_moved, dispatch_uid=DISPATCH_PREFIX + "portal_before_move")
    post_page_move.connect(portal_page_moved, dispatch_uid=DISPATCH_PREFIX + "portal_after_move")
    post_save.connect(portal_data_changed, dispatch_uid=DISPATCH_PREFIX + "portal_data_saved")
    post_delete.connect(portal_data_changed, dispatch_uid=DISPATCH_PREFIX + "portal_data_deleted")
