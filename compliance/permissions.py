"""Who sees which portal's compliance: the same rule as the coverage audit (Điều 11.3.e,
Điều 15.5) — superusers and the provincial board every portal, a district board its own
and its communes', any other board its own portal."""

from cms.coverage import coverage_units_for_user
from tenants.models import UnitKind


def compliance_units_for_user(user) -> dict:
    """Unit id → unit the user may see late items and reports of."""
    return {unit.pk: unit for unit in coverage_units_for_user(user)}


def user_sees_every_portal(user) -> bool:
    """Superusers and members of the provincial board (the worst-first overview)."""
    from tenants.models import BoardGroup

    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or BoardGroup.objects.filter(group__user=user, unit__kind=UnitKind.PROVINCE).exists()


# Điều 9.4 and 10.4: the editorial board proper (Ban Biên tập: head, deputy, members)
# decides; contributors and translators only propose.
BOARD_ROLES = ("head", "deputy", "member")


def user_on_provincial_board(user) -> bool:
    """Superusers and the provincial board's head, deputy and members: they mark articles
    for republication, accept or decline submitted ones, and restore archived pages."""
    from tenants.models import BoardGroup

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or BoardGroup.objects.filter(
        group__user=user, unit__kind=UnitKind.PROVINCE, role__in=BOARD_ROLES
    ).exists()


def user_on_board_of(user, unit, *, roles=None) -> bool:
    """The user holds one of ``roles`` (default: any role) on ``unit``'s board."""
    from tenants.models import BoardGroup

    if unit is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    groups = BoardGroup.objects.filter(group__user=user, unit=unit)
    if roles is not None:
        groups = groups.filter(role__in=roles)
    return groups.exists()
