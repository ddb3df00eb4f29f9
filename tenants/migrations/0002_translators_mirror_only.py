"""Issue #16 item 3 on installed portals: translators keep no permission on the
Vietnamese tree and may no longer publish the foreign-language mirror, and each
mirror home gets a one-step review workflow (head, deputy or member approves; members
get publish on the mirror, as Wagtail publishes an approved revision as its approver).

Written with historical models, as ``tenants.boards.board_sync`` would leave a portal
provisioned today; running ``provision_portals`` again gives the same result.
"""

from django.db import migrations

TRANSLATOR = "translator"
REVIEW_ROLES = ("deputy", "head", "member")
# Short names, as moderation.services names the mirror's workflow since issue #24.
WORKFLOW_NAME = "Bản tiếng nước ngoài – {unit}"
REVIEW_STEP = "Duyệt bản tiếng nước ngoài – {unit}"


def forwards(apps, schema_editor):
    Unit = apps.get_model("tenants", "Unit")
    BoardGroup = apps.get_model("tenants", "BoardGroup")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    Permission = apps.get_model("auth", "Permission")
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    task_type = None
    for unit in Unit.objects.filter(site__isnull=False).select_related("site"):
        home = Page.objects.filter(pk=unit.site.root_page_id).first()
        if home is None:
            continue
        mirror_ids = list(
            Page.objects.filter(translation_key=home.translation_key).exclude(pk=home.pk).values_list("pk", flat=True)
        )
        groups = dict(BoardGroup.objects.filter(unit=unit).values_list("role", "group_id"))
        member = groups.get("member")
        if member:
            for pk in mirror_ids:
                GroupPagePermission.objects.get_or_create(group_id=member, page_id=pk, permission=publish)
        translator = groups.get(TRANSLATOR)
        if translator:
            GroupPagePermission.objects.filter(group_id=translator, page_id=home.pk).delete()
            GroupPagePermission.objects.filter(
                group_id=translator, page_id__in=mirror_ids, permission__codename="publish_page"
            ).delete()
        missing = [pk for pk in mirror_ids if not WorkflowPage.objects.filter(page_id=pk).exists()]
        if not missing or not all(role in groups for role in REVIEW_ROLES):
            continue
        short = unit.short_name or unit.name
        name = WORKFLOW_NAME.format(unit=short)[:255]
        # Short names are not unique between units: the one this board's members review.
        workflow = Workflow.objects.filter(
            name=name, workflow_tasks__task__groupapprovaltask__groups=groups["member"]
        ).order_by("pk").first()
        if workflow is None:
            if task_type is None:
                task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
            workflow = Workflow.objects.create(name=name, active=True)
            task = GroupApprovalTask.objects.create(
                name=REVIEW_STEP.format(unit=short)[:255], content_type=task_type, active=True
            )
            task.groups.set([groups[role] for role in REVIEW_ROLES])
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        for pk in missing:
            WorkflowPage.objects.create(workflow=workflow, page_id=pk)


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
