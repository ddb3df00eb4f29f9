"""Wagtail's frontend-cache (Varnish purge) setting built from the environment.

Settings helpers live under ``settings/`` and import no app (issue #24); the VCL
helpers stay in ``caching.varnish``.
"""


def frontend_cache_settings(varnish_url: str) -> dict:
    """``WAGTAILFRONTENDCACHE`` for Wagtail's HTTP backend (PURGE to ``VARNISH_URL``);
    empty, and so no purging, when Varnish is not configured."""
    if not varnish_url:
        return {}
    return {"varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": varnish_url}}
