"""Search across every portal (Điều 9, issue #4).

``pages_search`` is the one entry point of the public API and the search page. Every
filter maps onto a real column of ``wagtailcore_page`` that both the engine and the
database backend can filter on:

- portal -> ``path`` prefix of that unit's home page;
- unit kind -> any of the path prefixes of the homes of that kind;
- section (mandated item, e.g. ``8.1.e``) -> the page types serving it (``content_type``);
- page type -> ``content_type``; locale -> ``locale``;
- dates -> ``first_published_at`` (``information_date`` lives on each page type's own
  table, which a search across all types cannot filter on; the legal-document search
  filters its ``issue_date``).

Facet counts are computed with aggregate queries over the matching page ids, so they
are the same on every backend. When the engine does not answer, the search runs on the
database backend and the result says so (``fallback``).
"""

import datetime
import logging
import math
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.functions import ExtractYear, Substr
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from cms.mandate import MANDATE_ITEMS
from cms.models.base import PortalPage
from cms.models.legal_documents import LegalDocumentPage, document_number_key
from search.backends.vietnamese import SearchUnavailable
from search.models import PendingIndexUpdate
from search.snippets import snippet_html
from tenants.models import Unit

logger = logging.getLogger(__name__)

PAGE_SIZE = 20
# Facets count at most this many best hits: enough for the filters a reader uses,
# bounded so a one-letter query costs the same as any other.
FACET_HIT_LIMIT = 1000
HOME_DEPTH = 3  # root (1) > provincial root (2) > portal home (3)
HOME_PATH_LENGTH = Page.steplen * HOME_DEPTH
FALLBACK_BACKEND = "database"


@dataclass(frozen=True)
class Hit:
    page: Page
    title: str
    url: str
    portal: Unit | None
    section: str
    date: datetime.date | None
    snippet: str  # HTML: escaped text with <mark> around matched words


@dataclass
class SearchOutcome:
    hits: list[Hit]
    total: int
    page: int
    num_pages: int
    facets: dict[str, list[dict]] = field(default_factory=dict)
    fallback: bool = False  # True: the engine was down and the database answered


# --- what each filter maps to -----------------------------------------------------------


def portal_page_models() -> list[type[PortalPage]]:
    return [m for m in apps.get_models() if issubclass(m, PortalPage)]


def section_models(section: str) -> list[type[PortalPage]]:
    """The page types serving mandated item ``section`` (cms.mandate key)."""
    return [m for m in portal_page_models() if m.mandate_item == section]


def page_type_label(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def home_paths(units) -> list[str]:
    return [u.site.root_page.path for u in units if u.site_id and u.site.root_page_id]


def portal_filter(*, unit: Unit) -> Q:
    return Q(path__startswith=home_paths([unit])[0]) if home_paths([unit]) else Q(pk__in=[])


def kind_filter(*, kind: str) -> Q:
    query = Q(pk__in=[])
    for path in home_paths(Unit.objects.filter(kind=kind).select_related("site__root_page")):
        query |= Q(path__startswith=path)
    return query


def content_types_filter(models) -> Q:
    return Q(content_type__in=[ContentType.objects.get_for_model(m).pk for m in models])


def pages_queryset(*, portal: Unit | None = None, kind: str = "", section: str = "", page_type: str = "",
                   locale=None, date_from=None, date_to=None):
    """Live, public pages of every portal narrowed by the given filters (real columns only)."""
    queryset = Page.objects.live().public().filter(depth__gt=HOME_DEPTH)
    if portal is not None:
        queryset = queryset.filter(portal_filter(unit=portal))
    if kind:
        queryset = queryset.filter(kind_filter(kind=kind))
    if section:
        queryset = queryset.filter(content_types_filter(section_models(section)))
    if page_type:
        queryset = queryset.filter(content_types_filter([apps.get_model(page_type)]))
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    # Whole local days as datetimes: the engines cannot filter on a __date transform.
    if date_from:
        queryset = queryset.filter(first_published_at__gte=day_start(date_from))
    if date_to:
        queryset = queryset.filter(first_published_at__lt=day_start(date_to + datetime.timedelta(days=1)))
    return queryset


def day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# --- running a query, with the fallback ---------------------------------------------


def fallback_available() -> bool:
    return FALLBACK_BACKEND in settings.WAGTAILSEARCH_BACKENDS


def _run(run, queryset, *, page: int, page_size: int, facets: bool = True):
    """``run(backend, queryset)`` -> results; evaluate one page, falling back when the engine is down."""
    try:
        return _page_of(run, get_search_backend(), queryset, page=page, page_size=page_size, facets=facets), False
    except SearchUnavailable:
        if not fallback_available():
            raise
        logger.warning("search engine unavailable; answering from the database backend")
        backend = get_search_backend(FALLBACK_BACKEND)
        return _page_of(run, backend, queryset, page=page, page_size=page_size, facets=facets), True


def _page_of(run, backend, queryset, *, page: int, page_size: int, facets: bool):
    start = (page - 1) * page_size
    results = run(backend, queryset)
    hits = list(results[start:start + page_size])
    # Facet ids from a second, id-only search: loading 1000 whole pages would cost more
    # than the search itself.
    ids = [p.pk for p in run(backend, queryset.only("id"))[:FACET_HIT_LIMIT]] if facets else []
    return hits, results.count(), ids


def pages_search(*, query: str, portal: Unit | None = None, kind: str = "", section: str = "",
                 page_type: str = "", locale=None, date_from=None, date_to=None, page: int = 1,
                 page_size: int = PAGE_SIZE) -> SearchOutcome:
    """Search every portal's live, public pages for ``query``."""
    queryset = pages_queryset(portal=portal, kind=kind, section=section, page_type=page_type, locale=locale,
                              date_from=date_from, date_to=date_to)
    number_matches = list(_document_number_matches(query, queryset))

    def run(backend, queryset):
        return backend.search(query, queryset, operator="and")

    (hits, total, ids), fallback = _run(run, queryset, page=page, page_size=page_size)
    if number_matches:
        # A document number finds that document first, on every backend (the engine
        # also boosts it; the database backend has no other way to know).
        hits = [h for h in hits if h.pk not in {p.pk for p in number_matches}]
        if page == 1:
            hits = number_matches + hits
        total += len([p for p in number_matches if p.pk not in ids])
        ids = [p.pk for p in number_matches] + [i for i in ids if i not in {p.pk for p in number_matches}]
    return SearchOutcome(
        hits=[hit_for(p, query=query) for p in _specific(hits)],
        total=total,
        page=page,
        num_pages=max(1, math.ceil(total / page_size)),
        facets=facets_for(ids),
        fallback=fallback,
    )


def _document_number_matches(query: str, queryset):
    key = document_number_key(query or "")
    if "/" not in key:
        return Page.objects.none()
    ids = LegalDocumentPage.objects.filter(document_number_key=key).values("pk")
    return queryset.filter(pk__in=ids)


def pages_autocomplete(*, query: str, limit: int = 10) -> tuple[list[Page], bool]:
    queryset = Page.objects.live().public().filter(depth__gt=HOME_DEPTH)

    def run(backend, queryset):
        return backend.autocomplete(query, queryset)

    (hits, _total, _ids), fallback = _run(run, queryset, page=1, page_size=limit, facets=False)
    return hits, fallback


def _specific(pages):
    return [p.specific for p in pages]


# --- presenting a hit ----------------------------------------------------------------


def hit_for(page, *, query: str) -> Hit:
    from search.text import page_text

    unit = getattr(page, "unit", None)
    model = type(page)
    section = getattr(model, "mandate_item", "") or ""
    date = getattr(page, "information_date", None) or (page.first_published_at.date() if page.first_published_at else None)
    return Hit(page=page, title=page.title, url=page.get_full_url() or page.url or "", portal=unit,
               section=section, date=date, snippet=snippet_html(page_text(page), query))


# --- facets --------------------------------------------------------------------------


def facets_for(page_ids: list[int]) -> dict[str, list[dict]]:
    """Counts by portal, unit kind, section, page type and year over ``page_ids``."""
    rows = list(
        Page.objects.filter(pk__in=page_ids)
        .annotate(home=Substr("path", 1, HOME_PATH_LENGTH), year=ExtractYear("first_published_at"))
        .values_list("home", "content_type", "year")
    )
    homes = {
        u.site.root_page.path: u
        for u in Unit.objects.filter(site__root_page__path__in={r[0] for r in rows}).select_related("site__root_page")
    }
    types = {ct.pk: ct.model_class() for ct in ContentType.objects.filter(pk__in={r[1] for r in rows})}
    portal, kind, section, page_type, year = Counter(), Counter(), Counter(), Counter(), Counter()
    for home, content_type, published_year in rows:
        unit = homes.get(home)
        model = types.get(content_type)
        if unit:
            portal[unit] += 1
            kind[unit.kind] += 1
        if model is not None:
            page_type[model] += 1
            if getattr(model, "mandate_item", ""):
                section[model.mandate_item] += 1
        if published_year:
            year[published_year] += 1
    from tenants.models import UnitKind

    return {
        "portal": [{"value": u.slug, "label": u.short_name, "count": n} for u, n in portal.most_common()],
        "kind": [{"value": k, "label": str(UnitKind(k).label), "count": n} for k, n in kind.most_common()],
        "section": [{"value": s, "label": str(MANDATE_ITEMS[s].label) if s in MANDATE_ITEMS else s, "count": n}
                    for s, n in section.most_common()],
        "type": [{"value": page_type_label(m), "label": str(m._meta.verbose_name), "count": n}
                 for m, n in page_type.most_common()],
        "year": [{"value": str(y), "label": str(y), "count": n} for y, n in sorted(year.items(), reverse=True)],
    }


# --- legal documents (Điều 8.1.e: the document search tool) -------------------------


def legal_documents_search(*, query: str = "", number: str = "", document_type: str = "", authority: str = "",
                           date_from=None, date_to=None, portal: Unit | None = None, page: int = 1,
                           page_size: int = PAGE_SIZE) -> SearchOutcome:
    """Legal documents by number, type, issuing authority, issue date and abstract words."""
    queryset = LegalDocumentPage.objects.live().public()
    if portal is not None:
        queryset = queryset.filter(unit=portal)
    if number:
        queryset = queryset.filter(document_number_key=document_number_key(number))
    if document_type:
        queryset = queryset.filter(document_type=document_type)
    if authority:
        queryset = queryset.filter(issuing_authority=authority)
    if date_from:
        queryset = queryset.filter(issue_date__gte=date_from)
    if date_to:
        queryset = queryset.filter(issue_date__lte=date_to)
    if not query:
        ordered = queryset.order_by("-issue_date", "-pk")
        total = ordered.count()
        start = (page - 1) * page_size
        hits = list(ordered[start:start + page_size])
        ids, fallback = list(ordered.values_list("pk", flat=True)[:FACET_HIT_LIMIT]), False
    else:
        (hits, total, ids), fallback = _run(lambda backend, qs: backend.search(query, qs, operator="and"),
                                            queryset, page=page, page_size=page_size)
    return SearchOutcome(hits=[hit_for(p, query=query) for p in hits], total=total, page=page,
                         num_pages=max(1, math.ceil(total / page_size)), facets=facets_for(ids), fallback=fallback)


# --- keeping the index whole (issue #4, robustness) ---------------------------------


def index_update_defer(*, obj, action: str) -> None:
    """Record that ``obj`` could not be added to / deleted from the engine's index."""
    PendingIndexUpdate.objects.update_or_create(
        model_label=obj._meta.label_lower, object_id=str(obj.pk), defaults={"action": action}
    )
