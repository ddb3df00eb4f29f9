"""Who may handle a petition and who may see its sender (Điều 13, Điều 5).

The editorial board proper (head, deputy, members) of the agency holding a petition
handles it; the provincial board tracks every agency's Q&A and may act on any of
them; answers come from the leadership, so only a head or deputy publishes. The
sender's details are personal data: only the boards of the agencies the petition
passed through, the provincial board and superusers see them. Contributors and
translators help with pages, not with petitions.

Every service and admin view asks these functions, so the API, the admin and a
management command enforce the same rule.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from tenants.membership import (
    BOARD_ROLES,
    PUBLISHING_ROLES,
    holds_role,
    is_superuser,
    on_provincial_board,
    unit_ids_with_role,
)

# The board-membership rule is tenants.membership's; these names say what each role set
# does here.
HANDLING_ROLES = BOARD_ROLES
__all__ = ["HANDLING_ROLES", "PUBLISHING_ROLES"]


class PetitionPermissionDenied(PermissionDenied):
    """The user may not do this to this petition."""


def _holds(user, roles, unit_ids) -> bool:
    return holds_role(user, unit_ids=unit_ids, roles=roles)


def _is_superuser(user) -> bool:
    return is_superuser(user)


def user_can_handle(user, petition) -> bool:
    """Classify, forward, answer or refuse: the holding agency's board or the province's."""
    return _is_superuser(user) or _holds(user, HANDLING_ROLES, {petition.agency_id})


def user_can_publish(user, petition) -> bool:
    return _is_superuser(user) or _holds(user, PUBLISHING_ROLES, {petition.agency_id})


def user_can_view_sender(user, petition) -> bool:
    """Personal data: boards of every agency the petition passed through, and the province."""
    if _is_superuser(user):
        return True
    concerned = {petition.agency_id}
    concerned |= {
        unit_id for pair in petition.forwardings.values_list("from_agency_id", "to_agency_id") for unit_id in pair
    }
    return _holds(user, HANDLING_ROLES, concerned)


def user_sees_all_petitions(user) -> bool:
    return _is_superuser(user) or on_provincial_board(user, roles=HANDLING_ROLES)


def user_handling_unit_ids(user) -> set[int]:
    """Units on whose board the user handles petitions (empty for everyone else)."""
    return unit_ids_with_role(user, roles=HANDLING_ROLES)


# What the document-management system's service account may do (qa.dms): record the
# answer its users gave, which needs a classification first; publishing stays with
# the board's head or deputy.
DMS_ACTIONS = frozenset({"classify", "answer"})


def user_answers_from_dms(user) -> bool:
    return bool(getattr(user, "is_active", False) and user.has_perm("qa.answer_from_dms"))


def petition_check(*, user, petition, action: str) -> None:
    """Raise :class:`PetitionPermissionDenied` unless ``user`` may do ``action``."""
    allowed = user_can_publish(user, petition) if action == "publish" else user_can_handle(user, petition)
    allowed = allowed or (action in DMS_ACTIONS and user_answers_from_dms(user))
    if not allowed:
        raise PetitionPermissionDenied(f"{user} may not {action} petition {petition.tracking_code}")
