"""Who edits which portal's open data: the board proper of the dataset's portal (head,
deputy, members), the provincial board and superusers everywhere (tenants.membership)."""

from __future__ import annotations

from wagtail.permission_policies.base import BasePermissionPolicy

from tenants.membership import BOARD_ROLES, reaches_every_portal, unit_ids_with_role
from tenants.models import Unit


def open_data_unit_ids(user) -> set[int] | None:
    """The units whose open data ``user`` edits; ``None`` for every unit."""
    if reaches_every_portal(user, roles=BOARD_ROLES):
        return None
    return unit_ids_with_role(user, roles=BOARD_ROLES)


def open_data_units(user):
    ids = open_data_unit_ids(user)
    units = Unit.objects.filter(site__isnull=False)
    return units if ids is None else units.filter(pk__in=ids)


class UnitBoardPermissionPolicy(BasePermissionPolicy):
    """Every action on an object is allowed to the boards of the object's ``unit``."""

    def user_has_permission(self, user, action):
        ids = open_data_unit_ids(user)
        return ids is None or bool(ids)

    def user_has_permission_for_instance(self, user, action, instance):
        ids = open_data_unit_ids(user)
        return ids is None or instance.unit_id in ids

    def instances_user_has_permission_for(self, user, action):
        ids = open_data_unit_ids(user)
        objects = self.model._default_manager.all()
        return objects if ids is None else objects.filter(unit_id__in=ids)

    def users_with_permission(self, action):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.none()
