"""Per-IP limit on public comments: the intake's fixed window (``intake.ratelimit``), own budget.

Comments and questions are counted apart, so a citizen who asked a question can still
comment on a draft (CONSULTATION_COMMENTS_PER_IP, CONSULTATION_COMMENTS_WINDOW_SECONDS).
"""

from __future__ import annotations

from django.conf import settings

from intake.ratelimit import RateDecision, fixed_window_check
from intake.ratelimit import client_ip_hash as intake_client_ip_hash


def client_ip_hash(request) -> str:
    return intake_client_ip_hash(request, salt="consultations.client_ip")


def comment_rate_check(request) -> RateDecision:
    """Count one comment attempt from this client; refused past the limit."""
    return fixed_window_check(
        key=f"consultations:comments:{client_ip_hash(request)}",
        limit=settings.CONSULTATION_COMMENTS_PER_IP,
        window=settings.CONSULTATION_COMMENTS_WINDOW_SECONDS,
    )
