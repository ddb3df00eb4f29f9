"""Purges wait for the replica, but never for one that cannot answer (caching.replica)."""

import socket

import pytest
from django.db import connections as default_connections
from django.db.utils import ConnectionHandler

import caching.replica as replica


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_catch_up_returns_at_once_without_a_standby_to_wait_for(monkeypatch):
    live = dict(default_connections["default"].settings_dict)
    if live["ENGINE"] != "django.db.backends.postgresql":
        pytest.fail("replica_catch_up runs on PostgreSQL (DATABASE_URL), not on " + live["ENGINE"])
    dead = {**live, "HOST": "127.0.0.1", "PORT": str(closed_port()), "OPTIONS": {**live["OPTIONS"], "connect_timeout": 2}}
    # No replica configured (the test settings): nothing to wait for.
    assert replica.replica_catch_up(timeout=5) is True
    for conf in (dead, live):  # down; a primary (pg_last_wal_replay_lsn() is NULL)
        handler = ConnectionHandler({"default": live, replica.REPLICA: conf})
        monkeypatch.setattr(replica, "connections", handler)
        try:
            assert replica.replica_catch_up(timeout=5) is True
        finally:
            handler.close_all()
