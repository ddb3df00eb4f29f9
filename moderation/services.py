"""Writes of the board's moderation (issue #19 item 2): publishing at once from any
step, and the portal's workflows (the board's, and its foreign-language mirror's)
created or brought up to date by provisioning (``tenants.boards.board_sync`` asks
the registered :func:`board_workflows_sync`, tenants.registry: issue #24)."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Page, TaskState, Workflow, WorkflowPage, WorkflowTask

from moderation.models import BoardApprovalTask
from moderation.rules import workflow_steps
from tenants.membership import MIRROR_REVIEW_ROLES
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
# The foreign-language mirror's one-step review (issue #16 item 3): the board proper
# (head, deputy or member) approves what translators submit, within Điều 8.2.d's two
# working days. A plain Wagtail group approval: whoever approves publishes.
MIRROR_WORKFLOW_NAME = "Bản tiếng nước ngoài – {unit}"
MIRROR_STEP = ("Duyệt bản tiếng nước ngoài – {unit}", tuple(sorted(MIRROR_REVIEW_ROLES)))


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


def _short(unit: Unit) -> str:
    return unit.short_name or unit.name


def mirror_workflow_name(unit: Unit) -> str:
    return MIRROR_WORKFLOW_NAME.format(unit=_short(unit))[:255]


def _legacy_mirror_workflow_name(unit: Unit) -> str:
    # Before issue #24 the mirror's workflow was found by this long, unique name.
    return f"Bản tiếng nước ngoài – {unit.name} [{unit.slug}]"[:255]


def mirror_workflow_sync(*, unit: Unit, mirror_home_ids: list[int], groups: dict[str, Group]) -> bool:
    """The mirror's own one-step review workflow, assigned to each mirror home page.

    The mirror is a tree of its own (another locale's home), outside the Vietnamese
    home's workflow; without one of its own, anything saved there could be published
    with no review at all. The workflow is the one a mirror home already has, else
    the one of that name whose step this board reviews. Idempotent: True only when
    something changed.
    """
    if not mirror_home_ids:
        return False
    links = WorkflowPage.objects.filter(page_id__in=mirror_home_ids)
    missing = set(mirror_home_ids) - set(links.values_list("page_id", flat=True))
    link = links.select_related("workflow").first()
    name, step_name, roles = mirror_workflow_name(unit), MIRROR_STEP[0].format(unit=_short(unit))[:255], MIRROR_STEP[1]
    # Else one made for this board's mirror earlier, by name and this board's reviewers
    # (short names are not unique between units).
    workflow = link.workflow if link else Workflow.objects.filter(
        name__in=(name, _legacy_mirror_workflow_name(unit)),
        workflow_tasks__task__groupapprovaltask__groups=groups[BoardRole.MEMBER],
    ).order_by("pk").first()
    changed = False
    if workflow is None:
        workflow = Workflow.objects.create(name=name)
        task = GroupApprovalTask.objects.create(name=step_name)
        task.groups.set([groups[role] for role in roles])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        changed = True
    elif workflow.name != name:
        Workflow.objects.filter(pk=workflow.pk).update(name=name)
        GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow).exclude(name=step_name).update(
            name=step_name
        )
        changed = True
    if missing:
        WorkflowPage.objects.bulk_create(WorkflowPage(workflow=workflow, page_id=page_id) for page_id in sorted(missing))
        changed = True
    return changed


def board_workflows_sync(*, unit: Unit, home: Page, mirror_home_ids: list[int], groups: dict[str, Group]) -> bool:
    """The portal's workflows, its home page's and its foreign-language mirror's
    (registered with tenants.registry, which provisioning asks)."""
    changed = board_workflow_sync(unit=unit, home=home, groups=groups)
    return mirror_workflow_sync(unit=unit, mirror_home_ids=mirror_home_ids, groups=groups) or changed
