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
