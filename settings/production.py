"""Production: everything from the environment, nothing assumed.

Every variable is listed, with an example, in docs/production.env.example; the
deployment checklist (`manage.py check --deploy`) passes with it
(tests/production/test_check_deploy.py). Search comes from settings/base.py
(SEARCH_BACKEND, OPENSEARCH_URLS …) and is not overridden here.
"""

from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from security.csp import csp_policy
from security.secret_key import secret_key_problems
from settings.base import *  # noqa: F403
from settings.env import env_bool, env_int, env_list, env_str
from settings.storages import storages_from_env

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
# The startup check of issue #16 item 4: a public or short key would let anyone sign
# sessions and preview tokens. `check --deploy` reports the same (security.checks).
if _secret_key_problems := secret_key_problems(SECRET_KEY):
    raise ImproperlyConfigured(" ".join(_secret_key_problems))

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's preview panel frames its own preview view, which opts back into SAMEORIGIN.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# --- Database ---------------------------------------------------------------------
if not env_str("DATABASE_URL"):
    raise ImproperlyConfigured("DATABASE_URL must be set in production (postgres://…).")
_CONN_MAX_AGE = env_int("DATABASE_CONN_MAX_AGE", 60)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL"), conn_max_age=_CONN_MAX_AGE, conn_health_checks=True
    )
}
if env_str("DATABASE_REPLICA_URL"):
    # Public GET/HEAD requests read from the replica (settings/db_router.py).
    DATABASES["replica"] = dj_database_url.parse(
        env_str("DATABASE_REPLICA_URL"), conn_max_age=_CONN_MAX_AGE, conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["settings.db_router.ReplicaRouter"]

# --- Hosts ------------------------------------------------------------------------
# Settings cannot query the database for the portals' hostnames, so whole domains are
# allowed here and security.middleware.PortalHostMiddleware refuses the hosts under
# them that are no unit's hostname. ALLOWED_HOSTS adds exact hosts (a health check's,
# the admin's), which skip that lookup.
PORTAL_BASE_DOMAINS = env_list("PORTAL_BASE_DOMAINS", ["bacninh.gov.vn"])
PORTAL_SERVICE_HOSTS = frozenset(h.lower() for h in env_list("ALLOWED_HOSTS", []))
ALLOWED_HOSTS = [f".{domain.lstrip('.')}" for domain in PORTAL_BASE_DOMAINS] + sorted(PORTAL_SERVICE_HOSTS)
PORTAL_ALIAS_DOMAIN = ""

# --- Cache ------------------------------------------------------------------------
# CACHE_URL: redis://[:password@]host:6379/0 (rediss:// for TLS) for Django's built-in
# Redis backend, shared by every process (Q&A rate limits count there); empty or
# locmem:// for a per-process memory cache.
CACHE_URL = env_str("CACHE_URL", "locmem://")
if urlsplit(CACHE_URL).scheme in ("redis", "rediss"):
    CACHES = {
        "default": {
            # Django's backend, keeping one Redis client per pool (caching.redis).
            "BACKEND": "caching.redis.PortalRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "portal"),
        }
    }
elif urlsplit(CACHE_URL).scheme == "locmem":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise ImproperlyConfigured(f"CACHE_URL must be redis://, rediss:// or locmem://, not {CACHE_URL!r}.")

# --- Mail -------------------------------------------------------------------------
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "cong-thong-tin@bacninh.gov.vn")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Admin", address) for address in env_list("ADMIN_EMAILS", [])]

# --- Media on S3 ------------------------------------------------------------------
STORAGES = storages_from_env(media_root=MEDIA_ROOT)  # noqa: F405
if env_str("S3_BUCKET"):
    # Documents: Wagtail's view checks permissions, then redirects to a signed URL.
    WAGTAILDOCS_SERVE_METHOD = "redirect"
    _MEDIA_ORIGIN = (
        f"https://{env_str('S3_CUSTOM_DOMAIN')}" if env_str("S3_CUSTOM_DOMAIN")
        else "{0.scheme}://{0.netloc}".format(urlsplit(env_str("S3_ENDPOINT_URL") or "https://s3.amazonaws.com"))
    )
else:
    _MEDIA_ORIGIN = ""

# --- Background tasks -------------------------------------------------------------
# Queued in the database (django-tasks-db) and run by `python manage.py db_worker`.
INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Content Security Policy (security.middleware) --------------------------------
ADMIN_PATHS = ("/admin/", "/django-admin/")
_MEDIA = [_MEDIA_ORIGIN] if _MEDIA_ORIGIN else []
_FRAMES = env_list("CSP_FRAME_SRC", ["https://www.youtube.com", "https://www.youtube-nocookie.com"])
_COMMON = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:", *_MEDIA],
    "media-src": ["'self'", *_MEDIA],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
CSP_PUBLIC = csp_policy(
    {**_COMMON, "script-src": ["'self'"], "style-src": ["'self'"], "frame-src": ["'self'", *_FRAMES],
     "frame-ancestors": ["'none'"]}
)
# Wagtail's admin uses inline scripts and styles in places; it also frames previews.
CSP_ADMIN = csp_policy(
    {**_COMMON, "img-src": [*_COMMON["img-src"], "blob:"], "script-src": ["'self'", "'unsafe-inline'"],
     "style-src": ["'self'", "'unsafe-inline'"], "frame-src": ["'self'", *_FRAMES], "frame-ancestors": ["'self'"]}
)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "security.middleware.PortalHostMiddleware",
    "security.middleware.ContentSecurityPolicyMiddleware",
    *(["settings.db_router.ReplicaReadsMiddleware"] if "replica" in DATABASES else []),
    *(m for m in MIDDLEWARE if m != "django.middleware.security.SecurityMiddleware"),  # noqa: F405
]
