"""Per-IP limit on public comments: Q&A's fixed window (``qa.ratelimit``), own budget.

Comments and questions are counted apart, so a citizen who asked a question can still
comment on a draft; the client address is read the same way (``qa.ratelimit.client_ip``).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.crypto import salted_hmac

from qa.ratelimit import RateDecision, client_ip, fixed_window_check


def client_ip_hash(request) -> str:
    return salted_hmac("consultations.client_ip", client_ip(request)).hexdigest()


def comment_rate_check(request) -> RateDecision:
    """Count one comment attempt from this client; refused past the limit."""
    return fixed_window_check(
        key=f"consultations:comments:{client_ip_hash(request)}",
        limit=settings.CONSULTATION_COMMENTS_PER_IP,
        window=settings.CONSULTATION_COMMENTS_WINDOW_SECONDS,
    )
