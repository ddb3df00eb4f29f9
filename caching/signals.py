"""Wagtail signals that purge the caches (issue #8 item 5).

Handlers only pick the pages; ``caching.services`` does the work. Deleting purges live
pages only: a draft is shown nowhere. A move purges the page and its live
descendants at their old URLs (pre_page_move) and at their new ones (post_page_move).
"""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from caching.services import cache_purge_for_page

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


def register_signal_handlers():
    page_published.connect(page_changed, dispatch_uid=DISPATCH_PREFIX + "published")
    page_unpublished.connect(page_changed, dispatch_uid=DISPATCH_PREFIX + "unpublished")
    post_delete.connect(page_deleted, dispatch_uid=DISPATCH_PREFIX + "deleted")
    pre_page_move.connect(page_moved, dispatch_uid=DISPATCH_PREFIX + "before_move")
    post_page_move.connect(page_moved, dispatch_uid=DISPATCH_PREFIX + "after_move")
