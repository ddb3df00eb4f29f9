"""What makes a SECRET_KEY unfit for production (issue #16 item 4).

The key signs sessions, password-reset links and preview tokens: the example key of
``docs/production.env.example`` (public in the repository), the development default
and any short key let anyone forge them. ``settings/production.py`` refuses to start
with such a key, and ``check --deploy`` reports it (``security.checks``) for settings
that would start.

Kept free of Django imports beyond settings-safe ones: settings/production.py uses it.
"""

from __future__ import annotations

# Django's own deploy check (security.W009) asks for at least this many characters.
SECRET_KEY_MIN_LENGTH = 50

# Keys that are public: the production example and the development default (settings/base.py).
PUBLIC_SECRET_KEYS = frozenset(
    {
        "example-only-replace-me-9f3Kq2LwZ7xVbN4mT8rYcH1sJ6dP0aGeUiOkXzQvBnMlWtRy",
        "dev-only-insecure-key-change-me",
    }
)

MESSAGE_PUBLIC_KEY = "SECRET_KEY is a published example key; generate one: python -c \"import secrets; print(secrets.token_urlsafe(64))\""
MESSAGE_SHORT_KEY = f"SECRET_KEY must be at least {SECRET_KEY_MIN_LENGTH} characters long and random."


def secret_key_problems(key: str | None) -> list[str]:
    """Why ``key`` must not be used in production; empty when it may."""
    key = key or ""
    problems = []
    if key in PUBLIC_SECRET_KEYS or key.startswith(("example-only-", "django-insecure-")):
        problems.append(MESSAGE_PUBLIC_KEY)
    if len(key) < SECRET_KEY_MIN_LENGTH:
        problems.append(MESSAGE_SHORT_KEY)
    return problems
