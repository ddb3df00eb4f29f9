"""Batching that keeps a large reorganisation plan fast (issue #21 benchmark: 126
communes merged into 40 in under a minute) without changing what it does.

Both helpers swap process-wide signal handlers or class attributes for the duration of
a block: they are for a management command's process (``reorganise_units``,
``reorganise_due``), not for a web request.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_save
from modelsearch import index as search_index
from modelsearch import signal_handlers as search_signal_handlers
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import Page, Site


def _site_roots_fingerprint() -> tuple:
    """What Wagtail's site root paths are computed from: each site's host, port, default
    flag and root page, the root pages' paths and their translations' (two queries)."""
    sites = tuple(Site.objects.order_by("pk").values_list(
        "pk", "hostname", "port", "is_default_site", "root_page_id", "root_page__url_path"))
    roots = Page.objects.filter(pk__in=[s[4] for s in sites]).values("translation_key")
    translations = tuple(Page.objects.filter(translation_key__in=roots).order_by("pk").values_list("pk", "url_path", "locale_id"))
    return sites, translations


@contextmanager
def site_root_paths_kept_while_unchanged() -> Iterator[None]:
    """Keep Wagtail's cached site root paths across saves that do not change them.

    Wagtail drops the cache whenever a Site or a portal's home page is saved (a new title,
    a site name), and the next URL asked for (the cache purges of every moved or
    published page) rebuilds it with one query per site: with 150 portals, a merge
    rebuilt it twice, most of the plan's time. Inside this block a drop only happens when
    what the paths are made of changed; once at the end it is dropped anyway. Only for a
    management command's process: it swaps a class attribute for the duration.
    """
    original = Site.__dict__["clear_site_root_paths_cache"]
    last = [_site_roots_fingerprint()]

    def clear_if_changed() -> None:
        now = _site_roots_fingerprint()
        if now != last[0]:
            last[0] = now
            original.__func__()

    Site.clear_site_root_paths_cache = staticmethod(clear_if_changed)
    try:
        yield
    finally:
        Site.clear_site_root_paths_cache = original
        Site.clear_site_root_paths_cache()


@contextmanager
def search_updates_deferred() -> Iterator[None]:
    """Index each changed object once, after the commit, instead of on every save.

    A carried page is saved by its move and a renamed home page by its revision's
    publication (twice): every save queued its own search update, run inline by the
    immediate task backend, with the transaction still open. Inside this block the saves
    are only noted; the same update task is queued once per object when the plan
    commits (none if it rolls back), through the task backend as usual (db_worker in
    production). Only for a management command's process: it reconnects the handlers.
    """
    models = [m for m in search_index.get_indexed_models() if getattr(m, "search_auto_update", True)]
    changed: dict[tuple[str, str, str], None] = {}

    def note(sender, instance, raw=False, **kwargs):
        if not raw:
            changed[(instance._meta.app_label, instance._meta.model_name, str(instance.pk))] = None

    for model in models:
        post_save.disconnect(search_signal_handlers.post_save_signal_handler, sender=model)
        post_save.connect(note, sender=model, weak=False)
    try:
        yield
    finally:
        for model in models:
            post_save.disconnect(note, sender=model)
            post_save.connect(search_signal_handlers.post_save_signal_handler, sender=model)

    def index_changed():
        for key in changed:
            insert_or_update_object_task.enqueue(*key)

    transaction.on_commit(index_changed)
