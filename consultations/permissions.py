"""Who moderates the comments of a consultation.

The editorial board proper (head, deputy, members) of the portal the consultation is
published on, and the provincial board, which oversees every portal; superusers too.
Contributors and translators help with pages, not with the public's comments, and a
board never sees another portal's comments (they carry personal data). The admin
views and the services ask these functions, so both enforce the same rule.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from tenants.models import BoardGroup, BoardRole, UnitKind

MODERATING_ROLES = frozenset({BoardRole.HEAD, BoardRole.DEPUTY, BoardRole.MEMBER})


class CommentPermissionDenied(PermissionDenied):
    """The user may not moderate or export the comments of this consultation."""


def _memberships(user) -> list[tuple[int, str, str]]:
    """(unit id, unit kind, role) of the user's board groups, read once per user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if not hasattr(user, "_consultation_memberships"):
        user._consultation_memberships = list(
            BoardGroup.objects.filter(group__user=user).values_list("unit_id", "unit__kind", "role")
        )
    return user._consultation_memberships


def user_moderates_every_portal(user) -> bool:
    if getattr(user, "is_active", False) and getattr(user, "is_superuser", False):
        return True
    return any(kind == UnitKind.PROVINCE and role in MODERATING_ROLES for _, kind, role in _memberships(user))


def user_moderated_unit_ids(user) -> set[int]:
    """Units whose portal's comments the user moderates (without the provincial reach)."""
    return {unit_id for unit_id, _, role in _memberships(user) if role in MODERATING_ROLES}


def user_moderates_comments(user) -> bool:
    """Whether the user has any comments to moderate: shows the admin menu item."""
    return user_moderates_every_portal(user) or bool(user_moderated_unit_ids(user))


def user_can_moderate(user, consultation) -> bool:
    return user_moderates_every_portal(user) or consultation.unit_id in user_moderated_unit_ids(user)


def moderation_check(*, user, consultation) -> None:
    """Raise :class:`CommentPermissionDenied` unless ``user`` moderates ``consultation``."""
    if not user_can_moderate(user, consultation):
        raise CommentPermissionDenied(f"{user} may not moderate the comments of consultation {consultation.pk}")
