"""Demo accounts: one superuser and one editor per board role on two portals."""

import os

from django.contrib.auth import get_user_model

from tenants.models import BoardRole, Unit

DEMO_PASSWORD_ENV = "DEMO_PASSWORD"
DEMO_PASSWORD_DEFAULT = "bacninh-demo-2021"
# A department and a commune, so a newcomer can see tenant isolation for themselves.
DEMO_BOARD_UNITS = ("sotuphap", "tiendu-lienbao")


def demo_accounts_ensure() -> tuple[list[str], str]:
    """Create the demo accounts if missing; never changes an existing password."""
    password = os.environ.get(DEMO_PASSWORD_ENV, DEMO_PASSWORD_DEFAULT)
    User = get_user_model()
    names = []
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"is_superuser": True, "is_staff": True, "email": "admin@bacninh.gov.vn"}
    )
    if created:
        admin.set_password(password)
        admin.save()
    names.append("admin")
    for unit in Unit.objects.filter(slug__in=DEMO_BOARD_UNITS).prefetch_related("board_groups__group"):
        for board_group in unit.board_groups.all():
            username = f"{unit.slug}.{board_group.role}"
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"email": f"{username}@bacninh.gov.vn", "first_name": str(BoardRole(board_group.role).label)},
            )
            if created:
                user.set_password(password)
                user.save()
            user.groups.add(board_group.group)
            names.append(username)
    return names, password
