"""Settings of bench/cluster.py: ``settings.production`` as deployed on the cluster of
docs/deploy.md, with nothing changed but what one machine needs.

From the environment (set by bench/cluster.py): DATABASE_URL (the bench's primary),
DATABASE_REPLICA_URL (its streaming hot standby), CACHE_URL (its Redis), VARNISH_URL,
SEARCH_BACKEND=opensearch2 with the three nodes in OPENSEARCH_URLS, S3_* (its S3Proxy),
SECURE_SSL_REDIRECT=false (plain HTTP on 127.0.0.1) and QA_SUBMISSIONS_PER_IP=0 (every
Q&A post comes from 127.0.0.1; the per-IP limit would answer 429 from the 11th on).
"""

from settings.production import *  # noqa: F403

# Nothing listens on SMTP here: the receipt mails the task worker sends stay in memory.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
