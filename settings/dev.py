"""Development: the embedded default (SQLite, database search, media on disk)."""

from settings.base import *  # noqa: F403
from settings.env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
PORTAL_ALIAS_DOMAIN = env_str("PORTAL_ALIAS_DOMAIN", "localhost")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
