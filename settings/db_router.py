"""Read replica routing (issue #8): only when DATABASE_REPLICA_URL is set.

Reads go to the ``replica`` database only inside a request that
``ReplicaReadsMiddleware`` marked as safe: a GET or HEAD outside the admin. Everything
else (writes, the admin, management commands, the task worker) uses ``default``, so
an editor never reads back a stale copy of what they just saved.

A replica that does not answer (restarting, failed over, unreachable) must not turn
public pages into 500s: the first read of a request checks the replica's connection
(Django's health check, then a connect), and when that fails the request and every
request of this process for ``REPLICA_RETRY_SECONDS`` read from the primary instead;
a GET whose replica connection broke while it ran (a restart ends the replica's
sessions) is run once more, on the primary (bench/cluster.py restarts the replica
under load: without this the reads in flight answered 503, and nginx, counting those
as failed servers, took both app servers out for seconds).
"""

import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, connections

REPLICA = "replica"
# How long a process keeps reading from the primary after the replica failed to answer;
# then one request tries the replica again. Short: the primary carries every read meanwhile.
REPLICA_RETRY_SECONDS = 5.0
_UNCHECKED = object()
# Per request: False (primary), _UNCHECKED (replica allowed, not checked yet), True (replica checked).
_replica_reads = ContextVar("replica_reads", default=False)
# Per process: monotonic time until which the replica is treated as down.
_replica_down_until = 0.0


def replica_available(connection) -> bool:
    """Whether ``connection`` (the replica's) can serve reads now; a failure marks the
    replica down in this process for ``REPLICA_RETRY_SECONDS``."""
    global _replica_down_until
    if time.monotonic() < _replica_down_until:
        return False
    try:
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except DatabaseError:
        connection.close()
        _replica_down_until = time.monotonic() + REPLICA_RETRY_SECONDS
        return False
    return True


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        state = _replica_reads.get()
        if state is _UNCHECKED:
            state = replica_available(connections[REPLICA])
            _replica_reads.set(state)
        return REPLICA if state else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of default: objects from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        safe = request.method in ("GET", "HEAD") and not request.path.startswith(
            tuple(settings.ADMIN_PATHS)
        )
        token = _replica_reads.set(_UNCHECKED if safe else False)
        try:
            response = self.get_response(request)
        finally:
            _replica_reads.reset(token)
        if safe and response.status_code == 503 and replica_failed():
            # The replica went away during the request (a restart ends its sessions;
            # security.unavailable answered 503): a GET or HEAD is safe to run again,
            # and now reads from the primary.
            response = self.get_response(request)
        return response


def replica_failed() -> bool:
    """Whether the replica's connection failed in this request; if so it is closed and
    left alone for ``REPLICA_RETRY_SECONDS``."""
    global _replica_down_until
    if REPLICA not in connections.settings:
        return False
    replica = connections[REPLICA]
    if not replica.errors_occurred:
        return False
    replica.close()
    replica.errors_occurred = False  # handled: the next request starts clean
    _replica_down_until = time.monotonic() + REPLICA_RETRY_SECONDS
    return True
