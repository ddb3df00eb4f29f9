"""Admin form of every page type: Wagtail's page form plus the Vietnamese text rules, the
media an editor may use (issue #16 item 1) and the editors' help texts (cms.help_texts)."""

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from cms.help_texts import help_text_for
from security.media import ChoosableMediaFormMixin
from vietnamese.forms import VietnameseTextFormMixin


class PortalPageForm(ChoosableMediaFormMixin, VietnameseTextFormMixin, WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Issue #19 item 3: every field explains itself in Vietnamese.
        for name, field in self.fields.items():
            if not field.help_text:
                text = help_text_for(self._meta.model, name)
                if text:
                    field.help_text = text
        # "Correction only" describes one publication (issue #20): every edit starts unticked.
        if "correction_only" in self.fields:
            self.initial["correction_only"] = False


class PortalContactSettingsForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # As on pages: "correction only" describes one change and starts unticked.
        self.initial["correction_only"] = False
