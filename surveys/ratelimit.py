"""Per-IP limit on survey responses: the intake's fixed window (``intake.ratelimit``), own budget.

One response per session stops a person answering twice; a script that drops its
cookies is stopped here instead. The window and limit are settings
(SURVEY_RESPONSES_PER_IP, SURVEY_RESPONSES_WINDOW_SECONDS).
"""

from __future__ import annotations

from django.conf import settings

from intake.ratelimit import RateDecision, client_ip, fixed_window_check

__all__ = ["RateDecision", "client_ip", "response_rate_check"]


def response_rate_check(request) -> RateDecision:
    """Count one response attempt from this client; refused past the limit."""
    return fixed_window_check(
        key=f"surveys:responses:{client_ip(request)}",
        limit=settings.SURVEY_RESPONSES_PER_IP,
        window=settings.SURVEY_RESPONSES_WINDOW_SECONDS,
    )
