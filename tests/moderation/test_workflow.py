"""The board's workflow (issue #19 item 2): three roles, or the head alone; who must act
next in plain Vietnamese; the e-mail lists what waits; provisioning is idempotent."""

import pytest
from django.core import mail
from django.utils import translation
from wagtail.models import Workflow, WorkflowPage

from moderation.models import PUBLISH_NOW, BoardApprovalTask
from moderation.rules import waiting_message
from moderation.selectors import board_work, pages_awaiting
from tenants.models import BoardRole
from tests.cms.factories import NewsIndexPageFactory, NewsPageFactory
from tests.factories import board_member, province_rows, provision

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal():
    provision([row for row in province_rows() if row.slug in {"bacninh", "sotuphap"}])
    from tenants.models import Unit

    unit = Unit.objects.get(slug="sotuphap")
    index = NewsIndexPageFactory(parent=unit.site.root_page)
    return unit, index


@pytest.fixture
def board(portal):
    unit, _index = portal
    return {role: board_member(unit, role, username=f"sotuphap.{role}") for role in BoardRole.values}


def submitted(index, user):
    page = NewsPageFactory(parent=index, live=False, title="Hội nghị phổ biến Luật Hộ tịch")
    page.save_revision(user=user)
    page.get_workflow().start(page, user)
    page.refresh_from_db()
    return page


def actions(page, user):
    return [name for name, _label, _modal in page.current_workflow_task.get_actions(page, user)]


def test_provisioning_gives_short_names_and_the_leaders_every_step(portal):
    unit, _index = portal
    workflow = WorkflowPage.objects.get(page=unit.site.root_page).workflow
    assert workflow.name == "Duyệt tin – Sở Tư pháp"
    steps = [task.specific for task in workflow.tasks.order_by("workflow_tasks__sort_order")]
    assert [step.name for step in steps] == ["Xem xét – Sở Tư pháp", "Duyệt đăng – Sở Tư pháp"]
    assert all(isinstance(step, BoardApprovalTask) for step in steps)
    leaders = {unit.board_groups.get(role=r).group_id for r in (BoardRole.HEAD, BoardRole.DEPUTY)}
    assert all(set(step.publishers.values_list("pk", flat=True)) == leaders for step in steps)


def test_provisioning_twice_changes_nothing_and_upgrades_an_old_workflow(portal):
    unit, _index = portal
    rows = [row for row in province_rows() if row.slug in {"bacninh", "sotuphap"}]
    assert provision(rows).unchanged == ["bacninh", "sotuphap"]
    # A portal still on an older workflow (before issue #19) is moved to the board's.
    home = unit.site.root_page
    old = Workflow.objects.create(name="Ban Biên tập – Sở Tư pháp tỉnh Bắc Ninh [sotuphap]")
    WorkflowPage.objects.filter(page=home).update(workflow=old)
    assert "sotuphap" in provision(rows).updated
    workflow = WorkflowPage.objects.get(page=home).workflow
    assert workflow.name == "Duyệt tin – Sở Tư pháp" and workflow.active
    old.refresh_from_db()
    assert not old.active
    assert provision(rows).unchanged == ["bacninh", "sotuphap"]


def test_three_roles_member_reviews_then_head_publishes(portal, board):
    _unit, index = portal
    page = submitted(index, board["contributor"])
    assert "approve" in actions(page, board["member"])
    assert PUBLISH_NOW not in actions(page, board["member"])
    assert actions(page, board["contributor"]) == []
    page.current_workflow_task.on_action(page.current_workflow_task_state, board["member"], "approve")
    page.refresh_from_db()
    assert not page.live and page.current_workflow_task.name == "Duyệt đăng – Sở Tư pháp"
    assert actions(page, board["member"]) == []
    page.current_workflow_task.on_action(page.current_workflow_task_state, board["head"], "approve")
    page.refresh_from_db()
    assert page.live and page.current_workflow_state is None


@pytest.mark.parametrize("leader", [BoardRole.HEAD, BoardRole.DEPUTY])
def test_head_or_deputy_finishes_alone_from_the_first_step(portal, board, leader):
    _unit, index = portal
    page = submitted(index, board[leader])
    assert PUBLISH_NOW in actions(page, board[leader])
    page.current_workflow_task.on_action(page.current_workflow_task_state, board[leader], PUBLISH_NOW)
    page.refresh_from_db()
    assert page.live
    state = page.workflow_states.order_by("-created_at").first()
    assert state.status == "approved"
    assert sorted(state.task_states.values_list("status", flat=True)) == ["approved", "skipped"]


def test_head_sends_back_at_the_first_step(portal, board):
    _unit, index = portal
    page = submitted(index, board["contributor"])
    page.current_workflow_task.on_action(page.current_workflow_task_state, board["head"], "reject")
    page.refresh_from_db()
    assert page.workflow_states.order_by("-created_at").first().status == "needs_changes"
    assert not page.live


def test_locked_page_says_in_vietnamese_who_acts_next(portal, board):
    _unit, index = portal
    page = submitted(index, board["contributor"])
    with translation.override("vi"):
        text = str(waiting_message(task=page.current_workflow_task, page=page, user=board["contributor"]))
        assert "Xem xét – Sở Tư pháp" in text and "bước 1/2" in text
        assert "Thành viên Ban Biên tập, Phó Trưởng ban hoặc Trưởng ban" in text
        assert "chỉ những người này" in text
        mine = str(waiting_message(task=page.current_workflow_task, page=page, user=board["member"]))
        assert "Bạn có thể xử lý ngay" in mine
        lock = page.get_lock()
        assert "bước 1/2" in str(lock.get_message(board["contributor"]))


def test_each_step_mails_its_reviewers_the_pages_waiting_for_them(portal, board):
    _unit, index = portal
    mail.outbox.clear()
    first = submitted(index, board["contributor"])
    member_mail = [m for m in mail.outbox if m.to == [board["member"].email]]
    assert member_mail and first.title in member_mail[0].subject
    assert "Xem xét – Sở Tư pháp" in member_mail[0].body
    assert not [m for m in mail.outbox if m.to == [board["translator"].email]]
    second = submitted(index, board["contributor"])
    latest = [m for m in mail.outbox if m.to == [board["member"].email]][-1]
    # The second notice lists both pages now waiting for the member.
    assert latest.body.count("Hội nghị phổ biến Luật Hộ tịch") >= 3
    assert f"/admin/pages/{first.pk}/edit/" in latest.body and f"/admin/pages/{second.pk}/edit/" in latest.body
    mail.outbox.clear()
    second.current_workflow_task.on_action(second.current_workflow_task_state, board["member"], "approve")
    assert [m for m in mail.outbox if m.to == [board["head"].email]]
    assert not [m for m in mail.outbox if m.to == [board["member"].email] and "Duyệt đăng" in m.subject]


def test_dashboard_work_lists_what_waits_for_each_person(portal, board):
    unit, index = portal
    page = submitted(index, board["contributor"])
    assert [p.pk for p in pages_awaiting(user=board["member"])] == [page.pk]
    assert pages_awaiting(user=board["contributor"]) == []
    work = board_work(user=board["member"])
    assert [w.unit for w in work] == [unit]
    assert [p.pk for p in work[0].awaiting] == [page.pk]


def test_data_migration_moves_existing_portals_to_the_board_workflow(portal):
    """moderation/migrations/0002: a portal provisioned before issue #19 (Wagtail group
    approval tasks, long names) gets the board's workflow; running it again changes nothing."""
    import importlib

    from django.apps import apps
    from wagtail.models import GroupApprovalTask, WorkflowTask

    unit, _index = portal
    home = unit.site.root_page
    old = Workflow.objects.create(name="Ban Biên tập – Sở Tư pháp tỉnh Bắc Ninh [sotuphap]")
    for order, name in enumerate(["Thành viên/Phó ban xem xét [sotuphap]", "Trưởng ban duyệt và xuất bản [sotuphap]"]):
        WorkflowTask.objects.create(workflow=old, task=GroupApprovalTask.objects.create(name=name), sort_order=order)
    WorkflowPage.objects.filter(page=home).update(workflow=old)

    migration = importlib.import_module("moderation.migrations.0002_board_workflows")
    migration.forward(apps, None)
    workflow = WorkflowPage.objects.get(page=home).workflow
    assert workflow.name == "Duyệt tin – Sở Tư pháp"
    steps = [task.specific for task in workflow.tasks.order_by("workflow_tasks__sort_order")]
    assert [type(step) for step in steps] == [BoardApprovalTask, BoardApprovalTask]
    assert steps[0].publishers.count() == 2
    count = Workflow.objects.count()
    migration.forward(apps, None)
    assert Workflow.objects.count() == count


def test_dashboard_counts_the_questions_the_portal_must_answer(portal, board):
    from tests.qa.factories import PetitionFactory

    unit, _index = portal
    PetitionFactory(agency=unit)
    [work] = board_work(user=board["head"])
    assert work.questions_due == 1 and work.questions_overdue == 0
