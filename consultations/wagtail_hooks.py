"""Consultation comments in Wagtail: the moderation screens and the public form."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from consultations import admin_views
from consultations.permissions import user_moderates_comments
from consultations.public import consultation_comments_serve


@hooks.register("register_admin_viewset")
def register_consultations_admin_viewset():
    return admin_views.ConsultationCommentsViewSet()


class ConsultationCommentsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_moderates_comments(request.user)


@hooks.register("register_admin_menu_item")
def register_consultations_menu_item():
    return ConsultationCommentsMenuItem(
        _("Consultation comments"), reverse("consultations_admin:index"), name="consultations", icon_name="comment",
        order=260,
    )


# After Wagtail's view-restriction check (order 0), so a private draft stays private.
hooks.register("on_serve_page", consultation_comments_serve, order=100)
