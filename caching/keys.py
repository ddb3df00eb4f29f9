"""Keys of the app cache.

An entry's key holds the host, path, query string, language and CORS origin of the
request, plus a *generation* token of its host and path. Purging a URL replaces that
token, so every query-string and language variant of the path (``/api/v2/pages/?type=…``)
is dropped at once without listing them. A token is random, not a counter: if the
cache evicts it, the next one cannot match old entries.
"""

import hashlib
import uuid

from django.core.cache import cache

KEY_PREFIX = "portalcache"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def generation_key(*, host: str, path: str) -> str:
    return f"{KEY_PREFIX}:gen:{_digest(host.lower(), path)}"


def path_generation(*, host: str, path: str) -> str:
    """The current token of ``host`` + ``path``, created on first use."""
    key = generation_key(host=host, path=path)
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        token = cache.get(key)
    return token or ""


def path_generation_renew(*, host: str, path: str) -> None:
    """Invalidate every cached variant of ``host`` + ``path``."""
    cache.set(generation_key(host=host, path=path), uuid.uuid4().hex, timeout=None)


def entry_key(*, host: str, path: str, query: str, language: str, origin: str) -> str:
    generation = path_generation(host=host, path=path)
    return f"{KEY_PREFIX}:entry:{_digest(host.lower(), path, generation, query, language, origin)}"
