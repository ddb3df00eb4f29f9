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
def test_a_read_whose_replica_connection_breaks_runs_again_on_the_primary(replicas, monkeypatch, settings):
    """A replica restart ends its sessions mid-request: the GET answered 503
    (security.unavailable) is run once more, reading from the primary."""
    from django.db import OperationalError

    from security.unavailable import unavailable_message, unavailable_response

    settings.ADMIN_PATHS = ("/admin/", "/django-admin/")
    handler = replicas["live"]
    monkeypatch.setattr(db_router, "connections", handler)
    router = db_router.ReplicaRouter()
    used = []

    def view(request):
        alias = router.db_for_read(NewsPage)
        used.append(alias)
        with handler[alias].cursor() as cursor:
            if alias == db_router.REPLICA:
                # What a restart does to the replica's sessions: the server ends this one.
                cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
            cursor.execute("SELECT 1")
        return HttpResponse("ok")

    def with_unavailable_answers(request):  # security.unavailable's process_exception
        try:
            return view(request)
        except OperationalError as error:
            return unavailable_response(request, unavailable_message(error))

    response = db_router.ReplicaReadsMiddleware(with_unavailable_answers)(RequestFactory().get("/tin-tuc/"))
    assert used == [db_router.REPLICA, "default"]
    assert response.status_code == 200
    # A 503 for another reason (the replica fine) is not run again.
    monkeypatch.setattr(db_router, "_replica_down_until", 0.0)
    used.clear()
    response = db_router.ReplicaReadsMiddleware(lambda request: used.append(1) or HttpResponse(status=503))(
        RequestFactory().get("/tin-tuc/"))
    assert response.status_code == 503 and used == [1]
