"""Keeping the index whole (issue #4, robustness): the queue of index updates the engine
missed and its replay."""

import contextlib
import contextvars
import logging

from django.core.cache import cache

from search.models import PendingIndexUpdate

# One logger for the package, under the name the module had before it was split.
logger = logging.getLogger("search.services")

def index_update_defer(*, obj, action: str) -> None:
    """Record that ``obj`` could not be added to / deleted from the engine's index."""
    PendingIndexUpdate.objects.update_or_create(
        model_label=obj._meta.label_lower, object_id=str(obj.pk), defaults={"action": action}
    )


# The queue replays itself (search.tasks.pending_replay_task) once the engine accepts an
# update again: at most once per PENDING_REPLAY_INTERVAL, however many updates succeed
# (a cache.add guard, shared by every process through the Redis cache), and never from
# inside a replay or repair (``pending_replay_suppressed``), which would only recurse:
# in development and tests the task runs at once, inside the update that enqueued it.
PENDING_REPLAY_GUARD_KEY = "search:pending-replay"
PENDING_REPLAY_INTERVAL = 60  # seconds
_pending_replay_suppressed = contextvars.ContextVar("search_pending_replay_suppressed", default=False)


@contextlib.contextmanager
def pending_replay_suppressed():
    """No replay is enqueued by the updates sent inside this block (a replay, a repair)."""
    token = _pending_replay_suppressed.set(True)
    try:
        yield
    finally:
        _pending_replay_suppressed.reset(token)


def index_update_succeeded() -> bool:
    """The engine accepted an update: if updates wait in the queue, enqueue their replay.

    Called by the backend after every successful add/delete, so it costs one ``exists()``
    query while the queue is empty (the normal case) and never raises: the update itself
    succeeded, and ``search_parity --repair`` still replays the queue. Returns whether a
    replay was enqueued."""
    if _pending_replay_suppressed.get():
        return False
    try:
        if not PendingIndexUpdate.objects.exists():
            return False
        if not cache.add(PENDING_REPLAY_GUARD_KEY, 1, timeout=PENDING_REPLAY_INTERVAL):
            return False  # enqueued less than PENDING_REPLAY_INTERVAL ago
        from search.tasks import pending_replay_task

        pending_replay_task.enqueue()
    except Exception:  # noqa: BLE001 - the queue waits for the next success or the repair
        logger.exception("Could not enqueue the replay of the pending index updates")
        return False
    return True
