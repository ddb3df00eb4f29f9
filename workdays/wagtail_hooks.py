from wagtail import hooks

from workdays.views import calendar_exception_viewset


@hooks.register("register_admin_viewset")
def register_calendar_exception_viewset():
    return calendar_exception_viewset
