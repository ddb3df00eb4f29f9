"""The mirror in the Wagtail admin: a menu item for translators and boards."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from translations import admin_views
from translations.permissions import user_uses_translation_dashboard

urlpatterns = [
    path("", admin_views.translation_task_index, name="index"),
    path("answers/<int:pk>/", admin_views.answer_translation_edit, name="answer"),
    path("pages/<int:page_id>/submit/", admin_views.mirror_page_submit_view, name="submit"),
]


@hooks.register("register_admin_urls")
def register_translations_admin_urls():
    return [path("mirror/", include((urlpatterns, "translations_admin"), namespace="translations_admin"))]


class TranslationsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_uses_translation_dashboard(request.user)


@hooks.register("register_admin_menu_item")
def register_translations_menu_item():
    return TranslationsMenuItem(
        _("English mirror"), reverse("translations_admin:index"), name="mirror", icon_name="globe", order=260
    )
