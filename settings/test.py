"""Tests: the database comes from DATABASE_URL (PostgreSQL under ./scripts/test)."""

from settings.base import *  # noqa: F403

DEBUG = False
PORTAL_ALIAS_DOMAIN = "localhost"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "artifacts" / "test-media"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
