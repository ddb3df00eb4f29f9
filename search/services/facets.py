"""Facet counts by portal, unit kind, section, page type and year, and the portal labels
hits and facets show."""

from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.db.models.functions import ExtractYear, Substr
from wagtail.models import Page

from mandate.items import MANDATE_ITEMS
from tenants.local_cache import local_forget, local_get
from tenants.models import Unit
from search.services.filters import PORTAL_ARCHIVES_CACHE_KEY, PORTAL_HOMES_CACHE_KEY, page_type_label, portal_homes
from search.services.outcome import HOME_DEPTH, HOME_PATH_LENGTH, FacetCounts, PortalLabel

# Facets count at most this many best hits: enough for the filters a reader uses,
# bounded so a one-letter query costs the same as any other.
FACET_HIT_LIMIT = 1000


PORTAL_LABELS_CACHE_KEY = "search:portal-labels"
# Saving a unit or a site drops the cached labels in every process (search.apps,
# tenants.local_cache); the timeout is a safety net.
PORTAL_LABELS_SECONDS = 60


def portal_labels(home_paths) -> dict[str, PortalLabel]:
    """Portal home path -> what is shown of its unit, as plain values (a facet over every
    portal built ~130 page objects per search), from the cache: the join cost 5 ms a search."""
    if not home_paths:
        return {}
    labels = every_portal_label()
    return {path: labels[path] for path in home_paths if path in labels}


def every_portal_label() -> dict[str, PortalLabel]:
    """Portal home path -> label, for every portal (cached as ``portal_labels``)."""
    def build():
        homes = portal_homes()  # a portal's English pages are under its English home
        rows = Unit.objects.filter(site__root_page__isnull=False).values_list("slug", "name", "short_name", "kind")
        return {path: PortalLabel(slug, name, short_name, kind) for slug, name, short_name, kind in rows
                for path in homes.get(slug, ())}

    return local_get(PORTAL_LABELS_CACHE_KEY, build, seconds=PORTAL_LABELS_SECONDS)


def portal_labels_forget(**kwargs) -> None:
    """A unit or a site changed: its label, home path or archive date may have."""
    local_forget(PORTAL_LABELS_CACHE_KEY, PORTAL_ARCHIVES_CACHE_KEY, PORTAL_HOMES_CACHE_KEY)


def portal_home_published(sender, instance, **kwargs) -> None:
    """A home page published: maybe a portal's first translation (its English home)."""
    if instance.depth == HOME_DEPTH:
        portal_labels_forget()


def facet_counts(page_ids) -> FacetCounts:
    """Counts over ``page_ids`` (a list or a subquery of ids), grouped in the database."""
    rows = (
        Page.objects.filter(pk__in=page_ids)
        .order_by()
        .annotate(home=Substr("path", 1, HOME_PATH_LENGTH), year=ExtractYear("first_published_at"))
        .values_list("home", "content_type", "year")
        .annotate(n=Count("pk"))
    )
    counts = FacetCounts()
    for home, content_type, year, n in rows:
        if len(home or "") == HOME_PATH_LENGTH:
            counts.homes[home] += n
        counts.types[content_type] += n
        if year:
            counts.years[year] += n
    return counts


def facets_from_counts(counts: FacetCounts | None, *, portals: dict[str, PortalLabel] | None = None
                       ) -> dict[str, list[dict]]:
    """The facets shown to readers from raw counts (portal home path, content type, year).

    ``portals``: the labels of the portals counted, if the caller has them already."""
    from tenants.models import UnitKind

    counts = counts or FacetCounts()
    homes = portals if portals is not None else portal_labels(counts.homes)
    portal, kind, section, page_type = Counter(), Counter(), Counter(), Counter()
    for home, n in counts.homes.items():
        unit = homes.get(home)
        if unit:
            portal[unit] += n
            kind[unit.kind] += n
    for content_type, n in counts.types.items():
        try:
            model = ContentType.objects.get_for_id(content_type).model_class()
        except ContentType.DoesNotExist:
            model = None
        if model is not None:
            page_type[model] += n
            if getattr(model, "mandate_item", ""):
                section[model.mandate_item] += n
    return {
        "portal": [{"value": u.slug, "label": u.short_name, "count": n} for u, n in portal.most_common()],
        "kind": [{"value": k, "label": str(UnitKind(k).label), "count": n} for k, n in kind.most_common()],
        "section": [{"value": s, "label": str(MANDATE_ITEMS[s].label) if s in MANDATE_ITEMS else s, "count": n}
                    for s, n in section.most_common()],
        "type": [{"value": page_type_label(m), "label": str(m._meta.verbose_name), "count": n}
                 for m, n in page_type.most_common()],
        "year": [{"value": str(y), "label": str(y), "count": n} for y, n in sorted(counts.years.items(), reverse=True)],
    }
