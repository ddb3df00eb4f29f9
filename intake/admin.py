"""What the boards' admin lists of public submissions share (issue #24 item 4).

Questions, comments and survey responses are listed in Wagtail's generic
``IndexView``; who may open a list is a rule of the app (board membership), not a
Django model permission, so each list's permission policy asks that rule.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from wagtail.permission_policies.base import BasePermissionPolicy

from security.spreadsheets import spreadsheet_text

ADMIN_DATETIME_FORMAT = "H:i d/m/Y"


class ViewOnlyPermissionPolicy(BasePermissionPolicy):
    """Those ``may_view`` accepts may view the list; nobody adds, changes or deletes
    through it (the rows change through the app's own actions and services)."""

    def __init__(self, model, *, may_view: Callable[[object], bool]):
        super().__init__(model)
        self.may_view = may_view

    def user_has_permission(self, user, action):
        return action == "view" and bool(self.may_view(user))

    def users_with_any_permission(self, actions):
        raise NotImplementedError("decided by the app's rule, not assigned per user")


def admin_datetime_text(moment) -> str:
    """A moment as the boards' screens show it: ``HH:MM dd/mm/YYYY`` in local time."""
    return date_format(timezone.localtime(moment), ADMIN_DATETIME_FORMAT) if moment else ""


class SafeSpreadsheetExportMixin:
    """Wagtail's XLSX/CSV of a list, with text the public typed made inert: a subject
    starting with ``=`` stays text in the agency's spreadsheet (security.spreadsheets;
    Wagtail's own CSV does not guard against it)."""

    def preprocess_field_value(self, field, value, export_format):
        # CSV is read by people: local time as the screens show it, yes/no in words.
        if export_format == "csv" and isinstance(value, datetime.datetime):
            return admin_datetime_text(value)
        if isinstance(value, bool):
            return str(gettext("Yes") if value else gettext("No"))
        return spreadsheet_text(super().preprocess_field_value(field, value, export_format))
