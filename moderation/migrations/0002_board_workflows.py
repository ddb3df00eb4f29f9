"""Existing portals get the board's workflow (issue #19 item 2): short names, the head
and the deputy able to act at any step. Pages already in moderation finish in the old
workflow, which is kept but no longer assigned. Written against the historical models,
with the same names and groups as ``moderation.services.board_workflow_sync``."""

from django.db import migrations

WORKFLOW_NAME = "Duyệt tin – {unit}"
STEPS = (("Xem xét – {unit}", ("member", "deputy")), ("Duyệt đăng – {unit}", ("head", "deputy")))
PUBLISHERS = ("head", "deputy")


def forward(apps, schema_editor):
    Unit = apps.get_model("tenants", "Unit")
    BoardGroup = apps.get_model("tenants", "BoardGroup")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    BoardApprovalTask = apps.get_model("moderation", "BoardApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")
    task_type, _created = ContentType.objects.get_or_create(app_label="moderation", model="boardapprovaltask")

    for unit in Unit.objects.filter(site__isnull=False).select_related("site"):
        link = WorkflowPage.objects.filter(page_id=unit.site.root_page_id).first()
        if link is None:
            continue  # provisioning creates it
        if BoardApprovalTask.objects.filter(workflow_tasks__workflow_id=link.workflow_id).exists():
            continue  # already the board's workflow
        groups = {bg.role: bg.group_id for bg in BoardGroup.objects.filter(unit=unit)}
        if any(role not in groups for role in ("head", "deputy", "member")):
            continue
        short = unit.short_name or unit.name
        Workflow.objects.filter(pk=link.workflow_id).update(active=False)
        workflow = Workflow.objects.create(name=WORKFLOW_NAME.format(unit=short)[:255], active=True)
        for order, (name, roles) in enumerate(STEPS):
            task = BoardApprovalTask.objects.create(name=name.format(unit=short)[:255], content_type=task_type, active=True)
            task.groups.set([groups[role] for role in roles])
            task.publishers.set([groups[role] for role in PUBLISHERS])
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
        link.workflow = workflow
        link.save(update_fields=["workflow"])


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("tenants", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
