"""Who sees which portal's compliance: the same rule as the coverage audit (Điều 11.3.e,
Điều 15.5) — superusers and the provincial board every portal, a district board its own
and its communes', any other board its own portal."""

from cms.coverage import coverage_units_for_user
from tenants.membership import ALL_ROLES, BOARD_ROLES, on_board_of, reaches_every_portal

# Điều 9.4 and 10.4: the editorial board proper decides; contributors and translators
# only propose. The rule and the role set are tenants.membership's.
__all__ = ["BOARD_ROLES", "compliance_units_for_user", "user_on_board_of", "user_on_provincial_board",
           "user_sees_every_portal"]


def compliance_units_for_user(user) -> dict:
    """Unit id → unit the user may see late items and reports of."""
    return {unit.pk: unit for unit in coverage_units_for_user(user)}


def user_sees_every_portal(user) -> bool:
    """Superusers and the provincial board proper (the worst-first overview); the
    provincial contributors and translators only propose pages (issue #16 item 3)."""
    return reaches_every_portal(user, roles=BOARD_ROLES)


def user_on_provincial_board(user) -> bool:
    """Superusers and the provincial board's head, deputy and members: they mark articles
    for republication, accept or decline submitted ones, and restore archived pages."""
    return reaches_every_portal(user, roles=BOARD_ROLES)


def user_on_board_of(user, unit, *, roles=None) -> bool:
    """The user holds one of ``roles`` (default: any role) on ``unit``'s board."""
    return unit is not None and on_board_of(user, unit.pk, roles=ALL_ROLES if roles is None else roles)
