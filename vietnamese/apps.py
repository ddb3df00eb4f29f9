from django.apps import AppConfig
from django.db.models.signals import pre_save


class VietnameseConfig(AppConfig):
    """Vietnamese text handling: NFC storage and legacy TCVN3/VNI repair."""

    name = "vietnamese"
    verbose_name = "Vietnamese text"

    def ready(self):
        from .signals import normalize_text_fields

        # No sender: applies to every model in the project.
        pre_save.connect(normalize_text_fields, dispatch_uid="vietnamese.normalize_text_fields")
