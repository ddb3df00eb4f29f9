"""Writes of the board's moderation (issue #19 item 2): publishing at once from any
step, and the board's workflow created or brought up to date by provisioning."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, TaskState, Workflow, WorkflowPage, WorkflowTask

from moderation.models import BoardApprovalTask
from moderation.rules import workflow_steps
from tenants.models import BoardRole, Unit

# Điều 5, 11: a contributor submits, a member or the deputy reviews, the head (or the
# deputy) approves and publishes. The head and the deputy are the publishers of every
# step: they can act at any step and publish at once. Names are short: they show in
# the locked-page notice, the e-mails and the dashboard.
WORKFLOW_NAME = "Duyệt tin – {unit}"
WORKFLOW_STEPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Xem xét – {unit}", (BoardRole.MEMBER, BoardRole.DEPUTY)),
    ("Duyệt đăng – {unit}", (BoardRole.HEAD, BoardRole.DEPUTY)),
)
PUBLISHERS = (BoardRole.HEAD, BoardRole.DEPUTY)


@transaction.atomic
def workflow_publish_now(*, task_state: TaskState, user, comment: str = "") -> None:
    """Approve the current step and publish, skipping the later ones: the later steps
    are recorded as skipped by ``user``, so the history says who published."""
    workflow_state = task_state.workflow_state
    task_state.approve(user=user, update=False, comment=comment)
    done = set(workflow_state.task_states.values_list("task_id", flat=True))
    revision = task_state.revision
    now = timezone.now()
    for step in workflow_steps(workflow_state.workflow):
        if step.pk not in done:
            TaskState.objects.create(
                workflow_state=workflow_state, revision=revision, task=step, status=TaskState.STATUS_SKIPPED,
                finished_at=now, finished_by=user,
            )
    workflow_state.finish(user=user)


def _names(unit: Unit) -> tuple[str, list[str]]:
    short = unit.short_name or unit.name
    return WORKFLOW_NAME.format(unit=short)[:255], [name.format(unit=short)[:255] for name, _roles in WORKFLOW_STEPS]


def board_workflow_sync(*, unit: Unit, home: Page, groups: dict[str, Group]) -> bool:
    """The portal's workflow on its home page, with the board's steps, names and groups.

    Idempotent: returns True only when something changed. A portal still on the older
    workflow (Wagtail group approval tasks) gets a new one; pages already in moderation
    finish in the old one, which is kept but no longer offered.
    """
    workflow_name, step_names = _names(unit)
    link = WorkflowPage.objects.filter(page=home).select_related("workflow").first()
    workflow = link.workflow if link else None
    steps = [step.specific for step in workflow_steps(workflow)] if workflow else []
    current = (
        workflow is not None
        and len(steps) == len(WORKFLOW_STEPS)
        and all(isinstance(step, BoardApprovalTask) for step in steps)
    )
    changed = False
    if not current:
        if workflow is not None:
            Workflow.objects.filter(pk=workflow.pk).update(active=False)
        workflow = Workflow.objects.create(name=workflow_name)
        steps = []
        for order, name in enumerate(step_names):
            step = BoardApprovalTask.objects.create(name=name)
            WorkflowTask.objects.create(workflow=workflow, task=step, sort_order=order)
            steps.append(step)
        if link is None:
            WorkflowPage.objects.create(workflow=workflow, page=home)
        else:
            WorkflowPage.objects.filter(pk=link.pk).update(workflow=workflow)
        changed = True
    elif workflow.name != workflow_name:
        Workflow.objects.filter(pk=workflow.pk).update(name=workflow_name)
        changed = True

    publishers = {groups[role].pk for role in PUBLISHERS}
    for step, name, (_name, roles) in zip(steps, step_names, WORKFLOW_STEPS, strict=True):
        if step.name != name:
            BoardApprovalTask.objects.filter(pk=step.pk).update(name=name)
            changed = True
        wanted = {groups[role].pk for role in roles}
        if set(step.groups.values_list("pk", flat=True)) != wanted:
            step.groups.set(wanted)
            changed = True
        if set(step.publishers.values_list("pk", flat=True)) != publishers:
            step.publishers.set(publishers)
            changed = True
    return changed
