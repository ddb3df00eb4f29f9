"""Coverage audit (Điều 11.3.e): which mandated items each portal actually carries.

The provincial board guides, monitors and evaluates the updates of Điều 8 on every
component portal. ``mandate_coverage`` answers the first question of that work: per
portal and per item that applies to it (``mandate.items.mandate_items_for``), how many
live content pages serve the item and when one was last published. An item with no
live page is missing.

It reads everything in a handful of aggregate queries, whatever the number of
portals: one grouped count over the page tree (pages of a portal share their home
page's path prefix, so no per-portal or per-type query is needed), one for the
portals' home pages, one for locales and one for the contact-details setting.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max
from django.db.models.functions import Substr
from django.utils import timezone
from wagtail.models import Locale, Page, get_page_models

from cms.disclosures import disclosures_overdue
from cms.models.base import SectionIndexPage
from cms.models.contacts import PortalContactSettings
from cms.models.portal import PortalHomePage
from mandate.items import MandateItem, mandate_items_for
from mandate.units import KIND_ORDER  # report order: the province first, then departments, districts, communes
from tenants.membership import ALL_ROLES, BOARD_ROLES, district_ids_with_role, reaches_every_portal, unit_ids_with_role
from tenants.models import Unit

# Điều 8.2.d: the foreign-language mirror of the provincial portal is in English.
FOREIGN_LANGUAGE_ITEM = "8.2.d"
FOREIGN_LANGUAGE_CODE = "en"
# Điều 8.1.m carries the list of information disclosed (issue #22 item 2).
DISCLOSURE_ITEM = "8.1.m"
# Điều 8.1.l is a site setting (cms.models.contacts.PortalContactSettings), not a page.
CONTACT_DETAILS_ITEM = PortalContactSettings.mandate_item
# Portal home pages sit at depth 3 (tree root, provincial root, home): the first three
# path steps of any page name its portal.
HOME_PATH_LENGTH = Page.steplen * 3


@dataclass(frozen=True)
class ItemCoverage:
    """One mandated item on one portal."""

    unit: Unit
    item: MandateItem
    live_pages: int
    last_updated: datetime.date | None
    # 8.1.m only: required items of the list of information disclosed that give no link
    # (cms.disclosures, issue #22 item 2). A flag beside the count, never part of it.
    disclosures_overdue: int = 0

    @property
    def is_missing(self) -> bool:
        return self.live_pages == 0

    def as_dict(self) -> dict:
        return {
            "portal": self.unit.slug,
            "item": self.item.key,
            "live_pages": self.live_pages,
            "last_updated": self.last_updated.isoformat() if self.last_updated else None,
        }


def content_page_models() -> dict[str, list[type[Page]]]:
    """Page types holding a mandated item's content, by item key.

    Section indexes carry their item too (to route editors) but hold no content of
    their own, so they are left out; single-page items (introduction, contacts,
    access to information, online services) are their own content.
    """
    by_item: dict[str, list[type[Page]]] = defaultdict(list)
    for model in get_page_models():
        item = getattr(model, "mandate_item", "")
        if not item or issubclass(model, SectionIndexPage) or model.__name__.endswith("IndexPage"):
            continue
        by_item[item].append(model)
    return dict(by_item)


def portal_units() -> list[Unit]:
    """Every unit with a portal, in report order."""
    units = Unit.objects.filter(site__isnull=False)
    return sorted(units, key=lambda u: (KIND_ORDER.get(u.kind, 9), u.name))


def mandate_coverage(*, units: Iterable[Unit] | None = None) -> list[ItemCoverage]:
    """Per portal of ``units`` (default: all) and per applicable item, its live pages.

    Only live content pages of the portal's own language count towards 8.1 and 8.2
    a–c and đ; live English pages of the portal count towards 8.2.d.
    """
    units = portal_units() if units is None else list(units)
    if not units:
        return []
    unit_ids = {unit.pk for unit in units}

    # Home pages of every locale: a translated home keeps its unit.
    home_units = dict(
        PortalHomePage.objects.filter(unit_id__in=unit_ids).values_list("path", "unit_id")
    )
    item_of_type: dict[int, str] = {}
    for item, models in content_page_models().items():
        for content_type in ContentType.objects.get_for_models(*models, for_concrete_models=False).values():
            item_of_type[content_type.pk] = item
    foreign_locales = set(
        Locale.objects.filter(language_code=FOREIGN_LANGUAGE_CODE).values_list("pk", flat=True)
    )

    counts: dict[tuple[int, str], int] = defaultdict(int)
    latest: dict[tuple[int, str], datetime.datetime] = {}

    def add(key, number, when):
        counts[key] += number
        if when is not None and (key not in latest or when > latest[key]):
            latest[key] = when

    if home_units and item_of_type:
        rows = (
            Page.objects.filter(live=True, depth__gt=3, content_type_id__in=list(item_of_type))
            .annotate(home_path=Substr("path", 1, HOME_PATH_LENGTH))
            .filter(home_path__in=list(home_units))
            .values("home_path", "content_type_id", "locale_id")
            .annotate(number=Count("pk"), last=Max("last_published_at"))
            .order_by()
        )
        for row in rows:
            unit_id = home_units[row["home_path"]]
            item = FOREIGN_LANGUAGE_ITEM if row["locale_id"] in foreign_locales else item_of_type[row["content_type_id"]]
            add((unit_id, item), row["number"], row["last"])

    site_units = {unit.site_id: unit.pk for unit in units if unit.site_id}
    for setting in PortalContactSettings.objects.filter(site_id__in=list(site_units)):
        if setting.is_filled:
            add((site_units[setting.site_id], CONTACT_DETAILS_ITEM), 1, setting.updated_at)

    overdue = {unit_id: len(items) for unit_id, items in disclosures_overdue(unit_ids=[u.pk for u in units]).items()}
    return [
        ItemCoverage(
            unit=unit,
            item=item,
            live_pages=counts.get((unit.pk, item.key), 0),
            last_updated=_local_date(latest.get((unit.pk, item.key))),
            disclosures_overdue=overdue.get(unit.pk, 0) if item.key == DISCLOSURE_ITEM else 0,
        )
        for unit in units
        for item in mandate_items_for(unit.kind)
    ]


def _local_date(moment: datetime.datetime | None) -> datetime.date | None:
    if moment is None:
        return None
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def coverage_units_for_user(user) -> list[Unit]:
    """Portals whose coverage ``user`` may audit (Điều 11.3.e).

    Superusers and the provincial board proper see every portal; a district's board
    proper sees its own and its communes' (communes report to their district, Điều 15);
    any other board member, and contributors and translators anywhere, their own portal
    only (tenants.membership: they propose pages, they do not oversee; issue #16 item 3).
    """
    if not getattr(user, "is_authenticated", False):
        return []
    if reaches_every_portal(user, roles=BOARD_ROLES):
        return portal_units()
    ids = unit_ids_with_role(user, roles=ALL_ROLES)
    district_ids = district_ids_with_role(user, roles=BOARD_ROLES)
    if district_ids:
        ids |= set(Unit.objects.filter(parent_id__in=district_ids, site__isnull=False).values_list("pk", flat=True))
    return [unit for unit in portal_units() if unit.pk in ids]


def coverage_by_portal(coverage: list[ItemCoverage]) -> list[tuple[Unit, list[ItemCoverage]]]:
    """``mandate_coverage`` rows grouped per portal, keeping their order."""
    grouped: dict[int, tuple[Unit, list[ItemCoverage]]] = {}
    for row in coverage:
        grouped.setdefault(row.unit.pk, (row.unit, []))[1].append(row)
    return list(grouped.values())
