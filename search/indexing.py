"""Full rebuild of the search engine's index (issue #4: at least twice Wagtail's stock
``update_index`` on the same data).

The documents are the ones the stock command writes: each indexed model's objects
through the backend's own mapping (``mapping.get_document``), into a new index that
replaces the old one atomically (the backend's rebuilder). What differs is how:

- **keyset chunks** (``pk > last``) instead of ``OFFSET``: the stock command's offset
  chunks make the database skip ever more rows, quadratic over 100,000 pages;
- **one bulk request in flight while the next chunk is built**: the stock command
  waits for each bulk answer before reading on, so the engine and Python take turns;
  here they work at the same time (one background thread, at most one request ahead);
- **no refreshes while loading**: the new index gets ``refresh_interval: -1`` until it
  is full, then one refresh before the alias moves (nobody searches it before that);
- **app-registry lookups cached for the run**: modelsearch asks
  ``apps.is_installed("taggit")`` for every field of every document (about 5 s of
  20 s of document building over 10,000 pages); the registry cannot change during a
  command, so the answers are kept.

The database backend has no separate index to rebuild: it goes through the stock command.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.apps import apps
from django.core.management import call_command
from modelsearch.backends import get_search_backend
from modelsearch.index import class_is_indexed, get_indexed_models
from modelsearch.management.commands.rebuild_modelsearch_index import group_models_by_index

CHUNK_SIZE = 1000
LOADING_SETTINGS = {"index": {"refresh_interval": "-1", "translog.durability": "async"}}
# Back to the engine's defaults (refresh every second, translog synced per request).
SERVING_SETTINGS = {"index": {"refresh_interval": None, "translog.durability": None}}


@dataclass
class RebuildStats:
    indexes: int = 0
    documents: int = 0


@contextlib.contextmanager
def app_registry_lookups_cached():
    """Memoise ``apps.is_installed`` for the duration of a rebuild."""
    original = apps.is_installed
    apps.is_installed = functools.cache(original)
    try:
        yield
    finally:
        apps.is_installed = original


def keyset_chunks(queryset, size: int) -> Iterator[list]:
    """``queryset`` (ordered by pk) in lists of ``size``, each read after the last pk seen."""
    queryset = queryset.order_by("pk")
    last = None
    while True:
        page = queryset if last is None else queryset.filter(pk__gt=last)
        items = list(page[:size])
        if not items:
            return
        yield items
        last = items[-1].pk


def _index_settings_put(backend, index_name: str, index_settings: dict) -> None:
    if backend.use_new_elasticsearch_api:
        backend.es.indices.put_settings(index=index_name, settings=index_settings)
    else:
        backend.es.indices.put_settings(index=index_name, body=index_settings)


# The first refresh of a freshly loaded index (refresh off while loading) writes every
# segment at once: on a 3-node cluster under load it took longer than the backend's
# request TIMEOUT (10 s) made for visitors' searches (bench/cluster.py, issue #23), and
# the rebuild stopped before moving the alias. Maintenance calls get this much instead.
REBUILD_REQUEST_TIMEOUT = 300


def _index_refresh(backend, index_name: str) -> None:
    if backend.use_new_elasticsearch_api:
        backend.es.options(request_timeout=REBUILD_REQUEST_TIMEOUT).indices.refresh(index=index_name)
    else:
        backend.es.indices.refresh(index=index_name, request_timeout=REBUILD_REQUEST_TIMEOUT)


def search_index_rebuild(
    *, backend_name: str = "default", chunk_size: int = CHUNK_SIZE, progress: Callable[[int], None] | None = None
) -> RebuildStats:
    """Rebuild every index of the engine backend ``backend_name``; ``progress(n)`` after each chunk."""
    backend = get_search_backend(backend_name)
    stats = RebuildStats()
    if not getattr(backend, "rebuilder_class", None) or not hasattr(backend, "es"):
        call_command("update_index", backend_name=backend_name, verbosity=0)
        return stats
    progress = progress or (lambda n: None)
    with app_registry_lookups_cached(), ThreadPoolExecutor(max_workers=1, thread_name_prefix="bulk") as sender:
        for index, models in group_models_by_index(backend, get_indexed_models()).items():
            rebuilder = backend.rebuilder_class(index)
            new_index = rebuilder.start()
            _index_settings_put(backend, new_index.name, LOADING_SETTINGS)
            for model in models:
                new_index.add_model(model)
            in_flight = None
            for model in models:
                if not class_is_indexed(model):
                    continue
                mapping = backend.mapping_class(model)
                for chunk in keyset_chunks(model.get_indexed_objects(), chunk_size):
                    actions = [{"_id": mapping.get_document_id(obj), **mapping.get_document(obj)} for obj in chunk]
                    if in_flight is not None:
                        in_flight.result()  # at most one request ahead; re-raises its error
                    in_flight = sender.submit(backend.bulk, backend.es, actions, index=new_index.name)
                    stats.documents += len(actions)
                    progress(len(actions))
            if in_flight is not None:
                in_flight.result()
            _index_settings_put(backend, new_index.name, SERVING_SETTINGS)
            _index_refresh(backend, new_index.name)  # the slow refresh, with time for it
            rebuilder.finish()  # refresh, then move the alias and drop the old index
            stats.indexes += 1
    return stats


def page_reindex_with_relations(sender, instance, **kwargs) -> None:
    """Index a published page again once its child relations are saved (issue 18).

    Wagtail indexes a page from ``post_save``, before a ``ClusterableModel`` writes its
    child relations: an introduction's leader profiles (names, bios) were not in the
    index after publishing. Only page types whose search text reads child relations
    (``search_uses_child_relations``) pay for the second update."""
    if not getattr(instance, "search_uses_child_relations", False):
        return
    from wagtail.search.index import insert_or_update_object

    insert_or_update_object(instance)
