"""Settings shared by every environment.

Environment-specific modules (dev, production, test) import from here and override
only what differs. Anything that differs between machines is read from the
environment through ``settings.env``. The helpers that build a setting from it live
beside this module (``settings.storages``, ``settings.search``, ``settings.frontend_cache``,
``settings.machine_translation``) and import no app (issue #24, docs/ARCHITECTURE.md).
"""

import datetime
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from settings.env import env_bool, env_int, env_list, env_str
from settings.frontend_cache import frontend_cache_settings
from settings.machine_translation import machine_translator_config
from settings.search import search_backends, urls_variable
from settings.storages import filesystem_storages
from vietnamese.package_locale import package_locale_paths

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [".bacninh.gov.vn", "bacninh.gov.vn", ".localhost", "localhost", "127.0.0.1"]
)

INSTALLED_APPS = [
    # Project apps first so their templates and translations win.
    "tenants",
    "moderation",
    "workdays",
    "qa",
    "information_requests",
    "consultations",
    "surveys",
    "cms",
    "compliance",
    "opendata",
    "translations",
    "blocks",
    "vietnamese",
    "uploads",
    "security",
    "axes",
    "search",
    "caching",
    "transfer",
    "reorganisation",
    # Last of ours: the demo province fills every app above (issue #24).
    "demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Database or S3 unreachable: a 503 with a plain message, not a 500 (issue #9 item 4).
    "security.unavailable.ServiceUnavailableMiddleware",
    # NUL in a URL: 400 before PostgreSQL turns it into a 500 (issue #9).
    "security.middleware.NullCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Failed admin logins: django-axes turns a lock into security.throttling's page.
    "axes.middleware.AxesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Admin URLs naming another portal's page or media: 404 (issue #16 item 2).
    "security.admin_guard.AdminObjectGuardMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Điều 4: text entered by editors or the public is stored as Unicode NFC.
    "vietnamese.middleware.VietnameseTextMiddleware",
    "tenants.middleware.PortalAliasMiddleware",
    # A 404 at an old address with diacritics: redirect to its folded form (issue #17).
    "cms.middleware.FoldedPathRedirectMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: keyed by the language and portal chosen above (caching, issue #8 item 5).
    "caching.middleware.PortalCacheMiddleware",
]

ROOT_URLCONF = "settings.urls"
WSGI_APPLICATION = "settings.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# The embedded default is SQLite; DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=0
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers (e.g. Q&A submissions, bench/qa_concurrency.py): take the write
    # lock when a transaction starts, and wait for it, instead of failing midway with
    # "database is locked" when a read transaction tries to become a write one.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese is the default language of editors and the public; English is the
# foreign-language mirror of Điều 8.2.d.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
# Page addresses in folded ASCII (so-tu-phap-…, đ -> d) as Vietnamese government sites
# write them (issue #17 item 6; cms.models.slugs folds what the admin's field does not).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# In the admin the mirror's language is named in the reader's language ("Tiếng Anh" to a
# Vietnamese editor), not as the public language switcher names it (#19).
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt"), ("en", _("English"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = WAGTAIL_CONTENT_LANGUAGES
# Machine translation for the mirror (issue #5): off unless MACHINE_TRANSLATION names
# one of settings.machine_translation.MACHINE_TRANSLATORS (e.g. "dummy").
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_config(env_str("MACHINE_TRANSLATION", ""))
# The project's own catalog first (its strings win), then one complete Vietnamese catalog
# per Wagtail / wagtail-localize module, overriding the packages' partial ones (#19).
LOCALE_PATHS = [BASE_DIR / "locale", *package_locale_paths(BASE_DIR / "locale")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static_collected")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
# Media on disk; settings/production.py switches to S3 when S3_BUCKET is set (issue #8).
# "private" holds files that must never be public (uploads.storage.private_storage).
STORAGES = filesystem_storages(media_root=MEDIA_ROOT)

# Provisioning ~150 portals posts large permission forms in the admin.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = _("Bac Ninh provincial e-portal")
# Issue #19 item 5: no outside request from the admin — avatars are uploaded or Wagtail's
# local default, never Gravatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Search (issue #4): SEARCH_BACKEND = opensearch2|opensearch3|elasticsearch8|elasticsearch9
# with OPENSEARCH_URLS / ELASTICSEARCH_URLS; empty = Wagtail's database backend only.
SEARCH_BACKEND = env_str("SEARCH_BACKEND", "")
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "portal_")
WAGTAILSEARCH_BACKENDS = search_backends(
    engine=SEARCH_BACKEND,
    urls=env_list(urls_variable(SEARCH_BACKEND), []),
    index_prefix=SEARCH_INDEX_PREFIX,
    username=env_str("SEARCH_USERNAME", ""),
    password=env_str("SEARCH_PASSWORD", ""),
)
WAGTAILDOCS_EXTENSIONS = ["csv", "doc", "docx", "odt", "ods", "pdf", "xls", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Uploads (issue #8): the admin's document and image forms check type by content, size
# and name (uploads/); ZIP stays in the extension list but no content check accepts it.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "uploads.forms.SafeDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "uploads.forms.SafeImageForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# Background tasks (django-tasks, a Wagtail dependency): run at once in development and
# tests; settings/production.py queues them in the database for `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Bắc Ninh portal platform API",
    "DESCRIPTION": "Headless API of the provincial e-portal and its component portals.",
    "VERSION": "2",
    "SERVE_INCLUDE_SCHEMA": False,
    # Several models have a "status"; name each choice set after its model.
    "ENUM_NAME_OVERRIDES": {
        "PetitionStatusEnum": "qa.models.petitions.PetitionStatus",
        "TranslationTaskStatusEnum": "translations.models.TranslationTaskStatus",
    },
    # The schema describes /api/ only, not the admin's internal DRF views.
    "PREPROCESSING_HOOKS": ["cms.api.schema.public_endpoints_only"],
}
# Separate front ends may read the public API from these origins.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", [])
CORS_URLS_REGEX = r"^/api/.*$"
# Public API (cms.api): shared caches may keep a GET this many seconds; pages per
# request at most (Wagtail's limit/offset pagination); draft preview tokens expire.
API_CACHE_MAX_AGE = int(env_str("API_CACHE_MAX_AGE", "60"))
WAGTAILAPI_LIMIT_MAX = 100
PREVIEW_TOKEN_MAX_AGE = 60 * 60
# Caching (issue #8 item 5, caching/): anonymous public pages are kept this many seconds
# in the app cache and in Varnish (s-maxage); publishing purges both. VARNISH_URL
# (http://127.0.0.1:6081) is where Wagtail sends PURGE; empty = no HTTP cache in front.
# wagtail.contrib.frontend_cache is not installed as an app: its own signal handlers
# would purge a subset of what caching.signals purges, a second time.
PORTAL_CACHE_ENABLED = env_bool("PORTAL_CACHE_ENABLED", True)
PORTAL_CACHE_SECONDS = int(env_str("PORTAL_CACHE_SECONDS", "300"))
WAGTAILFRONTENDCACHE = frontend_cache_settings(env_str("VARNISH_URL", ""))
# Our URLs already carry their language prefix (/en/…); purge exactly those.
WAGTAILFRONTENDCACHE_LANGUAGES: list[str] = []

# The client's address for every per-client limit (security.client_ip): the number of
# reverse proxies in front of Django that append to X-Forwarded-For (load balancer +
# Varnish: 2 in docs/deploy.md); 0 reads REMOTE_ADDR. Never a header the client sends.
CLIENT_IP_TRUSTED_PROXIES = env_int("CLIENT_IP_TRUSTED_PROXIES", 0)
# Q&A (Điều 13): public submissions per client IP per window, counted in the default cache.
QA_SUBMISSIONS_PER_IP = env_int("QA_SUBMISSIONS_PER_IP", 10)  # 0 = no limit (benchmarks only)
QA_SUBMISSIONS_WINDOW_SECONDS = 60 * 60
# Consultation comments (Điều 8.1.h): their own per-IP budget, same client address.
CONSULTATION_COMMENTS_PER_IP = 10
CONSULTATION_COMMENTS_WINDOW_SECONDS = 60 * 60
# Online surveys (Điều 8.2.đ): responses per client IP per window (surveys.ratelimit).
# Generous, since a whole office may answer from one address; one per session holds.
SURVEY_RESPONSES_PER_IP = 30
SURVEY_RESPONSES_WINDOW_SECONDS = 60 * 60
# And responses to one survey from one client address in all (issue #16 item 6): one per
# session is one per cookie; this bounds what a script that drops its cookies can add.
SURVEY_RESPONSES_PER_CLIENT = env_int("SURVEY_RESPONSES_PER_CLIENT", 10)

# Failed passwords (admin login, pages' view-restriction passwords; issue #16 item 6):
# django-axes locks an account, and separately a client address, after this many
# failures for 15 minutes (security.throttling).
AUTHENTICATION_BACKENDS = [
    "security.throttling.PortalAxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "security.client_ip.client_ip_for_axes"
AXES_LOCKOUT_CALLABLE = "security.throttling.lockout_response"
AXES_VERBOSE = False
# Only failures are recorded; successful logins are Wagtail's and Django's business.
AXES_DISABLE_ACCESS_LOG = True
# Document-management system (Điều 13, docs/DMS.md): each accepted petition is posted
# to DMS_WEBHOOK_URL, signed with DMS_WEBHOOK_SECRET; empty URL = no hand-over. The DMS
# posts answers back to /api/v2/qa/dms/answers/ signed with the same secret, or with
# DMS_ANSWER_TOKEN as a bearer token where the environment prefers one.
DMS_WEBHOOK_URL = env_str("DMS_WEBHOOK_URL", "")
DMS_WEBHOOK_SECRET = env_str("DMS_WEBHOOK_SECRET", "")
DMS_ANSWER_TOKEN = env_str("DMS_ANSWER_TOKEN", "")
DMS_WEBHOOK_TIMEOUT_SECONDS = env_int("DMS_WEBHOOK_TIMEOUT_SECONDS", 10)

# The Điều 15 report (issue #20, docs/MANDATE.md "Reporting").
# Last day (month, day) of the first and second half-year's data. Calendar halves by
# default; a province counting 15/12–14/6 and 15/6–14/12 (the data cut-offs of its
# periodic-reporting rules) sets COMPLIANCE_HALF_YEAR_ENDS="6-14,12-14".
COMPLIANCE_HALF_YEAR_ENDS = tuple(
    tuple(int(part) for part in end.split("-"))
    for end in env_list("COMPLIANCE_HALF_YEAR_ENDS", ["6-30", "12-31"])
)
# Điều 8.2.d: "sau 02 (hai) ngày đăng tin Tiếng Việt", without "làm việc". The platform
# reads it as 2 working days, like every other deadline of Điều 8 and the translators'
# due dates (translations.rules); false counts 2 calendar days.
COMPLIANCE_FOREIGN_LANGUAGE_WORKING_DAYS = env_bool("COMPLIANCE_FOREIGN_LANGUAGE_WORKING_DAYS", True)

# Development alias for portals: "<unit slug>.<PORTAL_ALIAS_DOMAIN>" serves that unit's
# portal, so a newcomer without DNS reaches every portal via *.localhost. Empty in
# production, where each portal is reached by its own hostname.
PORTAL_ALIAS_DOMAIN = env_str("PORTAL_ALIAS_DOMAIN", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Wagtail logs every page creation and task run at INFO: too loud for provisioning.
    "loggers": {
        "wagtail": {"level": env_str("WAGTAIL_LOG_LEVEL", "WARNING")},
        "django_tasks": {"level": "WARNING"},
    },
}

# Online public services (Nghị định 42/2022/NĐ-CP, Điều 11): each portal's services page links to the
# national portal (dichvucong.gov.vn) and to this provincial one, the default of its field.
PROVINCIAL_PUBLIC_SERVICE_PORTAL = env_str("PROVINCIAL_PUBLIC_SERVICE_PORTAL", "https://dichvucong.bacninh.gov.vn")
