"""Is the engine's index in step with the database? (issue #4, robustness)

``index_parity`` compares each indexed page's fingerprint (publication and revision
times, title) with the engine's document; ``index_repair`` re-sends what is missing or
stale, deletes what should not be there and replays the ``PendingIndexUpdate`` queue
that the backend filled while the engine was down (the queue also replays itself once
the engine answers again, see ``search.tasks``). The database backend updates in the
same transaction as the page, so there is nothing to compare when it is the only one.
"""

from dataclasses import dataclass, field

from django.apps import apps
from modelsearch.index import get_indexed_instance
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.models import PendingIndexUpdate
from search.services import pending_replay_suppressed

FINGERPRINT_FIELDS = ("last_published_at", "latest_revision_created_at", "title")


def fingerprint(page) -> str:
    """What the engine's document should say: must match ``document_fingerprints``."""
    def text(value):
        return value.isoformat()[:19] if hasattr(value, "isoformat") else str(value or "")[:19]

    return "|".join(text(getattr(page, f)) for f in FINGERPRINT_FIELDS)


@dataclass
class ParityReport:
    checked: int = 0
    missing: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    pending: int = 0

    @property
    def in_step(self) -> bool:
        return not (self.missing or self.stale or self.extra or self.pending)


def engine_backend():
    """The default backend if it is an engine (it can list its documents), else None."""
    backend = get_search_backend()
    return backend if hasattr(backend, "document_fingerprints") else None


def index_parity(*, progress=lambda iterable, **kwargs: iterable) -> ParityReport:
    backend = engine_backend()
    report = ParityReport(pending=PendingIndexUpdate.objects.count())
    if backend is None:
        return report
    documents = backend.document_fingerprints(Page)
    pages = Page.objects.order_by("pk").only("pk", *FINGERPRINT_FIELDS)
    for page in progress(pages.iterator(chunk_size=2000), total=pages.count(), desc="pages"):
        report.checked += 1
        found = documents.pop(str(page.pk), None)
        if found is None:
            report.missing.append(page.pk)
        elif found != fingerprint(page):
            report.stale.append(page.pk)
    report.extra = sorted(documents)
    return report


def index_repair(report: ParityReport, *, progress=lambda iterable, **kwargs: iterable) -> int:
    """Fix what ``report`` found and replay the queue; returns how many objects were fixed."""
    # The repair replays the queue itself: its updates must not enqueue another replay.
    with pending_replay_suppressed():
        return _index_repair(report, progress=progress)


def _index_repair(report: ParityReport, *, progress) -> int:
    backend = engine_backend()
    fixed = 0
    if backend is not None:
        for page in progress(Page.objects.filter(pk__in=report.missing + report.stale).specific(), desc="repair"):
            backend.add(page)
            fixed += 1
        for pk in report.extra:
            _delete_document(backend, Page, pk)
            fixed += 1
    return fixed + pending_replay()


def pending_replay() -> int:
    """Apply the queued updates the engine missed; rows that fail again stay queued.

    Run by ``search_parity --repair`` and by ``search.tasks.pending_replay_task``, which
    the backend enqueues when the engine accepts an update again; the updates sent here
    enqueue no further replay (``pending_replay_suppressed``)."""
    with pending_replay_suppressed():
        return _pending_replay()


def _pending_replay() -> int:
    done = 0
    for update in PendingIndexUpdate.objects.order_by("created_at"):
        model = apps.get_model(update.model_label)
        obj = model._default_manager.filter(pk=update.object_id).first()
        try:
            for backend in _engine_backends():
                if obj is not None and update.action == PendingIndexUpdate.Action.ADD:
                    backend.add(get_indexed_instance(obj) or obj)
                else:
                    _delete_document(backend, model, update.object_id)
        except Exception:  # noqa: BLE001 - still down: keep the row, count the attempt
            PendingIndexUpdate.objects.filter(pk=update.pk).update(attempts=update.attempts + 1)
            continue
        update.delete()
        done += 1
    return done


def _engine_backends():
    backend = engine_backend()
    return [backend] if backend is not None else []


def _delete_document(backend, model, object_id):
    """Delete one document; one already gone is fine."""
    index = backend.get_index_for_model(model)
    client = index.es
    if hasattr(client, "options"):  # elasticsearch-py 8 deprecates per-call transport options
        client.options(ignore_status=404).delete(index=index.name, id=object_id)
    else:  # opensearch-py
        client.delete(index=index.name, id=object_id, ignore=[404])
