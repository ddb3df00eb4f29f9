"""Who must act next on a page in moderation, said in plain Vietnamese (issue #19 item 2).

Pure reads: the step a page waits at, the board roles that may act there, and the
sentence the locked page and the status panel show.
"""

from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.models import Task

from tenants.models import BoardGroup, BoardRole

# Roles in the order a reader expects them named: the reviewers, then the leaders.
ROLE_ORDER = (BoardRole.CONTRIBUTOR, BoardRole.TRANSLATOR, BoardRole.MEMBER, BoardRole.DEPUTY, BoardRole.HEAD)


def workflow_steps(workflow) -> list[Task]:
    """The workflow's active steps in order."""
    return list(
        Task.objects.filter(workflow_tasks__workflow=workflow, active=True).order_by("workflow_tasks__sort_order")
    )


def step_group_ids(task) -> set[int]:
    ids = set(task.groups.values_list("pk", flat=True))
    publishers = getattr(task, "publishers", None)
    if publishers is not None:
        ids |= set(publishers.values_list("pk", flat=True))
    return ids


def step_roles(task) -> list[str]:
    """The board roles that may act at ``task`` (reviewers and publishers), in reading order."""
    roles = set(BoardGroup.objects.filter(group_id__in=step_group_ids(task)).values_list("role", flat=True))
    return [role for role in ROLE_ORDER if role in roles]


def role_list_text(roles: list[str]) -> str:
    """"Thành viên Ban Biên tập, Phó Trưởng ban hoặc Trưởng ban"."""
    labels = [str(BoardRole(role).label) for role in roles]
    if not labels:
        return _("a reviewer of this step")
    if len(labels) == 1:
        return labels[0]
    return _("%(first)s or %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


def waiting_message(*, task, page, user) -> str:
    """The notice on a page waiting at ``task``: the step, its number, who acts next, and
    whether the reader is one of them."""
    state = page.current_workflow_state
    steps = workflow_steps(state.workflow) if state else [task]
    number = next((i for i, step in enumerate(steps, 1) if step.pk == task.pk), 1)
    actors = role_list_text(step_roles(task))
    can_act = user.is_superuser or bool(step_group_ids(task) & set(user.groups.values_list("pk", flat=True)))
    if can_act:
        tail = _("You can act now: approve it, or send it back for changes.")
    else:
        tail = _("Until then only they can edit the page.")
    return format_html(
        "{} {}",
        format_html(
            _("This page is waiting at <b>{step}</b> (step {number} of {total}): {actors} must act next."),
            step=task.name,
            number=number,
            total=len(steps),
            actors=actors,
        ),
        tail,
    )
