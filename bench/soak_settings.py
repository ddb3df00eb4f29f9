"""Settings of bench/soak.py: ``settings.production`` as deployed, unchanged except for
what a soak on one machine needs.

From the environment (set by bench/soak.py): SECRET_KEY, DATABASE_URL (the bench's own
PostgreSQL database), CACHE_URL (the bench's Redis, as in docs/deploy.md),
SEARCH_BACKEND=opensearch2 + OPENSEARCH_URLS + SEARCH_INDEX_PREFIX=portal_soak_,
SECURE_SSL_REDIRECT=false (plain HTTP on 127.0.0.1), QA_SUBMISSIONS_PER_IP=0 (every
submission comes from 127.0.0.1: the per-IP limit of 10 an hour would answer 429 from
the 11th on; ``qa.ratelimit`` skips the check at 0).

Kept as in production: DEBUG off, the app cache (``PORTAL_CACHE_ENABLED``, in Redis),
the Q&A receipt mail queued as a task in the database (django-tasks-db; no
``db_worker`` runs during the soak, so the queue only grows, as it would while a worker
is down).
"""

from settings.production import *  # noqa: F403

# Nothing listens on SMTP here (only reached if something sends mail in-process).
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
