"""Surveys in the Wagtail admin: results for the provincial board and superusers."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from surveys import admin_views
from surveys.models import SurveyPage


@hooks.register("register_admin_viewset")
def register_surveys_admin_viewset():
    return admin_views.SurveyResultsViewSet()


class SurveysMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.user_uses_surveys_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_surveys_menu_item():
    return SurveysMenuItem(_("Survey results"), reverse("surveys_admin:index"), name="surveys", icon_name="list-ul",
                           order=260)


@hooks.register("register_page_header_buttons")
@hooks.register("register_page_listing_more_buttons")
def survey_results_button(page, user, *args, **kwargs):
    # From the survey's own page in the admin to its results, for those who may see them.
    if page.specific_class is SurveyPage and admin_views.user_uses_surveys_admin(user):
        yield Button(
            _("Survey results"), reverse("surveys_admin:results", args=[page.pk]), icon_name="list-ul", priority=50
        )
