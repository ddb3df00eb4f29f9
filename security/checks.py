"""System checks of the security app (``check --deploy``)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

from security.secret_key import secret_key_problems


@register(Tags.security, deploy=True)
def secret_key_check(app_configs, **kwargs):
    return [
        Error(problem, hint="Set SECRET_KEY in the environment (docs/production.env.example).",
              id="portal.security.E001")
        for problem in secret_key_problems(settings.SECRET_KEY)
    ]
