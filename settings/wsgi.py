"""WSGI entry point (gunicorn settings.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.production")

application = get_wsgi_application()

from settings.process import served_process_ready  # noqa: E402 - after the project is loaded

served_process_ready()
