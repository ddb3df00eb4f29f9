"""Per-client limit on public submissions, counted in Django's cache.

A fixed window per client address: simple, shared by every worker when the cache is
shared (Redis/Memcached in production), and enough to stop a script flooding a board.
Each intake counts under its own key prefix and budget (its settings), so a citizen
who asked a question can still comment on a draft. The address is the one the trusted
proxy chain saw (``security.client_ip``, CLIENT_IP_TRUSTED_PROXIES).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.crypto import salted_hmac

from security.client_ip import client_ip as security_client_ip


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    retry_after: int  # seconds until the window ends


ALLOWED = RateDecision(allowed=True, retry_after=0)


def client_ip(request) -> str:
    # From the trusted proxy chain only (issue #16 item 6), never a client-sent header.
    return security_client_ip(request)


def client_ip_hash(request, *, salt: str) -> str:
    """The client address as a keyed hash, for what is stored beside a submission."""
    return salted_hmac(salt, client_ip(request)).hexdigest()


def fixed_window_check(*, key: str, limit: int, window: int) -> RateDecision:
    """Count one attempt under ``key`` in the current ``window``-second bucket."""
    now = int(time.time())
    bucket = now // window
    bucket_key = f"{key}:{bucket}"
    cache.add(bucket_key, 0, timeout=window)
    try:
        count = cache.incr(bucket_key)
    except ValueError:  # expired between add and incr
        cache.set(bucket_key, 1, timeout=window)
        count = 1
    return RateDecision(allowed=count <= limit, retry_after=(bucket + 1) * window - now)


def client_window_check(request, *, scope: str, limit: int, window: int) -> RateDecision:
    """Count one attempt by this client under ``scope`` (e.g. ``qa:submissions``).

    A limit of 0 turns the check off: load tests (bench/qa_concurrency.py) send from
    one address; never in production.
    """
    if limit <= 0:
        return ALLOWED
    return fixed_window_check(key=f"{scope}:{client_ip(request)}", limit=limit, window=window)
