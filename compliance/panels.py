"""The deadline panel on every portal page's edit form (Điều 8): the item's deadline,
its due date and the working days left (or how late it was published), and the page's
update history (issue #20: each change of the information is an update)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class DeadlinePanel(Panel):
    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Update deadline (Decision 96, Article 8)"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "compliance/panels/deadline.html"

        def get_context_data(self, parent_context=None):
            from cms.mandate import MANDATE_ITEMS
            from compliance.rules import Timeliness, item_timeliness

            context = super().get_context_data(parent_context)
            page = self.instance
            unit = None
            parent = getattr(self.form, "parent_page", None) if self.form is not None else None
            if getattr(page, "unit_id", None) is None and parent is not None:
                from cms.models.base import portal_unit_id_for
                from tenants.models import Unit

                unit = Unit.objects.filter(pk=portal_unit_id_for(parent)).first() if parent.depth >= 3 else None
            verdict = item_timeliness(page, unit=unit)
            from compliance.updates import page_updates_judged

            # Issue #20: every update of the information, each with its own verdict.
            history = page_updates_judged(page_id=page.pk, days_allowed=verdict.days_allowed) if page.pk else []
            context.update(
                history=history,
                on_time_status=Timeliness.ON_TIME,
                item=MANDATE_ITEMS.get(getattr(page, "mandate_item", "")),
                verdict=verdict,
                measured=verdict.status != Timeliness.NOT_APPLICABLE,
                overdue=verdict.status == Timeliness.OVERDUE,
                days_late=-verdict.days_left if verdict.days_left is not None and verdict.days_left < 0 else None,
            )
            return context
