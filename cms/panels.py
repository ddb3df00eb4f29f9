"""Panels of every portal page's edit form that apps above ``cms`` fill in.

The deadline panel (Điều 8) sits right under the title of every portal page, so
``cms`` places it; what it shows (the item's due date, the working days left, the
update history) is the compliance engine's, an app above ``cms`` that ``cms`` may not
import (issue #24, docs/ARCHITECTURE.md). The engine fills it through a Wagtail hook,
the way Wagtail's own hooks let apps plug into the admin::

    @hooks.register(DEADLINE_PANEL_HOOK)
    def deadline_panel():
        return template_name, context_function  # context_function(*, page, parent_page) -> dict

Without such a hook the panel is simply not shown.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import Panel

DEADLINE_PANEL_HOOK = "portal_page_deadline_panel"


class DeadlinePanel(Panel):
    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Update deadline (Decision 96, Article 8)"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            providers = hooks.get_hooks(DEADLINE_PANEL_HOOK)
            # The last registered wins, as with Wagtail's "construct_*" hooks' final say.
            self.template_name, self._context_for = providers[-1]() if providers else (None, None)

        def is_shown(self):
            return self._context_for is not None and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            parent = getattr(self.form, "parent_page", None) if self.form is not None else None
            context.update(self._context_for(page=self.instance, parent_page=parent))
            return context
