"""Wagtail hooks of Điều 9.4 (republication, submissions) and Điều 10.4 (archiving).

Imported by ``compliance.wagtail_hooks`` so that Wagtail registers them.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from compliance import archiving, exchange_views, republication
from compliance.permissions import compliance_units_for_user

urlpatterns = [
    path("republish/<int:page_id>/", exchange_views.republish_view, name="republish"),
    path("submit/<int:page_id>/", exchange_views.submit_view, name="submit"),
    path("submissions/", exchange_views.submissions_view, name="submissions"),
    path("archive/", exchange_views.archive_view, name="archive"),
]


@hooks.register("register_admin_urls")
def register_exchange_urls():
    return [path("compliance/exchange/", include((urlpatterns, "compliance_exchange"),
                                                 namespace="compliance_exchange"))]


# --- page buttons --------------------------------------------------------------------


class RepublishButton(PageMenuItem):
    label = _("Republish on component portals")
    icon_name = "resubmit"
    url_name = "compliance_exchange:republish"

    def is_shown(self, user):
        return republication.republication_can_mark(page=self.page, user=user)


class SubmitButton(PageMenuItem):
    label = _("Send to the provincial portal")
    icon_name = "upload"
    url_name = "compliance_exchange:submit"

    def is_shown(self, user):
        return republication.submission_can_send(page=self.page, user=user)


def _exchange_buttons(page):
    # Cheap type test first: the listing asks for every row.
    if page.specific_class is None or page.specific_class.__name__ not in ("NewsPage", "DirectionPage"):
        return []
    return [RepublishButton(page=page, priority=35), SubmitButton(page=page, priority=36)]


@hooks.register("register_page_header_buttons")
def exchange_header_buttons(page, user, view_name, next_url=None):
    return _exchange_buttons(page)


@hooks.register("register_page_listing_more_buttons")
def exchange_listing_buttons(page, user, next_url=None):
    return _exchange_buttons(page)


# --- menu ----------------------------------------------------------------------------


class BoardMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or bool(compliance_units_for_user(request.user))


@hooks.register("register_reports_menu_item")
def register_submissions_menu_item():
    return BoardMenuItem(_("Submitted articles"), reverse("compliance_exchange:submissions"),
                         name="submitted-articles", icon_name="upload", order=663)


@hooks.register("register_reports_menu_item")
def register_archive_menu_item():
    return BoardMenuItem(_("Archive"), reverse("compliance_exchange:archive"), name="archive", icon_name="folder",
                         order=664)


# --- deleting kept pages archives them (Điều 10.4) ------------------------------------


@hooks.register("before_delete_page")
def archive_instead_of_delete(request, page):
    if archiving.page_must_be_kept(page):
        if archiving.archived_item_for(page) is not None:
            messages.error(request, archiving.MESSAGE_ALREADY_ARCHIVED % {"title": page.title})
            return redirect("wagtailadmin_explore", page.get_parent().pk)
        if request.method != "POST":
            messages.warning(request, archiving.MESSAGE_WILL_ARCHIVE)
            return None
        try:
            archiving.page_archive(page=page, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, archiving.MESSAGE_ARCHIVED % {"title": page.title})
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    count = archiving.kept_descendants(page).count()
    if count:
        messages.error(request, archiving.MESSAGE_HOLDS_ARCHIVED % {"title": page.title, "count": count})
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_delete_of_kept_pages(request, action_type, objects, action_class_instance):
    if action_type != "delete":
        return None
    for page in objects:
        if archiving.page_must_be_kept(page) or archiving.kept_descendants(page).exists():
            messages.error(request, archiving.MESSAGE_HOLDS_ARCHIVED % {
                "title": page.title, "count": max(1, archiving.kept_descendants(page).count())})
            return redirect(request.GET.get("next") or reverse("wagtailadmin_explore_root"))
    return None
