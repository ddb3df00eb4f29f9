"""What waits for whom (issue #19 items 2 and 5): the pages a user must act on, the
board's own portal work for the dashboard, and a page's public link."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from wagtail.models import Page, TaskState, WorkflowState

from tenants.models import Unit
from tenants.selectors import portal_url


def pages_awaiting(*, user) -> list[Page]:
    """Pages whose current step ``user`` may act on, oldest waiting first."""
    states = (
        TaskState.objects.reviewable_by(user)
        .filter(workflow_state__status=WorkflowState.STATUS_IN_PROGRESS)
        .select_related("workflow_state", "task")
        .order_by("started_at")
    )
    page_ids = list(dict.fromkeys(int(state.workflow_state.object_id) for state in states))
    pages = Page.objects.filter(pk__in=page_ids).specific().in_bulk()
    return [pages[pk] for pk in page_ids if pk in pages]


def user_board_units(*, user) -> list[Unit]:
    """The units on whose boards ``user`` sits, by name."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Unit.objects.filter(board_groups__group__user=user).distinct().order_by("name"))


@dataclass
class BoardWork:
    """The dashboard's greeting for one board: its portal and what is due."""

    unit: Unit
    awaiting: list[Page] = field(default_factory=list)
    late_items: int = 0
    questions_due: int = 0
    questions_overdue: int = 0


def board_work(*, user, today: datetime.date | None = None) -> list[BoardWork]:
    """For each portal whose board ``user`` sits on: pages waiting for them, the portal's
    late items (Điều 8 deadlines) and the questions it must answer (Điều 13)."""
    from compliance.selectors import items_late
    from qa.models import OPEN_STATUSES, Petition

    today = today or timezone.localdate()
    awaiting = pages_awaiting(user=user)
    work = []
    for unit in user_board_units(user=user):
        open_questions = Petition.objects.filter(agency=unit, status__in=OPEN_STATUSES)
        work.append(
            BoardWork(
                unit=unit,
                awaiting=[page for page in awaiting if getattr(page, "unit_id", None) == unit.pk],
                late_items=len(items_late(units={unit.pk: unit}, today=today)),
                questions_due=open_questions.count(),
                questions_overdue=open_questions.filter(due_date__lt=today).count(),
            )
        )
    return work


def page_public_url(*, page: Page, request=None) -> str | None:
    """The page's address on its portal, as the visitor of the admin can reach it."""
    unit_id = getattr(page, "unit_id", None)
    unit = Unit.objects.filter(pk=unit_id).first() if unit_id else None
    parts = page.get_url_parts(request)
    if parts is None:
        return None
    _site_id, root_url, page_path = parts
    if unit is not None:
        return portal_url(unit=unit, request=request).rstrip("/") + page_path
    return (root_url or "") + page_path
