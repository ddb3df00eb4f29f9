"""The mirror in the Wagtail admin: a menu item for translators and boards."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from caching.sites import locale_language_code
from translations import admin_views
from translations.permissions import user_uses_translation_dashboard
from translations.selectors import english_home_pages

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


@hooks.register("before_serve_page")
def refuse_pages_of_another_language(page, request, serve_args, serve_kwargs):
    """Điều 8.2.d (issue #17 item 4): ``/en/…`` serves English pages only.

    Wagtail routes ``/en/`` from the English copy of the portal's home when there is one
    and otherwise from the Vietnamese home, and ``Page.localized`` falls back to the
    Vietnamese page: a component portal without an English site answered ``/en/`` with
    its Vietnamese pages under ``lang="en"``. A page whose language is not the one of
    the address is not there, nor is wagtail-localize's untranslated copy (an alias of
    a page in another language) of a section above an English page. The copy of a
    component portal's home above English pages is its English home: the list of those
    pages, so that "Home" on them stays in English."""
    # The locale's code from the cache: this hook runs on every page served.
    if locale_language_code(page.locale_id) != translation.get_language():
        raise Http404
    if page_is_untranslated_copy(page):
        english_pages = english_home_pages(page)
        if not english_pages:
            raise Http404
        return TemplateResponse(request, "translations/english_home.html",
                                {"page": page, "self": page, "english_pages": english_pages})


def page_is_untranslated_copy(page) -> bool:
    return page.alias_of_id is not None and not Page.objects.filter(pk=page.alias_of_id, locale_id=page.locale_id).exists()
