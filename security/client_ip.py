"""The client's address behind the documented proxy chain (issue #16 item 6).

``QA_CLIENT_IP_META=HTTP_X_REAL_IP`` trusted a header that the client itself can send,
so a script could rotate "addresses" past every per-client limit. Each reverse proxy
of the chain (load balancer, Varnish: docs/deploy.md) appends the address it received
the request from to ``X-Forwarded-For``; only the entries those proxies wrote are
trustworthy, counted from the right. With ``CLIENT_IP_TRUSTED_PROXIES`` = N proxies in
front of Django, the client is the N-th entry from the right; whatever the client put
in the header sits further left and is ignored. With N = 0 (no proxy, development) it
is ``REMOTE_ADDR``.

Why not django-ipware: its ``proxy_count`` counts the proxies listed in the header
(N - 1 here) and answers nothing for a single proxy, and falls back to the left-most
(client-written) entry when the count does not match; the rule above is the whole of
what is needed, and testable line by line.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"
UNKNOWN = "unknown"


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The address the first trusted proxy saw the request come from."""
    remote = _valid(request.META.get("REMOTE_ADDR") or "") or UNKNOWN
    trusted = settings.CLIENT_IP_TRUSTED_PROXIES
    if trusted <= 0:
        return remote
    chain = [part for part in (request.META.get(FORWARDED_FOR) or "").split(",") if part.strip()]
    if len(chain) < trusted:
        # Not through the whole chain (a health check from inside): the peer is the client.
        return remote
    return _valid(chain[-trusted]) or remote


def client_ip_for_axes(request) -> str:
    """django-axes' AXES_CLIENT_IP_CALLABLE: the same address the rate limits use
    (None when there is none, e.g. the test client's ``force_login``: axes stores it in
    an IP address column)."""
    address = client_ip(request)
    return None if address == UNKNOWN else address
