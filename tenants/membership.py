"""Board membership: who sits on which portal's editorial board, in which role (issue
#16 item 3). The one place every app asks; none keeps its own role sets.

Điều 9.4 and 10.4: the editorial board proper (Ban Biên tập: head, deputy, members)
decides and handles what the public sends; contributors (cộng tác viên) and
translators only propose pages, so they never reach petitions, comments, survey
results, reports or another portal's anything. A head or deputy publishes. The
provincial board proper guides and monitors every component portal (Điều 11), so its
reach is every portal; a district's board proper reaches its communes' portals too
(they report to it, Điều 15). Superusers reach everything.

Memberships are read once per user object (a request's ``request.user``), so a page
that asks several questions makes one query.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from tenants.models import BoardGroup, BoardRole, UnitKind

# The editorial board proper: decides, handles petitions and comments, sees results.
BOARD_ROLES = frozenset({BoardRole.HEAD, BoardRole.DEPUTY, BoardRole.MEMBER})
# Answers and pages are published by the leadership.
PUBLISHING_ROLES = frozenset({BoardRole.HEAD, BoardRole.DEPUTY})
# Reviewers of the English mirror (one-step review of a translator's work).
MIRROR_REVIEW_ROLES = BOARD_ROLES
# Every role of a board, including those that only propose.
ALL_ROLES = frozenset(BoardRole.values)


class Membership(NamedTuple):
    unit_id: int
    unit_kind: str
    role: str


def is_superuser(user) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


def memberships(user) -> list[Membership]:
    """The user's board memberships (none for anonymous or inactive users)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_board_memberships", None)
    if cached is None:
        cached = [
            Membership(*row)
            for row in BoardGroup.objects.filter(group__user=user).values_list("unit_id", "unit__kind", "role")
        ]
        user._board_memberships = cached
    return cached


def unit_ids_with_role(user, *, roles: Iterable[str] = BOARD_ROLES) -> set[int]:
    """Units on whose board the user holds one of ``roles`` (no provincial reach)."""
    roles = frozenset(roles)
    return {m.unit_id for m in memberships(user) if m.role in roles}


def on_provincial_board(user, *, roles: Iterable[str] = BOARD_ROLES) -> bool:
    """The user holds one of ``roles`` on the provincial portal's board."""
    roles = frozenset(roles)
    return any(m.unit_kind == UnitKind.PROVINCE and m.role in roles for m in memberships(user))


def reaches_every_portal(user, *, roles: Iterable[str] = BOARD_ROLES) -> bool:
    """Superusers, and the provincial board proper (or ``roles`` on it)."""
    return is_superuser(user) or on_provincial_board(user, roles=roles)


def holds_role(user, *, unit_ids: Iterable[int], roles: Iterable[str] = BOARD_ROLES) -> bool:
    """One of ``roles`` on one of ``unit_ids``' boards, or on the provincial board
    (which oversees every portal). Superusers are not counted here: callers add them."""
    unit_ids, roles = set(unit_ids), frozenset(roles)
    return any(m.role in roles and (m.unit_id in unit_ids or m.unit_kind == UnitKind.PROVINCE)
               for m in memberships(user))


def on_board_of(user, unit_id: int | None, *, roles: Iterable[str] = ALL_ROLES) -> bool:
    """One of ``roles`` on exactly this unit's board (no provincial reach)."""
    return unit_id is not None and unit_id in unit_ids_with_role(user, roles=roles)


def district_ids_with_role(user, *, roles: Iterable[str] = BOARD_ROLES) -> set[int]:
    """Districts on whose board the user holds one of ``roles`` (they reach their communes)."""
    roles = frozenset(roles)
    return {m.unit_id for m in memberships(user) if m.role in roles and m.unit_kind == UnitKind.DISTRICT}


def board_emails(*, unit_id: int, roles: Iterable[str] = BOARD_ROLES) -> list[str]:
    """E-mail addresses of the active users holding one of ``roles`` on a unit's board."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(
        is_active=True, groups__board_group__unit_id=unit_id, groups__board_group__role__in=frozenset(roles)
    ).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))
