"""Per-IP limit on public comments: Q&A's fixed window (``qa.ratelimit``), own budget.

Comments and questions are counted apart, so a citizen who asked a question can still
comment on a draft; the client address is read the same way (``qa.ratelimit.client_ip``).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from qa.ratelimit import RateDecision, client_ip


def client_ip_hash(request) -> str:
    return salted_hmac("consultations.client_ip", client_ip(request)).hexdigest()


def comment_rate_check(request) -> RateDecision:
    """Count one comment attempt from this client; refused past the limit."""
    window = settings.CONSULTATION_COMMENTS_WINDOW_SECONDS
    now = int(time.time())
    bucket = now // window
    key = f"consultations:comments:{client_ip_hash(request)}:{bucket}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return RateDecision(allowed=count <= settings.CONSULTATION_COMMENTS_PER_IP, retry_after=(bucket + 1) * window - now)
