"""Per-IP limit on survey responses, counted in Django's cache (like Q&A's).

One response per session stops a person answering twice; a script that drops its
cookies is stopped here instead. The window and limit are settings
(SURVEY_RESPONSES_PER_IP, SURVEY_RESPONSES_WINDOW_SECONDS); the client address is
read as Q&A reads it (QA_CLIENT_IP_META), so one proxy setting serves both.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

from qa.ratelimit import RateDecision, client_ip

__all__ = ["RateDecision", "client_ip", "response_rate_check"]


def response_rate_check(request) -> RateDecision:
    """Count one response attempt from this client; refused past the limit."""
    window = settings.SURVEY_RESPONSES_WINDOW_SECONDS
    now = int(time.time())
    bucket = now // window
    key = f"surveys:responses:{client_ip(request)}:{bucket}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return RateDecision(allowed=count <= settings.SURVEY_RESPONSES_PER_IP, retry_after=(bucket + 1) * window - now)
