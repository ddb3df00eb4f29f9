"""Tests: the database comes from DATABASE_URL (PostgreSQL under ./scripts/test)."""

import os

from settings.base import *  # noqa: F403
from settings.storages import filesystem_storages

DEBUG = False
PORTAL_ALIAS_DOMAIN = "localhost"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The app cache (caching/) outlives a test in the process-wide memory cache; the tests
# that exercise it turn it on and clear it (tests/caching/).
PORTAL_CACHE_ENABLED = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# pytest-xdist runs the suite in worker processes (gw0, gw1…) side by side: each gets
# its own media folder and search indices (pytest-django gives each its own database).
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
MEDIA_ROOT = BASE_DIR / "artifacts" / f"test-media{XDIST_WORKER}"  # noqa: F405
# On disk even when S3_* is exported (tests/production/ builds its own S3 storages).
STORAGES = filesystem_storages(media_root=MEDIA_ROOT)

# Search (issue #4): tests use the real engines whose URLs are set (./scripts/test starts
# OpenSearch and Elasticsearch), each in indices of its own so they never touch another
# environment's. SEARCH_TEST_ENGINES holds the WAGTAILSEARCH_BACKENDS of every reachable
# engine: the engine tests (tests/search/conftest.py ``engine``) run once on each. The
# default backend, which every other test indexes into, is OpenSearch when it is set,
# else Elasticsearch, else the database backend of settings.base.
from settings.env import env_list, env_str  # noqa: E402
from settings.search import search_backends  # noqa: E402

SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "portal_test_") + (f"{XDIST_WORKER}_" if XDIST_WORKER else "")
_chosen = env_str("SEARCH_BACKEND", "")
SEARCH_TEST_ENGINES = {}
for _name, _variable, _backend, _prefix in (
    ("opensearch", "OPENSEARCH_URLS", _chosen if _chosen.startswith("opensearch") else "opensearch2",
     SEARCH_INDEX_PREFIX),
    ("elasticsearch", "ELASTICSEARCH_URLS", _chosen if _chosen.startswith("elasticsearch") else "elasticsearch8",
     f"{SEARCH_INDEX_PREFIX}es_"),
):
    if env_list(_variable):
        SEARCH_TEST_ENGINES[_name] = (_backend, search_backends(
            engine=_backend, urls=env_list(_variable), index_prefix=_prefix))
if SEARCH_TEST_ENGINES:
    SEARCH_BACKEND, WAGTAILSEARCH_BACKENDS = next(iter(SEARCH_TEST_ENGINES.values()))
