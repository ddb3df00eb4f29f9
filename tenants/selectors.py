"""Read-side queries about units and their portals."""

from django.conf import settings
from django.http.request import split_domain_port
from wagtail.models import Site

from tenants.models import Unit, UnitParentChange


def unit_children_with_portals(*, unit: Unit) -> list[Unit]:
    """The unit's direct children that have a portal, grouped by kind then name."""
    return list(
        unit.children.filter(site__isnull=False)
        .select_related("site")
        .order_by("kind", "name")
    )


def unit_for_site(*, site: Site | None) -> Unit | None:
    if site is None:
        return None
    return Unit.objects.filter(site=site).first()


def portal_alias_hostname(*, unit: Unit) -> str | None:
    """The development alias ``<slug>.<PORTAL_ALIAS_DOMAIN>``, or None in production."""
    domain = settings.PORTAL_ALIAS_DOMAIN
    return f"{unit.slug}.{domain}" if domain else None


def portal_url(*, unit: Unit, request=None) -> str:
    """Absolute URL of a unit's portal as the current visitor can reach it.

    In development the real hostnames do not resolve, so links between portals use the
    ``*.localhost`` alias with the port the visitor is using.
    """
    alias = portal_alias_hostname(unit=unit)
    if alias and request is not None:
        # The port the visitor typed, as sent in the Host header.
        port = split_domain_port(request._get_raw_host())[1]
        suffix = f":{port}" if port else ""
        return f"{request.scheme}://{alias}{suffix}/"
    return f"https://{unit.hostname}/"


class HierarchyHistory:
    """The parent of every unit on any day: today's ``Unit.parent`` and the recorded
    ``UnitParentChange`` rows (one query for the changes)."""

    def __init__(self, units):
        self.current = {unit.pk: unit.parent_id for unit in units}
        self.changes: dict[int, list] = {}
        for unit_id, day, old, new in UnitParentChange.objects.order_by("effective_date", "pk").values_list(
                "unit_id", "effective_date", "old_parent_id", "new_parent_id"):
            self.changes.setdefault(unit_id, []).append((day, old, new))

    def parent_on(self, unit_id: int, day) -> int | None:
        # The first change after ``day`` says what the parent was until then.
        for effective, old, _new in self.changes.get(unit_id, ()):
            if day < effective:
                return old
        return self.current.get(unit_id)

    def parents_on(self, day) -> dict[int, int | None]:
        return {unit_id: self.parent_on(unit_id, day) for unit_id in self.current}

    def change_days(self, start, end) -> list:
        """The days in (start, end] on which some unit's parent changed, in order."""
        return sorted({day for rows in self.changes.values() for day, _old, _new in rows if start < day <= end})
