"""Per-IP limit on public submissions, counted in Django's cache.

A fixed window per client address: simple, shared by every worker when the cache
is shared (Redis/Memcached in production), and enough to stop a script flooding a
board with questions. Limits are settings (QA_SUBMISSIONS_PER_IP,
QA_SUBMISSIONS_WINDOW_SECONDS); the address is the one the trusted proxy chain saw
(``security.client_ip``, CLIENT_IP_TRUSTED_PROXIES).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from security.client_ip import client_ip as security_client_ip


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    retry_after: int  # seconds until the window ends


def client_ip(request) -> str:
    # From the trusted proxy chain only (issue #16 item 6), never a client-sent header.
    return security_client_ip(request)


def submission_rate_check(request) -> RateDecision:
    """Count one submission attempt from this client; refused past the limit.

    A limit of 0 turns the check off: load tests (bench/qa_concurrency.py) send from
    one address; never in production.
    """
    if settings.QA_SUBMISSIONS_PER_IP <= 0:
        return RateDecision(allowed=True, retry_after=0)
    return fixed_window_check(
        key=f"qa:submissions:{client_ip(request)}",
        limit=settings.QA_SUBMISSIONS_PER_IP,
        window=settings.QA_SUBMISSIONS_WINDOW_SECONDS,
    )


def fixed_window_check(*, key: str, limit: int, window: int) -> RateDecision:
    """Count one attempt under ``key`` in the current ``window``-second bucket.

    Shared by every public form (questions, comments, survey responses), each with
    its own key prefix and budget.
    """
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
