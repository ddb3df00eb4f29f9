"""Information requests in the Wagtail admin: a menu item for boards."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from information_requests import admin_views

urlpatterns = [
    path("", admin_views.information_request_index, name="index"),
    path("report/", admin_views.information_request_report, name="report"),
    path("<int:pk>/", admin_views.information_request_detail, name="detail"),
    path("<int:pk>/files/<int:file_pk>/", admin_views.information_request_file, name="file"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("information-requests/", include((urlpatterns, "information_requests_admin"),
                                                  namespace="information_requests_admin"))]


class InformationRequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.user_uses_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return InformationRequestsMenuItem(_("Information requests"), reverse("information_requests_admin:index"),
                                       name="information-requests", icon_name="doc-full", order=260)
