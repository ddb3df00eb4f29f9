"""System checks for the DMS link (docs/DMS.md): an unsigned hand-over or a secret sent
in clear would let anyone forge answers or read senders' personal data."""

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def dms_settings_check(app_configs=None, **kwargs):
    problems = []
    if settings.DMS_WEBHOOK_URL and not settings.DMS_WEBHOOK_SECRET:
        problems.append(
            Error("DMS_WEBHOOK_URL is set without DMS_WEBHOOK_SECRET: deliveries would be unsigned.", id="qa.E001")
        )
    if settings.DMS_WEBHOOK_URL.startswith("http://") and not settings.DEBUG:
        problems.append(
            Warning(
                "DMS_WEBHOOK_URL is plain HTTP: petitions carry personal data, use HTTPS.",
                id="qa.W001",
            )
        )
    return problems
