"""Tests: the database comes from DATABASE_URL (PostgreSQL under ./scripts/test)."""

from settings.base import *  # noqa: F403
from uploads.config import filesystem_storages

DEBUG = False
PORTAL_ALIAS_DOMAIN = "localhost"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The app cache (caching/) outlives a test in the process-wide memory cache; the tests
# that exercise it turn it on and clear it (tests/caching/).
PORTAL_CACHE_ENABLED = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "artifacts" / "test-media"  # noqa: F405
# On disk even when S3_* is exported (tests/production/ builds its own S3 storages).
STORAGES = filesystem_storages(media_root=MEDIA_ROOT)

# Search (issue #4): tests use the real engine when OPENSEARCH_URLS is set (./scripts/test
# starts one), in an index of their own so they never touch another environment's.
from search.config import search_backends  # noqa: E402
from settings.env import env_list, env_str  # noqa: E402

SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "portal_test_")
if env_list("OPENSEARCH_URLS"):
    SEARCH_BACKEND = env_str("SEARCH_BACKEND", "opensearch2")
    WAGTAILSEARCH_BACKENDS = search_backends(
        engine=SEARCH_BACKEND, urls=env_list("OPENSEARCH_URLS"), index_prefix=SEARCH_INDEX_PREFIX
    )
