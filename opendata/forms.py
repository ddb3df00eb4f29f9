"""The admin forms of open data: the portal field offers only the user's portals."""

from wagtail.admin.forms import WagtailAdminModelForm

from opendata.permissions import open_data_units


class UnitBoardForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "unit" in self.fields and for_user is not None:
            self.fields["unit"].queryset = open_data_units(for_user)
