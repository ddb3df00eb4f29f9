"""Where the project's Vietnamese catalogs for third-party packages live (issue #19 item 1).

Wagtail and wagtail-localize ship a Vietnamese catalog that covers about a fifth of their
admin. The project keeps a complete one per package under ``locale/<module>/`` (one PO
per package and domain, the layout upstream uses, so it can be offered back) and lists
those directories in ``LOCALE_PATHS`` after the project's own ``locale/``: Django lets
LOCALE_PATHS override app catalogs, and the first entry wins, so the project's strings
still win over the packages'.

This module imports nothing from Django so that settings can use it.
"""

from pathlib import Path

# Modules whose Django (and, where shipped, JavaScript) catalogs an editor, translator or
# board head meets in the admin. wagtail.locales is not installed, but
# wagtail_localize.locales reuses its views and strings. Django's own (django.conf: form
# validation, dates, "3 minutes ago"; auth: passwords) is a quarter untranslated too.
# A msgid shared by two packages gets one translation (Django keeps one per msgid); the
# order is LOCALE_PATHS order, so on a clash the earlier package's catalog wins.
PACKAGE_CATALOGS = (
    "wagtail",
    "wagtail.admin",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.documents",
    "wagtail.embeds",
    "wagtail.images",
    "wagtail.locales",
    "wagtail.search",
    "wagtail.sites",
    "wagtail.snippets",
    "wagtail.users",
    "wagtail_localize",
    "wagtail_localize.locales",
    "django.conf",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    # Not installed, but Wagtail's templates use its naturaltime ("3 minutes ago").
    "django.contrib.humanize",
)

DOMAINS = ("django", "djangojs")


def package_locale_paths(locale_root: Path) -> list[Path]:
    """The LOCALE_PATHS entries of the package catalogs, one per module."""
    return [locale_root / module for module in PACKAGE_CATALOGS]
