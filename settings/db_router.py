"""Read replica routing (issue #8): only when DATABASE_REPLICA_URL is set.

Reads go to the ``replica`` database only inside a request that
``ReplicaReadsMiddleware`` marked as safe: a GET or HEAD outside the admin. Everything
else (writes, the admin, management commands, the task worker) uses ``default``, so
an editor never reads back a stale copy of what they just saved.
"""

from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_replica_reads = ContextVar("replica_reads", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _replica_reads.get() else "default"

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
        token = _replica_reads.set(safe)
        try:
            return self.get_response(request)
        finally:
            _replica_reads.reset(token)
