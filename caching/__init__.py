"""Caching of the portals' public answers in two layers (issue #8 item 5).

In the app, ``caching.middleware.PortalCacheMiddleware`` keeps anonymous GETs of pages
and of the public API in Django's cache, per portal host, path, query and language. In
front, Varnish (``deploy/varnish/default.vcl``) keeps what Django marks public. When a
page is published, unpublished, moved or deleted, ``caching.services.cache_purge_for_page``
clears both for the page and for the listings that show it.
"""
