"""Factories for test data. Units are built through the provisioning service, as
editors' data is, so tests exercise the same path as the command."""

import factory
from django.contrib.auth import get_user_model

from tenants.models import BoardRole, UnitKind
from tenants.provisioning import UnitRow, portals_provision


class UnitRowFactory(factory.Factory):
    class Meta:
        model = UnitRow

    line = factory.Sequence(lambda n: n + 2)
    slug = factory.Sequence(lambda n: f"unit{n}")
    kind = UnitKind.COMMUNE
    name = factory.LazyAttribute(lambda o: f"Xã Thử Nghiệm {o.slug}")
    short_name = factory.LazyAttribute(lambda o: o.name.removeprefix("Xã "))
    hostname = factory.LazyAttribute(lambda o: f"{o.slug}.bacninh.gov.vn")
    parent = None


def province_rows(*, communes_under_district=("xa-a", "xa-b"), communes_under_province=()):
    """A small province: one department, one district with communes, optional
    communes directly under the province (the post-2025 structure)."""
    rows = [
        UnitRowFactory(slug="bacninh", kind=UnitKind.PROVINCE, name="Ủy ban nhân dân tỉnh Bắc Ninh",
                       short_name="Bắc Ninh", hostname="bacninh.gov.vn"),
        UnitRowFactory(slug="sotuphap", kind=UnitKind.DEPARTMENT, name="Sở Tư pháp tỉnh Bắc Ninh",
                       short_name="Sở Tư pháp", parent="bacninh"),
        UnitRowFactory(slug="tiendu", kind=UnitKind.DISTRICT, name="Huyện Tiên Du", short_name="Tiên Du",
                       parent="bacninh"),
    ]
    rows += [UnitRowFactory(slug=slug, parent="tiendu") for slug in communes_under_district]
    rows += [UnitRowFactory(slug=slug, parent="bacninh") for slug in communes_under_province]
    return rows


def provision(rows, *, with_sections=False):
    """Provision ``rows``; the section skeleton only when a test needs it (it is slow)."""
    return portals_provision(rows, with_sections=with_sections)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@bacninh.gov.vn")
    password = factory.django.Password("pw")


def board_member(unit, role=BoardRole.MEMBER, **kwargs):
    """A user in ``unit``'s board group for ``role``."""
    user = UserFactory(**kwargs)
    user.groups.add(unit.board_groups.get(role=role).group)
    return user
