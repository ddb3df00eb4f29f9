from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    """A board's moderation (duyệt tin, issue #19 item 2): the board's workflow steps,
    who must act next, the notices and the dashboard of what waits for whom."""

    name = "moderation"
    verbose_name = _("Moderation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from moderation.services import board_workflows_sync
        from tenants.registry import board_workflow_register

        # Issue #24: provisioning (tenants.boards) gives each portal its workflows (its
        # home page's and its mirror's) through the registry; tenants may not import us.
        board_workflow_register(board_workflows_sync)
