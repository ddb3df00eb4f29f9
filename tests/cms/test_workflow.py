"""Editorial workflow (Điều 5, 11): contributor submits, member reviews, head publishes."""

import pytest
from wagtail.models import WorkflowState

from cms.models import NewsIndexPage, NewsPage
from tenants.models import BoardRole, Unit
from tests.factories import board_member, province_rows, provision

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune():
    provision(province_rows(), with_sections=True)
    return Unit.objects.get(slug="xa-a")


def actions_of(user, page):
    state = page.current_workflow_state
    task = state.current_task_state.task.specific
    return {name for name, *_ in task.get_actions(page, user)}


def approve(user, page):
    state = page.current_workflow_state
    task_state = state.current_task_state
    task = task_state.task.specific
    assert "approve" in {name for name, *_ in task.get_actions(page, user)}
    task.on_action(task_state, user, "approve")


def test_news_goes_from_submission_to_publication(commune):
    contributor = board_member(commune, BoardRole.CONTRIBUTOR)
    member = board_member(commune, BoardRole.MEMBER)
    head = board_member(commune, BoardRole.HEAD)
    other_head = board_member(Unit.objects.get(slug="xa-b"), BoardRole.HEAD)
    index = NewsIndexPage.objects.get(unit=commune)

    page = NewsPage(title="Hội nghị triển khai nhiệm vụ năm 2026", summary="Sáng nay…", live=False, owner=contributor)
    index.add_child(instance=page)
    revision = page.save_revision(user=contributor)
    workflow = page.get_workflow()
    assert workflow is not None and workflow.tasks.count() == 2
    workflow.start(page, contributor)
    page.refresh_from_db()

    # Step 1: a board member reviews; the contributor, the head of another portal cannot.
    assert actions_of(contributor, page) == set()
    assert actions_of(other_head, page) == set()
    approve(member, page)
    page.refresh_from_db()
    assert not page.live

    # Step 2: only the board head approves and publishes.
    assert "approve" not in actions_of(member, page)
    approve(head, page)
    page.refresh_from_db()
    assert page.live
    assert page.live_revision_id == revision.pk
    assert page.unit == commune
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_APPROVED
    # Moderation history is kept: both task approvals are recorded.
    assert state.task_states.filter(status="approved").count() == 2


def test_scheduled_publishing_keeps_the_page_off_until_due(commune):
    import datetime

    from django.utils import timezone

    index = NewsIndexPage.objects.get(unit=commune)
    page = NewsPage(title="Thông báo lịch tiếp công dân", live=False)
    index.add_child(instance=page)
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision().approved_go_live_at is not None
