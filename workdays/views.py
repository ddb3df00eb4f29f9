"""Admin screens of the calendar: administrators enter each year's official swaps."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from workdays.models import CalendarException


class CalendarExceptionViewSet(ModelViewSet):
    model = CalendarException
    icon = "date"
    menu_label = _("Working-day calendar")
    add_to_settings_menu = True
    form_fields = ["date", "kind", "note"]
    list_display = ["date", "kind", "note", "source"]
    list_filter = ["kind", "source"]
    copy_view_enabled = False


calendar_exception_viewset = CalendarExceptionViewSet("calendar_exceptions")
