"""What the deadline panel on every portal page's edit form shows (Điều 8): the item's
deadline, its due date and the working days left (or how late it was published), and
the page's update history (issue #20: each change of the information is an update).

The panel itself is ``cms.panels.DeadlinePanel`` (``cms`` places it under the title of
every page and may not import this app); ``compliance.wagtail_hooks`` hands it
:func:`deadline_panel_context` and the template.
"""


TEMPLATE_NAME = "compliance/panels/deadline.html"


def deadline_panel_context(*, page, parent_page) -> dict:
    """The panel's template context for ``page`` (unsaved: ``parent_page`` gives its portal)."""
    from compliance.rules import Timeliness, item_timeliness
    from compliance.updates import page_updates_judged
    from mandate.items import MANDATE_ITEMS

    unit = None
    if getattr(page, "unit_id", None) is None and parent_page is not None:
        from cms.models.base import portal_unit_id_for
        from tenants.models import Unit

        unit = Unit.objects.filter(pk=portal_unit_id_for(parent_page)).first() if parent_page.depth >= 3 else None
    verdict = item_timeliness(page, unit=unit)
    # Issue #20: every update of the information, each with its own verdict.
    history = page_updates_judged(page_id=page.pk, days_allowed=verdict.days_allowed) if page.pk else []
    return {
        "history": history,
        "on_time_status": Timeliness.ON_TIME,
        "item": MANDATE_ITEMS.get(getattr(page, "mandate_item", "")),
        "verdict": verdict,
        "measured": verdict.status != Timeliness.NOT_APPLICABLE,
        "overdue": verdict.status == Timeliness.OVERDUE,
        "days_late": -verdict.days_left if verdict.days_left is not None and verdict.days_left < 0 else None,
    }
