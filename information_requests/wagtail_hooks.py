"""Information requests in the Wagtail admin: the boards' viewset and its menu item."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from information_requests import admin_views


@hooks.register("register_admin_viewset")
def register_admin_viewset():
    return admin_views.InformationRequestViewSet()


class InformationRequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.user_uses_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return InformationRequestsMenuItem(_("Information requests"), reverse("information_requests_admin:index"),
                                       name="information-requests", icon_name="doc-full", order=260)
