"""Promoted search results per portal (issue 18 item 5), on Wagtail's ``search_promotions``.

A promotion belongs to one portal (``SearchPromotionPortal``): that portal's board
manages it, and the portal's own search shows it above the hits. The provincial portal
stands for the search across all portals: its board's promotions show there, may point
at any portal's page, and that board (Điều 11: it oversees every portal) manages every
portal's promotions. Any other board manages only its own portal's, pointing only at
its own pages. The rules are plain functions, so the admin, the API and tests share them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from tenants.membership import BOARD_ROLES, is_superuser, reaches_every_portal, unit_ids_with_role
from tenants.models import Unit, UnitKind

PAGE_OUTSIDE_PORTAL = _("Choose a page of this portal: a portal's promotions point at its own pages.")
# How many promotions a search shows at most, above the hits.
PROMOTIONS_SHOWN = 5


@dataclass(frozen=True)
class Promotion:
    """A promoted result as the public search shows it."""

    id: int
    page_id: int
    title: str
    url: str
    description: str


def promotion_query_key(query: str) -> str:
    """The stored form of a query, as the editor spelled it: NFC, then Wagtail's
    normalisation (lower case, single spaces)."""
    import unicodedata

    from modelsearch.utils import normalise_query_string

    return normalise_query_string(" ".join(unicodedata.normalize("NFC", query or "").split()))


def promotion_match_key(query: str) -> str:
    """What a search and a promotion's query are compared on: the spelling rules of
    ``search.text.query_normalize`` (tone placement, i/y, "dd"), folded, so "Hoà giải",
    "hòa giải" and "hoa giai" all find the promotion of "hoà giải"."""
    from search.text import fold, query_normalize

    return " ".join(fold(query_normalize(query or "")).split())


def provincial_unit() -> Unit | None:
    return Unit.objects.filter(kind=UnitKind.PROVINCE).order_by("pk").first()


# --- who manages what -------------------------------------------------------------------


def promotion_units_for_user(user) -> QuerySet[Unit]:
    """The portals whose promotions ``user`` manages: every portal for superusers and the
    provincial board proper, else the portals on whose board proper the user sits."""
    units = Unit.objects.filter(site__isnull=False)
    if reaches_every_portal(user):
        return units
    return units.filter(pk__in=unit_ids_with_role(user, roles=BOARD_ROLES))


def user_manages_promotions(user) -> bool:
    return is_superuser(user) or promotion_units_for_user(user).exists()


def pages_for_user(user) -> QuerySet[Page]:
    """The pages ``user`` may promote: any page for whoever manages the provincial
    portal's promotions, else the pages of the user's portals."""
    units = promotion_units_for_user(user).select_related("site__root_page")
    if units.filter(kind=UnitKind.PROVINCE).exists():
        return Page.objects.all()
    query = Q(pk__in=[])
    for unit in units:
        query |= Q(path__startswith=unit.site.root_page.path)
    return Page.objects.filter(query)


def promotions_for_user(user) -> QuerySet[SearchPromotion]:
    """The promotions ``user`` may see, edit and delete (a promotion without a portal,
    made in Wagtail's own screen, only for superusers)."""
    from search.models import PortalSearchPromotion

    promotions = PortalSearchPromotion.objects.select_related("query", "page", "portal_scope__unit")
    if is_superuser(user):
        return promotions
    return promotions.filter(portal_scope__unit__in=promotion_units_for_user(user))


def page_in_portal(*, page: Page, unit: Unit) -> bool:
    """Whether a promotion of ``unit`` may point at ``page``: any page for the provincial
    portal (the search across all portals), else a page under the portal's home."""
    if unit.kind == UnitKind.PROVINCE:
        return True
    site = unit.site if unit.site_id else None
    home = site.root_page if site is not None else None
    return home is not None and page.path.startswith(home.path)


# --- writing ----------------------------------------------------------------------------


@transaction.atomic
def promotion_save(*, promotion: SearchPromotion, query: str, unit: Unit) -> SearchPromotion:
    """Store ``promotion`` for ``query`` on ``unit``'s search (the caller checked the rules)."""
    promotion.query = Query.get(promotion_query_key(query))
    if promotion.sort_order is None:
        last = SearchPromotion.objects.filter(query=promotion.query).order_by("-sort_order").first()
        promotion.sort_order = (last.sort_order or 0) + 1 if last else 0
    promotion.save()
    from search.models import SearchPromotionPortal

    SearchPromotionPortal.objects.update_or_create(promotion=promotion, defaults={"unit": unit})
    return promotion


# --- reading, for the public search -----------------------------------------------------


PROMOTION_KEYS_CACHE_KEY = "search:promotion-keys"
# Saving or deleting a promotion drops the keys in every process (``promotion_keys_forget``,
# wired in search.apps); the timeout is a safety net.
PROMOTION_KEYS_SECONDS = 600


def _promotion_keys() -> dict:
    """(portal id, match key) -> promotion ids, and "province" -> the provincial portal's
    id, from the cache (kept in the process too, tenants.local_cache): a search whose
    query nobody promoted costs no database query."""
    from tenants.local_cache import local_get

    def build():
        province = provincial_unit()
        keys = {"province": province.pk if province else None}
        rows = SearchPromotion.objects.filter(portal_scope__isnull=False).values_list(
            "portal_scope__unit_id", "query__query_string", "pk")
        for unit_id, query_string, pk in rows:
            keys.setdefault((unit_id, promotion_match_key(query_string)), []).append(pk)
        return keys

    return local_get(PROMOTION_KEYS_CACHE_KEY, build, seconds=PROMOTION_KEYS_SECONDS)


def promotion_keys_forget(**kwargs) -> None:
    from tenants.local_cache import local_forget

    local_forget(PROMOTION_KEYS_CACHE_KEY)


def promotions_for_search(*, query: str, portal: Unit | None) -> list[Promotion]:
    """The promotions of ``query`` on ``portal``'s search (None: the search across all
    portals, which shows the provincial board's): live, public pages only, in the board's
    order. The query matches with or without diacritics ("ly lich tu phap")."""
    from search.services import PageUrls, private_q

    key = promotion_match_key(query)
    if not key:
        return []
    keys = _promotion_keys()
    ids = keys.get((portal.pk if portal is not None else keys["province"], key))
    if not ids:
        return []
    promotions = SearchPromotion.objects.filter(pk__in=ids, page__live=True)
    rows = list(promotions.exclude(page__in=Page.objects.filter(private_q()).values("pk"))
                .order_by("sort_order", "pk")
                .values_list("pk", "page_id", "page__title", "page__url_path", "description")[:PROMOTIONS_SHOWN])
    if not rows:
        return []
    page_url = PageUrls()
    return [Promotion(id=pk, page_id=page_id, title=title, url=page_url(url_path), description=description)
            for pk, page_id, title, url_path, description in rows]
