"""An archived portal is read-only in the admin (issue #21): no page of it is created,
edited, deleted, moved, copied, published or unpublished, whoever asks (superusers too).
The board's grants end on the effective date; these hooks cover everyone else and the
days between applying a plan ahead of time and its date."""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks

from cms.models.base import portal_unit_id_for
from tenants.archive import unit_id_archived_refusal


def _refuse(request, page):
    refusal = unit_id_archived_refusal(portal_unit_id_for(page))
    if refusal is None:
        return None
    messages.error(request, refusal)
    return redirect("wagtailadmin_explore", page.get_parent().pk if page.depth > 3 else page.pk)


@hooks.register("before_edit_page")
def refuse_edit_of_archived_page(request, page):
    return _refuse(request, page)


@hooks.register("before_create_page")
def refuse_create_in_archived_portal(request, parent_page, page_class):
    return _refuse(request, parent_page)


@hooks.register("before_delete_page")
def refuse_delete_in_archived_portal(request, page):
    return _refuse(request, page)


@hooks.register("before_move_page")
def refuse_move_in_archived_portal(request, page, destination):
    return _refuse(request, page) or _refuse(request, destination)


@hooks.register("before_copy_page")
def refuse_copy_in_archived_portal(request, page):
    return _refuse(request, page)


@hooks.register("before_unpublish_page")
def refuse_unpublish_in_archived_portal(request, page):
    return _refuse(request, page)
