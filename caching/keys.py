"""Keys of the app cache.

An entry's key holds the host, path, query string, language and CORS origin of the
request, the scheme and port the visitor used (issue #16 item 7: pages carry absolute
links built from them, so a ``Host: …:31337`` request must not fill every visitor's entry),
plus a *generation* token of its portal and path. Purging a URL replaces that
token, so every query-string and language variant of the path (``/api/v2/pages/?type=…``)
is dropped at once without listing them, on every host the portal answers on (its real
hostname, its ``*.localhost`` alias, ``127.0.0.1`` for the provincial portal, issue
#17 item 7): the portal is named by its canonical hostname (``Site.hostname``), the
entry keeps the Host because the page's links are written for it (tenants.hosts). A token is random, not a counter: if the
cache evicts it, the next one cannot match old entries.
"""

import hashlib
import uuid

from django.core.cache import cache

KEY_PREFIX = "portalcache"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def generation_key(*, portal: str, path: str) -> str:
    return f"{KEY_PREFIX}:gen:{_digest(portal.lower(), path)}"


def path_generation(*, portal: str, path: str) -> str:
    """The current token of ``portal`` + ``path``, created on first use."""
    key = generation_key(portal=portal, path=path)
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        token = cache.get(key)
    return token or ""


def path_generation_renew(*, portal: str, path: str) -> None:
    """Invalidate every cached variant of ``portal`` + ``path``, whatever the host."""
    cache.set(generation_key(portal=portal, path=path), uuid.uuid4().hex, timeout=None)


def entry_key(*, portal: str, host: str, path: str, query: str, language: str, origin: str, base: str = "") -> str:
    """``base`` is the scheme and authority as sent (``https://host:port``); purges go by
    ``portal`` + ``path`` alone, so they drop every host's, port's and scheme's entries at once."""
    generation = path_generation(portal=portal, path=path)
    return f"{KEY_PREFIX}:entry:{_digest(host.lower(), path, generation, query, language, origin, base.lower())}"


# --- Per-portal data (issue #23 item 1) -----------------------------------------------
# What every page of a portal shows around its content (menu, home, unit, contact
# settings) is kept under a generation token of the portal (its Site), renewed when any
# of it may change (caching.signals): a page of the portal saved, published, moved or
# deleted, the unit or the site saved, a site setting saved. Unlike the page cache it is
# used by every request, logged-in editors' included: it holds only what the public sees.


def portal_generation_key(*, site_id: int) -> str:
    return f"{KEY_PREFIX}:portal:{site_id}"


def portal_generation(*, site_id: int) -> str:
    """The current token of the portal ``site_id``, created on first use."""
    key = portal_generation_key(site_id=site_id)
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        token = cache.get(key)
    return token or ""


def portal_generation_renew(*, site_ids) -> None:
    """Drop every per-portal entry of the portals ``site_ids``."""
    cache.set_many({portal_generation_key(site_id=site_id): uuid.uuid4().hex for site_id in site_ids}, timeout=None)


def portal_data_key(*, site_id: int, name: str, parts: tuple = ()) -> str:
    """Key of the per-portal entry ``name`` (e.g. "chrome") for ``parts`` (the home's
    path, the language…), under the portal's current generation."""
    generation = portal_generation(site_id=site_id)
    return f"{KEY_PREFIX}:portaldata:{site_id}:{name}:{_digest(generation, *map(str, parts))}"
