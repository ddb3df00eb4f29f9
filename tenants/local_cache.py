"""A process-local layer in front of the shared cache, for small entries every request
reads (issue 18, latency: a search read ~17 entries of the shared cache, each a pickle
load here and a Redis round trip in production).

A value is kept in this process together with the *local token* it was read under: one
shared cache entry (``LOCAL_TOKEN_KEY``), renewed by every ``local_forget`` /
``local_renew`` in any process. A request reads the token once, at its first use of
the layer (``request_started`` marks each new request), and serves every kept value
read under that token without touching the shared cache; a change made in another
process (its forget renews the token) is seen on the next request. Outside a request
(commands, tasks, tests calling services directly) the token is read at each use:
still one read in place of the entry's.

Forgetting deletes the shared entries first, then renews the token, so a process that
reads the new token can only find the new values. A kept value also expires after the
entry's own shared timeout (the safety net those timeouts were stays the same).

Values are shared by every request of the process: callers must not change them.
"""

import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

LOCAL_TOKEN_KEY = "portalcache:local-token"

# Far more than the entries a process uses (a few fixed keys, search's filter sets).
MAX_ENTRIES = 2048
# key -> (token it was read under, value, monotonic expiry or None)
_entries: dict[str, tuple[str, Any, float | None]] = {}
_state = threading.local()  # .in_request: inside a request; .token: read by this request


def request_began(**kwargs) -> None:
    _state.in_request, _state.token = True, None


def request_ended(**kwargs) -> None:
    _state.in_request, _state.token = False, None


def local_token() -> str:
    """The shared token: read once per request, at each call outside a request."""
    in_request = getattr(_state, "in_request", False)
    if in_request and _state.token is not None:
        return _state.token
    token = cache.get(LOCAL_TOKEN_KEY)
    if token is None:  # an empty (or evicted) cache: nothing kept before holds
        cache.add(LOCAL_TOKEN_KEY, uuid.uuid4().hex, None)
        token = cache.get(LOCAL_TOKEN_KEY) or ""
    if in_request:
        _state.token = token
    return token


def local_get(key: str, build: Callable[[], Any], *, seconds: int | None, shared: bool = True) -> Any:
    """The value of ``key``: kept in this process while the local token holds, else read
    from the shared cache, else ``build()`` (stored in the shared cache for ``seconds``,
    None = no timeout). ``shared=False``: ``build`` keeps its value in the shared cache
    itself (Wagtail's site root paths) or derives it from other local values."""
    token = local_token()
    kept = _entries.get(key)
    now = time.monotonic()
    if kept is not None and kept[0] == token and (kept[2] is None or now < kept[2]):
        return kept[1]
    value = cache.get(key) if shared else None
    if value is None:
        value = build()
        if shared:
            cache.set(key, value, seconds)
    if len(_entries) >= MAX_ENTRIES and key not in _entries:
        _entries.clear()  # keys made of filters and days pile up: start again
    _entries[key] = (token, value, None if seconds is None else now + seconds)
    return value


def local_put(key: str, value: Any, *, seconds: int | None) -> None:
    """Store ``value`` (just read from the database) in the shared cache and in this process."""
    cache.set(key, value, seconds)
    _entries[key] = (local_token(), value, None if seconds is None else time.monotonic() + seconds)


def local_renew() -> None:
    """Whatever this process and every other keeps locally is read again (on their next
    request): call after a change to what a kept value was built from."""
    token = uuid.uuid4().hex
    cache.set(LOCAL_TOKEN_KEY, token, None)
    if getattr(_state, "in_request", False):
        _state.token = token


def local_forget(*keys: str) -> None:
    """Drop the shared entries ``keys`` and every process's local copies."""
    if keys:
        cache.delete_many(list(keys))
    local_renew()
