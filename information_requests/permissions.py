"""Who handles an information request and sees its requester: the requested agency's
editorial board proper (head, deputy, members), the provincial board that oversees
every agency, and superusers – the board rule of ``tenants.membership``, as for Q&A.
The requester reaches the request with its code and secret (``selectors``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from tenants.membership import BOARD_ROLES, holds_role, is_superuser, on_provincial_board, unit_ids_with_role


class InformationRequestPermissionDenied(PermissionDenied):
    """The user may not handle this request."""


def user_can_handle(user, information_request) -> bool:
    return is_superuser(user) or holds_role(user, unit_ids={information_request.agency_id}, roles=BOARD_ROLES)


def user_sees_all_requests(user) -> bool:
    return is_superuser(user) or on_provincial_board(user, roles=BOARD_ROLES)


def user_handling_unit_ids(user) -> set[int]:
    return unit_ids_with_role(user, roles=BOARD_ROLES)


def user_uses_admin(user) -> bool:
    return user_sees_all_requests(user) or bool(user_handling_unit_ids(user))


def information_request_check(*, user, information_request) -> None:
    if not user_can_handle(user, information_request):
        raise InformationRequestPermissionDenied(f"{user} may not handle {information_request.tracking_code}")
