"""The replica router falls back to the primary when the replica does not answer
(issue #23: bench/cluster.py restarts the replica under load; public reads answered
500 for the seconds of the restart)."""

import socket

import pytest
from django.db import connections as default_connections
from django.db.utils import ConnectionHandler
from django.http import HttpResponse
from django.test import RequestFactory

import settings.db_router as db_router
from cms.models import NewsPage


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def replicas(monkeypatch):
    """Real connections named ``replica``: one to the test database (a live replica), one
    to a port nothing listens on (a replica that is restarting)."""
    live = dict(default_connections["default"].settings_dict)
    if live["ENGINE"] != "django.db.backends.postgresql":
        pytest.fail("the replica router is exercised on PostgreSQL (DATABASE_URL), not on " + live["ENGINE"])
    dead = {**live, "HOST": "127.0.0.1", "PORT": str(closed_port()), "OPTIONS": {**live["OPTIONS"], "connect_timeout": 2}}
    handlers = {name: ConnectionHandler({"default": live, db_router.REPLICA: conf})
                for name, conf in (("live", live), ("dead", dead))}
    monkeypatch.setattr(db_router, "_replica_down_until", 0.0)
    yield handlers
    for handler in handlers.values():
        handler.close_all()


def routed_read(handler, monkeypatch, method="GET", path="/tin-tuc/"):
    """The database the router picks for a read inside a request through the middleware."""
    monkeypatch.setattr(db_router, "connections", handler)
    router = db_router.ReplicaRouter()
    chosen = []
    middleware = db_router.ReplicaReadsMiddleware(
        lambda request: chosen.append(router.db_for_read(NewsPage)) or HttpResponse())
    middleware(RequestFactory().generic(method, path))
    return chosen[0]


@pytest.mark.django_db
def test_reads_go_to_the_primary_while_the_replica_does_not_answer(replicas, monkeypatch, settings):
    settings.ADMIN_PATHS = ("/admin/", "/django-admin/")  # from settings.production
    assert routed_read(replicas["live"], monkeypatch) == "replica"
    # Writes and the admin never read from the replica, whatever its state.
    assert routed_read(replicas["live"], monkeypatch, method="POST") == "default"
    assert routed_read(replicas["live"], monkeypatch, path="/admin/pages/") == "default"

    assert routed_read(replicas["dead"], monkeypatch) == "default"
    # The process remembers the failure: the replica is left alone for a while even
    # when it answers again, so a restart costs one failed connect, not one per request.
    assert routed_read(replicas["live"], monkeypatch) == "default"
    monkeypatch.setattr(db_router, "_replica_down_until", 0.0)
    assert routed_read(replicas["live"], monkeypatch) == "replica"
    # Outside a request (management commands, the task worker) reads use the primary.
    assert db_router.ReplicaRouter().db_for_read(NewsPage) == "default"


@pytest.mark.django_db
def test_purges_do_not_wait_for_a_replica_that_cannot_answer(replicas, monkeypatch):
    """``replica_catch_up`` (run before every purge) returns at once when the replica is
    down or is no standby, instead of holding the editor's publish."""
    monkeypatch.setattr(db_router, "connections", replicas["dead"])
    assert db_router.replica_catch_up(timeout=5) is True
    monkeypatch.setattr(db_router, "_replica_down_until", 0.0)
    # The test database is a primary: pg_last_wal_replay_lsn() is NULL, nothing to wait for.
    monkeypatch.setattr(db_router, "connections", replicas["live"])
    assert db_router.replica_catch_up(timeout=5) is True
