"""Open data in the admin (issue #22 item 4): the boards' datasets and catalogue settings
as viewsets limited to their portals, and a dashboard reminder when a catalogue is due
for its six-monthly review (Nghị định 47/2020/NĐ-CP, Điều 20.3)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import DeleteView, EditView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from opendata.forms import UnitBoardForm
from opendata.models import OpenDataCatalogue, OpenDataset
from opendata.permissions import UnitBoardPermissionPolicy, open_data_unit_ids, open_data_units
from opendata.rules import review_is_due


# Each portal's board edits its own portal's open data only (the viewsets ask this policy).
register_permission_policy(OpenDataset, UnitBoardPermissionPolicy(OpenDataset))
register_permission_policy(OpenDataCatalogue, UnitBoardPermissionPolicy(OpenDataCatalogue))


class UnitIndexView(IndexView):
    """The list shows the user's portals' objects only (the policy decides which)."""

    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(self.request.user, "change")


class _UnitObjects:
    """Another portal's object is not found (404): edit and delete look it up among the
    user's portals' objects only."""

    def get_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(self.request.user, "change")


class UnitEditView(_UnitObjects, EditView):
    pass


class UnitDeleteView(_UnitObjects, DeleteView):
    pass


class OpenDatasetViewSet(ModelViewSet):
    model = OpenDataset
    icon = "table"
    menu_label = _("Open datasets")
    index_view_class = UnitIndexView
    edit_view_class = UnitEditView
    delete_view_class = UnitDeleteView
    edit_handler = ObjectList(OpenDataset.panels, base_form_class=UnitBoardForm)
    list_display = ["title", "unit", "modified", "is_open"]
    list_filter = ["is_open", "frequency"]
    search_fields = ["title", "description"]
    copy_view_enabled = False
    inspect_view_enabled = False


class OpenDataCatalogueViewSet(ModelViewSet):
    model = OpenDataCatalogue
    icon = "list-ul"
    menu_label = _("Open data catalogues")
    index_view_class = UnitIndexView
    edit_view_class = UnitEditView
    delete_view_class = UnitDeleteView
    edit_handler = ObjectList(OpenDataCatalogue.panels, base_form_class=UnitBoardForm)
    list_display = ["unit", "last_reviewed_on", "review_due_on"]
    copy_view_enabled = False
    inspect_view_enabled = False


class OpenDataGroup(ViewSetGroup):
    menu_label = _("Open data")
    menu_icon = "table"
    menu_order = 450
    items = (OpenDatasetViewSet("open_datasets"), OpenDataCatalogueViewSet("open_data_catalogues"))


@hooks.register("register_admin_viewset")
def register_open_data_viewsets():
    return OpenDataGroup()


def catalogues_due(user, *, today=None) -> list:
    """The user's portals whose catalogue is due for review (never reviewed, or six
    months after the last review), for the dashboard."""
    today = today or timezone.localdate()
    ids = open_data_unit_ids(user)
    if ids is not None and not ids:
        return []
    units = open_data_units(user).select_related("open_data_catalogue") if ids is not None else []
    due = []
    for unit in units:
        catalogue = getattr(unit, "open_data_catalogue", None)
        if review_is_due(catalogue.last_reviewed_on if catalogue else None, today=today):
            due.append((unit, catalogue.review_due_on if catalogue else None))
    return due


class CatalogueReviewPanel(Component):
    name = "open_data_review"
    order = 60
    template_name = "opendata/review_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        return {"due": catalogues_due(self.request.user)}

    def render_html(self, parent_context=None):
        return super().render_html(parent_context) if catalogues_due(self.request.user) else ""


@hooks.register("construct_homepage_panels")
def add_catalogue_review_panel(request, panels):
    panels.append(CatalogueReviewPanel(request))
