"""Q&A in the Wagtail admin: a menu item for boards that handle petitions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from qa import admin_views

app_name = "qa_admin"
urlpatterns = [
    path("", admin_views.petition_index, name="index"),
    path("<int:pk>/", admin_views.petition_detail, name="detail"),
    path("<int:pk>/attachments/<int:attachment_pk>/", admin_views.petition_attachment, name="attachment"),
]


@hooks.register("register_admin_urls")
def register_qa_admin_urls():
    return [path("qa/", include((urlpatterns, "qa_admin"), namespace="qa_admin"))]


class QAMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.user_uses_qa_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_qa_menu_item():
    return QAMenuItem(_("Q&A"), reverse("qa_admin:index"), name="qa", icon_name="help", order=250)
