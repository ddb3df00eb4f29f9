from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReorganisationConfig(AppConfig):
    """Merges, splits, renames and retirements of units (issue #21).

    It sits above the feature apps (pages, Q&A, search, reports) because a
    reorganisation touches all of them; none of them imports it.
    """

    name = "reorganisation"
    verbose_name = _("Reorganisation of units")
    default_auto_field = "django.db.models.BigAutoField"
