from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = "Security"

    def ready(self):
        from security import checks  # noqa: F401  (registers the deploy checks)
