"""Admin form of every page type: Wagtail's page form plus the Vietnamese text rules."""

from wagtail.admin.forms import WagtailAdminPageForm

from vietnamese.forms import VietnameseTextFormMixin


class PortalPageForm(VietnameseTextFormMixin, WagtailAdminPageForm):
    pass
