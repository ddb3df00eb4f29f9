"""Admin form of every page type: Wagtail's page form plus the Vietnamese text rules and
the media an editor may use (issue #16 item 1)."""

from wagtail.admin.forms import WagtailAdminPageForm

from security.media import ChoosableMediaFormMixin
from vietnamese.forms import VietnameseTextFormMixin


class PortalPageForm(ChoosableMediaFormMixin, VietnameseTextFormMixin, WagtailAdminPageForm):
    pass
