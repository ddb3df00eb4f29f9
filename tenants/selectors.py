"""Read-side queries about units and their portals."""

from django.conf import settings
from django.http.request import split_domain_port
from wagtail.models import Site

from tenants.models import Unit


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
