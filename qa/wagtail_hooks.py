"""Q&A in the Wagtail admin: a menu item for boards that handle petitions."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from qa import admin_views

@hooks.register("register_admin_viewset")
def register_qa_admin_viewset():
    return admin_views.PetitionViewSet()


class QAMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.user_uses_qa_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_qa_menu_item():
    return QAMenuItem(_("Q&A"), reverse("qa_admin:index"), name="qa", icon_name="help", order=250)
