"""Suite-wide fixtures. With CI=true the suite must run on the real PostgreSQL."""

import os

import pytest


def pytest_sessionstart(session):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if os.environ.get("CI") == "true" and "postgresql" not in engine:
        pytest.exit(f"CI=true needs PostgreSQL (DATABASE_URL), got {engine}", returncode=3)
