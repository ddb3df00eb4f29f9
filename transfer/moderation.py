"""Pages in moderation go with the portal (archive format 5, ``records["workflow_states"]``).

A page submitted for approval has a ``WorkflowState`` (who submitted it, when, where it
stands) and a ``TaskState`` per step it reached (on which revision, approved or sent back
by whom, the reviewer's comment). Deleting the portal deletes them with its pages, so a
restore used to bring every page in moderation back as a plain draft, its review history
gone.

The workflow itself is not carried: ``tenants.boards.board_sync`` gives the imported home
page the board's workflow, with the same steps in the same order (``moderation.services.WORKFLOW_STEPS``).
A state goes into that workflow, each task state into the step at the same position.
Pages, revisions and users are remapped as the other records are (``transfer.records``).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from wagtail.models import Page, TaskState, WorkflowPage, WorkflowState, WorkflowTask

from transfer.remap import content_type_id, content_type_label
from transfer.rows import Swap, as_datetime
from transfer.summary import Tally

# Wagtail allows one of these per page at a time (a conditional unique constraint).
OPEN = (WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES)


def collect(page_ids) -> list[dict]:
    """The workflow states of ``page_ids`` with their task states (a step is named by its
    position in the workflow)."""
    page_ct = ContentType.objects.get_for_model(Page)
    states = list(
        WorkflowState.objects.filter(base_content_type=page_ct, object_id__in=[str(pk) for pk in page_ids])
        .order_by("pk").prefetch_related(Prefetch("task_states", TaskState.objects.order_by("pk")))
    )
    positions = {
        (step.workflow_id, step.task_id): step.sort_order
        for step in WorkflowTask.objects.filter(workflow__in={state.workflow_id for state in states})
    }
    return [
        {
            "page": int(state.object_id), "content_type": content_type_label(state.content_type_id),
            "status": state.status, "created_at": state.created_at, "requested_by": state.requested_by_id,
            "current_task_state": state.current_task_state_id,
            "task_states": [
                {
                    "id": task_state.pk, "position": positions.get((state.workflow_id, task_state.task_id)),
                    "revision": task_state.revision_id, "status": task_state.status,
                    "started_at": task_state.started_at, "finished_at": task_state.finished_at,
                    "finished_by": task_state.finished_by_id, "comment": task_state.comment,
                    "content_type": content_type_label(task_state.content_type_id),
                }
                for task_state in state.task_states.all()
            ],
        }
        for state in states
    ]


def users(rows: list[dict]):
    """The users the states name (for the archive's references)."""
    for row in rows:
        yield row["requested_by"]
        for task_state in row["task_states"]:
            yield task_state["finished_by"]


def states_import(rows: list[dict], swap: Swap, home_id: int, tally: Tally, *, held: bool = False) -> None:
    """The states of ``rows`` whose page is here, in the workflow of the home page
    ``home_id``. A state already here (same page and time) is kept; an open one is
    skipped when its page already has an open one."""
    if not rows:
        return
    link = WorkflowPage.objects.filter(page_id=home_id).first()
    if link is None:
        tally.skipped += len(rows)
        return
    steps = dict(WorkflowTask.objects.filter(workflow_id=link.workflow_id).values_list("sort_order", "task_id"))
    page_ct = ContentType.objects.get_for_model(Page)
    task_state_ct = ContentType.objects.get_for_model(TaskState)
    for row in rows:
        page = swap("page", row["page"])
        if page is None:
            tally.skipped += 1
            continue
        here = WorkflowState.objects.filter(base_content_type=page_ct, object_id=str(page))
        created = as_datetime(WorkflowState, "created_at", row["created_at"])
        if here.filter(created_at=created).exists():
            continue
        if row["status"] in OPEN and here.filter(status__in=OPEN).exists():
            tally.skipped += 1
            continue
        state = WorkflowState.objects.create(
            content_type_id=content_type_id(row["content_type"]) or page_ct.pk, base_content_type=page_ct,
            object_id=str(page),
            workflow_id=link.workflow_id, status=row["status"],
            requested_by_id=swap("user", row["requested_by"]) if row["requested_by"] else None,
        )
        new_ids = {}
        for item in row["task_states"]:
            task, revision = steps.get(item["position"]), swap("revision", item["revision"])
            if task is None or revision is None:
                continue  # a step the board's workflow no longer has, or a revision not here
            task_state = TaskState.objects.create(
                workflow_state=state, revision_id=revision, task_id=task, status=item["status"],
                finished_at=as_datetime(TaskState, "finished_at", item["finished_at"]),
                finished_by_id=swap("user", item["finished_by"]) if item["finished_by"] else None,
                comment=item["comment"], content_type_id=content_type_id(item["content_type"]) or task_state_ct.pk,
            )
            TaskState.objects.filter(pk=task_state.pk).update(
                started_at=as_datetime(TaskState, "started_at", item["started_at"])
            )
            new_ids[item["id"]] = task_state.pk
        WorkflowState.objects.filter(pk=state.pk).update(
            created_at=created, current_task_state_id=new_ids.get(row["current_task_state"])
        )
        if held:
            tally.kept += 1
        else:
            tally.created += 1
