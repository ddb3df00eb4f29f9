"""Who moderates the comments of a consultation.

The editorial board proper (head, deputy, members) of the portal the consultation is
published on, and the provincial board, which oversees every portal; superusers too.
Contributors and translators help with pages, not with the public's comments, and a
board never sees another portal's comments (they carry personal data). The admin
views and the services ask these functions, so both enforce the same rule.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from tenants.membership import BOARD_ROLES, reaches_every_portal, unit_ids_with_role

MODERATING_ROLES = BOARD_ROLES  # tenants.membership holds the rule


class CommentPermissionDenied(PermissionDenied):
    """The user may not moderate or export the comments of this consultation."""


def user_moderates_every_portal(user) -> bool:
    return reaches_every_portal(user, roles=MODERATING_ROLES)


def user_moderated_unit_ids(user) -> set[int]:
    """Units whose portal's comments the user moderates (without the provincial reach)."""
    return unit_ids_with_role(user, roles=MODERATING_ROLES)


def user_moderates_comments(user) -> bool:
    """Whether the user has any comments to moderate: shows the admin menu item."""
    return user_moderates_every_portal(user) or bool(user_moderated_unit_ids(user))


def user_can_moderate(user, consultation) -> bool:
    return user_moderates_every_portal(user) or consultation.unit_id in user_moderated_unit_ids(user)


def moderation_check(*, user, consultation) -> None:
    """Raise :class:`CommentPermissionDenied` unless ``user`` moderates ``consultation``."""
    if not user_can_moderate(user, consultation):
        raise CommentPermissionDenied(f"{user} may not moderate the comments of consultation {consultation.pk}")
