"""Settings of bench/http_bench.py: ``settings.production`` as deployed, plus the stock
API at /stock/ (``bench_urls``) and what a benchmark on one machine needs.

The environment gives what production reads (SECRET_KEY, DATABASE_URL, CACHE_URL of the
bench's Redis, VARNISH_URL, SECURE_SSL_REDIRECT=false for plain HTTP on 127.0.0.1).
"""

from settings.production import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
# No db_worker runs: background tasks (the purges after a publish) run at once, as in
# development. Reads enqueue nothing, so the measured workers are not affected.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Publishing notifies translators by mail; nothing listens on SMTP here.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
