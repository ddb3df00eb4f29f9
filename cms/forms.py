"""Admin form of every page type: Wagtail's page form plus the Vietnamese text rules."""

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from vietnamese.forms import VietnameseTextFormMixin


class PortalPageForm(VietnameseTextFormMixin, WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "Correction only" describes one publication (issue #20): every edit starts unticked.
        if "correction_only" in self.fields:
            self.initial["correction_only"] = False


class PortalContactSettingsForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # As on pages: "correction only" describes one change and starts unticked.
        self.initial["correction_only"] = False
