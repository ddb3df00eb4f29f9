"""The board's approval step (issue #19 item 2).

Wagtail's group approval task lets only the step's groups act, one step after the
other, so a page needs three accounts to go live. A board's step also names its
*publishers* (the head and the deputy): they may act at any step, send the page back
or approve it and publish at once, so one person can finish when the board is small.
"""

from django.contrib.auth.models import Group
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.locks import WorkflowLock
from wagtail.models import AbstractGroupApprovalTask, TaskState

# The action that approves this step and publishes, skipping the later steps.
PUBLISH_NOW = "publish_now"


class BoardWorkflowLock(WorkflowLock):
    """The locked-page notice says in plain Vietnamese who must act next."""

    def get_message(self, user):
        from moderation.rules import waiting_message

        return waiting_message(task=self.task, page=self.object, user=user)

    def get_description(self, user, can_lock=False):
        from moderation.rules import waiting_message

        return waiting_message(task=self.task, page=self.object, user=user)


class BoardApprovalTask(AbstractGroupApprovalTask):
    """One step of a board's workflow: its ``groups`` review it, its ``publishers`` may
    act on it too and may approve and publish at once."""

    publishers = models.ManyToManyField(
        Group,
        verbose_name=_("may approve and publish at once"),
        blank=True,
        related_name="+",
        help_text=_("Board head and deputy: they can act at this step too, send the page back or publish it at once."),
    )

    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields + ["publishers"]
    admin_form_widgets = {**AbstractGroupApprovalTask.admin_form_widgets, "publishers": AbstractGroupApprovalTask.admin_form_widgets["groups"]}
    lock_class = BoardWorkflowLock

    class Meta:
        verbose_name = _("board approval step")
        verbose_name_plural = _("board approval steps")

    def _user_in_groups(self, user):
        cache_attr = "_board_task_checks"
        checks = getattr(user, cache_attr, None)
        if checks is None:
            checks = {}
            setattr(user, cache_attr, checks)
        if self.pk not in checks:
            user_groups = user.groups.all()
            checks[self.pk] = (
                self.groups.filter(id__in=user_groups).exists() or self.publishers.filter(id__in=user_groups).exists()
            )
        return checks[self.pk]

    def user_is_publisher(self, user) -> bool:
        return user.is_superuser or self.publishers.filter(id__in=user.groups.all()).exists()

    def is_last_step(self, workflow) -> bool:
        from moderation.rules import workflow_steps

        steps = workflow_steps(workflow)
        return bool(steps) and steps[-1].pk == self.pk

    def get_actions(self, obj, user):
        if not (user.is_superuser or self._user_in_groups(user)):
            return []
        state = obj.current_workflow_state
        last = state is None or self.is_last_step(state.workflow)
        actions = [("reject", _("Send back for changes"), True)]
        if last:
            actions += [("approve", _("Approve and publish"), False), ("approve", _("Approve and publish, with a comment"), True)]
        else:
            actions += [
                ("approve", _("Approve, send to the next step"), False),
                ("approve", _("Approve with a comment"), True),
            ]
            if self.user_is_publisher(user):
                actions.append((PUBLISH_NOW, _("Approve and publish now"), False))
        return actions

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == PUBLISH_NOW:
            from moderation.services import workflow_publish_now

            return workflow_publish_now(task_state=task_state, user=user, comment=kwargs.get("comment", ""))
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if user.is_superuser or self._user_in_groups(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    @classmethod
    def get_description(cls):
        return _("The step's groups review it; the board head and deputy can act at any step and publish at once.")
