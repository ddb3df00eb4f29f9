"""Per-IP limit on questions: the intake's fixed window (``intake.ratelimit``), Q&A's budget.

Limits are settings (QA_SUBMISSIONS_PER_IP, QA_SUBMISSIONS_WINDOW_SECONDS).
"""

from __future__ import annotations

from django.conf import settings

# Moved to intake; remove after merge (re-exported for branches written against qa's engine).
from intake.ratelimit import RateDecision, client_ip, fixed_window_check
from intake.ratelimit import client_window_check

__all__ = ["RateDecision", "client_ip", "fixed_window_check", "submission_rate_check"]


def submission_rate_check(request) -> RateDecision:
    """Count one submission attempt from this client; refused past the limit (0: no limit)."""
    return client_window_check(
        request,
        scope="qa:submissions",
        limit=settings.QA_SUBMISSIONS_PER_IP,
        window=settings.QA_SUBMISSIONS_WINDOW_SECONDS,
    )
