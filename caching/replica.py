"""Purges wait for the read replica (issue #23, found by bench/cluster.py).

With ``DATABASE_REPLICA_URL`` public reads come from the replica (settings/db_router.py).
The first visitor after a purge refills the app cache and Varnish from such a read: a
replica still behind the publish's commit would put the old page back in both, for as
long as they keep it. So the purge first waits until the replica has replayed what
the primary has written (tens of milliseconds; bounded).
"""

import time

from django.db import DatabaseError, connections

REPLICA = "replica"  # the alias settings.production gives the replica
# The longest a purge waits (bench/cluster.py measured 20-150 ms under load on one
# machine); past it the purge goes ahead anyway.
REPLICA_CATCH_UP_SECONDS = 2.0


def replica_catch_up(*, timeout: float = REPLICA_CATCH_UP_SECONDS) -> bool:
    """Wait until the replica has replayed everything the primary has written so far.
    True when caught up, or when there is nothing to wait for (no replica configured,
    the replica down, or not a standby); False on timeout."""
    if REPLICA not in connections.settings:
        return True
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()::text")
            lsn = cursor.fetchone()[0]
        deadline = time.monotonic() + timeout
        with connections[REPLICA].cursor() as cursor:
            while True:
                cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn])
                caught_up = cursor.fetchone()[0]
                if caught_up or caught_up is None:  # None: not a standby at all
                    return True
                if time.monotonic() > deadline:
                    return False
                time.sleep(0.005)
    except DatabaseError:
        # A replica that does not answer serves no reads either (the router skips it).
        connections[REPLICA].close()
        return True
