"""Who sees which portal's translation tasks.

The translators and the board proper (head, deputy, members) of a portal see its
tasks; the provincial board sees every portal's (it guides and monitors the
component portals, Điều 11); superusers see all. Editing the English pages themselves
is Wagtail's page permissions, granted per portal by ``tenants.boards``.
"""

from __future__ import annotations

from tenants.membership import BOARD_ROLES, reaches_every_portal, unit_ids_with_role
from tenants.models import BoardRole

# tenants.membership holds the rule: the board proper and the translators use their
# portal's dashboard; the provincial board proper oversees every portal's.
DASHBOARD_ROLES = BOARD_ROLES | {BoardRole.TRANSLATOR}
PROVINCIAL_OVERSIGHT_ROLES = BOARD_ROLES


def user_sees_all_translation_tasks(user) -> bool:
    return reaches_every_portal(user, roles=PROVINCIAL_OVERSIGHT_ROLES)


def user_translation_unit_ids(user) -> set[int]:
    """Units whose translation tasks the user sees (ignoring provincial oversight)."""
    return unit_ids_with_role(user, roles=DASHBOARD_ROLES)


def user_uses_translation_dashboard(user) -> bool:
    return user_sees_all_translation_tasks(user) or bool(user_translation_unit_ids(user))
