"""What the boards' admin lists of public submissions share (issue #24 item 4).

Questions, comments and survey responses are listed in Wagtail's generic
``IndexView``; who may open a list is a rule of the app (board membership), not a
Django model permission, so each list's permission policy asks that rule.

The tracked submissions (Q&A's petitions, information requests) also share their list's
columns and export headings, the overdue row's mark, and how a board's action form on a
submission's screen runs its service (``action_form_submit``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, Table, TitleColumn
from wagtail.permission_policies.base import BasePermissionPolicy

from intake.services import InvalidTransition

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


# --- the tracked submissions' lists and screens ------------------------------------

# The export headings of the fields every tracked submission has; an app adds its own.
TRACKED_EXPORT_HEADINGS = {
    "tracking_code": _("Tracking code"),
    "agency.short_name": _("Agency"),
    "get_status_display": _("Status"),
    "received_at": _("Received on"),
    "due_date": _("Due date"),
    "overdue": _("Overdue"),
}


class OverdueRowTable(Table):
    """A list whose overdue rows carry ``overdue_classname`` (the app's CSS marks them)."""

    overdue_classname = "overdue"

    def get_row_classname(self, item):
        return self.overdue_classname if item.overdue else ""


def due_date_text(item) -> str:
    """The due date as the lists show it, with "(Overdue)" once it has passed unanswered."""
    due = date_format(item.due_date, "d/m/Y") if item.due_date else ""
    return f"{due} ({gettext('Overdue')})" if item.overdue else due


def tracking_code_column(detail_url_name: str) -> TitleColumn:
    return TitleColumn("tracking_code", label=_("Tracking code"),
                       get_url=lambda item: reverse(detail_url_name, args=[item.pk]))


def agency_column() -> Column:
    return Column("agency", label=_("Agency"), accessor="agency.short_name")


def status_column() -> Column:
    return Column("status", label=_("Status"), accessor="get_status_display")


def received_at_column() -> Column:
    return Column("received_at", label=_("Received on"),
                  accessor=lambda item: date_format(timezone.localtime(item.received_at), "d/m/Y H:i"))


def due_date_column() -> Column:
    return Column("due_date", label=_("Due date"), accessor=due_date_text)


def action_form_submit(request, *, form, call, changed_message, done_message, done_url: str):
    """Run a board's action form on a submission's screen: ``call(cleaned_data)`` calls
    the service. The redirect to ``done_url`` once it is done (``done_message``), or when
    the status changed meanwhile (``changed_message``: another board member acted first);
    None when the form is to be shown again, with the service's refusals on its fields."""
    if not form.is_valid():
        return None
    try:
        call(form.cleaned_data)
    except ValidationError as error:
        for field, field_messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_messages)
        return None
    except InvalidTransition:
        messages.error(request, changed_message)
        return redirect(done_url)
    messages.success(request, done_message)
    return redirect(done_url)
