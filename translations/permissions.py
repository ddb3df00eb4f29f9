"""Who sees which portal's translation tasks.

The translators and the board proper (head, deputy, members) of a portal see its
tasks; the provincial board sees every portal's (it guides and monitors the
component portals, Điều 11); superusers see all. Editing the English pages themselves
is Wagtail's page permissions, granted per portal by ``tenants.boards``.
"""

from __future__ import annotations

from tenants.models import BoardGroup, BoardRole, UnitKind

DASHBOARD_ROLES = frozenset({BoardRole.TRANSLATOR, BoardRole.HEAD, BoardRole.DEPUTY, BoardRole.MEMBER})
PROVINCIAL_OVERSIGHT_ROLES = frozenset({BoardRole.HEAD, BoardRole.DEPUTY, BoardRole.MEMBER})


def _memberships(user) -> list[tuple[int, str, str]]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if not hasattr(user, "_translation_memberships"):
        user._translation_memberships = list(
            BoardGroup.objects.filter(group__user=user).values_list("unit_id", "unit__kind", "role")
        )
    return user._translation_memberships


def user_sees_all_translation_tasks(user) -> bool:
    if getattr(user, "is_active", False) and getattr(user, "is_superuser", False):
        return True
    return any(
        kind == UnitKind.PROVINCE and role in PROVINCIAL_OVERSIGHT_ROLES for _, kind, role in _memberships(user)
    )


def user_translation_unit_ids(user) -> set[int]:
    """Units whose translation tasks the user sees (ignoring provincial oversight)."""
    return {unit_id for unit_id, _, role in _memberships(user) if role in DASHBOARD_ROLES}


def user_uses_translation_dashboard(user) -> bool:
    return user_sees_all_translation_tasks(user) or bool(user_translation_unit_ids(user))
