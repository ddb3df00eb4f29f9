"""Keys of the app cache.

An entry's key holds the host, path, query string, language and CORS origin of the
request, and the scheme and port the visitor used (issue #16 item 7: pages carry absolute
links built from them, so a ``Host: …:31337`` request must not fill every visitor's entry), plus a *generation* token of its host and path. Purging a URL replaces that
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


def entry_key(*, host: str, path: str, query: str, language: str, origin: str, base: str = "") -> str:
    """``base`` is the scheme and authority as sent (``https://host:port``); purges go by
    ``host`` + ``path`` alone, so they drop every port's and scheme's entries at once."""
    generation = path_generation(host=host, path=path)
    return f"{KEY_PREFIX}:entry:{_digest(host.lower(), path, generation, query, language, origin, base.lower())}"
