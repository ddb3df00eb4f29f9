"""What each filter of a search maps to: real columns of ``wagtailcore_page``, and
the pages no search shows (empty sections, republished copies, private pages)."""

import datetime
from collections.abc import Callable
from typing import NamedTuple

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from caching.sites import RESTRICTED_PATHS_KEY, restricted_paths, restricted_paths_forget
from cms.models.base import PortalPage, portal_page_models
from tenants.local_cache import local_forget, local_get
from tenants.models import Unit
from search.services.outcome import HOME_DEPTH

def section_models(section: str) -> list[type[PortalPage]]:
    """The page types serving mandated item ``section`` (cms.mandate key)."""
    return [m for m in portal_page_models() if m.mandate_item == section]


def page_type_label(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


PORTAL_HOMES_CACHE_KEY = "search:portal-homes"


def portal_homes() -> dict[str, tuple[str, ...]]:
    """Unit slug -> the paths of its portal's homes: the site's root page, then its
    translations (the English home a translator made is the root of the portal's
    English pages, in a tree of its own). Cached with the portal labels."""
    def build():
        rows = list(Unit.objects.filter(site__root_page__isnull=False).values_list(
            "slug", "site__root_page__path", "site__root_page__translation_key"))
        translated = {}
        for path, key in (Page.objects.filter(translation_key__in=[key for _, _, key in rows], depth=HOME_DEPTH)
                          .order_by("path").values_list("path", "translation_key")):
            translated.setdefault(key, []).append(path)
        return {slug: (path, *(p for p in translated.get(key, ()) if p != path)) for slug, path, key in rows}

    return local_get(PORTAL_HOMES_CACHE_KEY, build, seconds=PORTAL_ARCHIVES_SECONDS)


def home_paths(units) -> list[str]:
    """The home paths of ``units``' portals, their translations' included."""
    homes = portal_homes()
    return [path for unit in units for path in homes.get(unit.slug, ())]


def portal_filter(*, unit: Unit) -> Q:
    """The pages of ``unit``'s portal, in every language."""
    return path_prefixes_rule(home_paths([unit])).q


PORTAL_ARCHIVES_CACHE_KEY = "search:portal-archives"
# Dropped with the portal labels in every process (facets.portal_labels_forget: saving a
# unit or a site, which archiving and reorganising do; tenants.local_cache); the timeout
# is a safety net.
PORTAL_ARCHIVES_SECONDS = 60


def _portal_archive_dates() -> list[tuple[str, datetime.date]]:
    """(portal home path, archive date) of every unit with an archive date, past or
    future, cached: the query ran on every search across all portals (issue 18, latency).
    The date is compared with today at each search, so a scheduled archive takes effect
    on its day without a cache drop."""
    def build():
        homes = portal_homes()
        units = Unit.objects.filter(archived_on__isnull=False, site__root_page__isnull=False)
        return sorted((path, archived_on) for slug, archived_on in units.values_list("slug", "archived_on")
                      for path in homes.get(slug, ()))

    return local_get(PORTAL_ARCHIVES_CACHE_KEY, build, seconds=PORTAL_ARCHIVES_SECONDS)


class Rule(NamedTuple):
    """One rule of which pages a search shows, in both forms, made from the same data:
    ``q`` for the database and the engine, ``test`` for a hit's row of plain values
    (``HIT_COLUMNS``: pk, path, content_type_id…) checked in Python (issue 18, latency:
    compiling the rules' Q tree into SQL a second time, for the hits, cost ~1 ms).
    ``tests/search/test_hits.py`` checks that both forms agree."""

    q: Q
    test: Callable[[dict], bool]


def path_prefixes_rule(paths) -> Rule:
    """Pages at or below any of ``paths``."""
    prefixes = tuple(paths)
    query = Q(pk__in=[])
    for path in prefixes:
        query |= Q(path__startswith=path)
    return Rule(query, lambda row: row["path"].startswith(prefixes))  # () matches nothing, as pk__in=[]


def archived_portals_rule() -> Rule:
    """Pages of the portals archived by a reorganisation (issue #21), as of today
    (``tenants.archive.archived_units``' rule: archived from the archive date on)."""
    today = timezone.localdate()
    return path_prefixes_rule(path for path, archived_on in _portal_archive_dates() if archived_on <= today)


def kind_filter(*, kind: str) -> Q:
    return path_prefixes_rule(home_paths(Unit.objects.filter(kind=kind))).q


def content_types_filter(models) -> Q:
    return Q(content_type__in=[ContentType.objects.get_for_model(m).pk for m in models])


# pages_queryset's answer for the same filters, kept in the process (a fresh copy to each
# caller) while the local token holds: the data its rules are built from (restricted
# paths, hidden pages, archived portals, units and sites) all renew the token when they
# change (tenants.local_cache), and today is part of the key. Building it cost ~1 ms of
# CPU per search (issue 18, latency). With dates (a key per day asked) it is built each time.
PAGES_QUERYSET_SECONDS = 300


def pages_queryset(*, portal: Unit | None = None, kind: str = "", section: str = "", page_type: str = "",
                   locale=None, date_from=None, date_to=None, archived: bool = False):
    """Live, public pages of every portal narrowed by the given filters (real columns only).

    Across portals, archived portals (issue #21) are left out unless ``archived`` asks
    for them alone ("cổng đã lưu trữ"); a search on one portal finds its own pages.
    """
    filters = {"portal": portal, "kind": kind, "section": section, "page_type": page_type, "locale": locale,
               "date_from": date_from, "date_to": date_to, "archived": archived}
    if date_from or date_to:
        return pages_queryset_build(**filters)
    key = "search:pages-queryset:" + repr((portal.pk if portal is not None else None, kind, section, page_type,
                                           locale.pk if locale is not None else None, archived,
                                           timezone.localdate().isoformat()))
    kept = local_get(key, lambda: pages_queryset_build(**filters), seconds=PAGES_QUERYSET_SECONDS, shared=False)
    queryset = kept.all()  # a copy: the kept one is never evaluated nor changed
    queryset.hits_check = kept.hits_check
    # The engine's filters compiled from this very where clause, shared by the copies
    # (search.backends.vietnamese.VietnameseQueryCompilerMixin._get_filters_from_queryset).
    queryset.engine_filters = kept.__dict__.setdefault("engine_filters", {})
    return queryset


def pages_queryset_build(*, portal: Unit | None = None, kind: str = "", section: str = "", page_type: str = "",
                         locale=None, date_from=None, date_to=None, archived: bool = False):
    """``pages_queryset``, built now. It carries ``hits_check``: the same filters as a
    plain query of the hits (live, depth, the reader's filters) and the cached rules'
    Python tests (``Rule``), for ``search.services.hits``."""
    # A page any of them matches is left out. Across portals, republished copies too: one
    # hit per document, a copy is found through its original (which shows "also on N
    # portals"); on one portal's search the copy is that portal's page.
    rules = hidden_rules(across_portals=portal is None)
    queryset = Page.objects.live().filter(depth__gt=HOME_DEPTH)
    for rule in rules:
        queryset = queryset.exclude(rule.q)
    if portal is None:  # (one portal: its filter is the reader's, below)
        archived_rule = archived_portals_rule()
        if archived:
            queryset = queryset.filter(archived_rule.q)
            rules.append(Rule(~archived_rule.q, lambda row: not archived_rule.test(row)))
        else:
            queryset = queryset.exclude(archived_rule.q)
            rules.append(archived_rule)
    checked = Page.objects.live().filter(depth__gt=HOME_DEPTH)  # the reader's filters follow
    queryset, checked = _narrowed(queryset, checked, portal=portal, kind=kind, section=section, page_type=page_type,
                                  locale=locale, date_from=date_from, date_to=date_to)
    queryset.hits_check = HitsCheck(checked, tuple(rule.test for rule in rules), {})
    return queryset


def hidden_rules(*, across_portals: bool) -> list[Rule]:
    """The cached rules of pages no search shows: private, empty sections, and across
    portals the republished copies (archived portals: ``pages_queryset``)."""
    rules = [private_rule(), empty_sections_rule()]
    if across_portals:
        rules.append(republished_copies_rule())
    return rules


class HitsCheck(NamedTuple):
    """``queryset`` (live pages with the reader's filters: real columns) and the tests of
    rows a search leaves out (``Rule.test``, from the same data as the search's Q)."""

    queryset: object
    hidden: tuple
    compiled: dict  # (number of ids, columns) -> (compiler, SQL, params, where the ids go): ``rows``

    def allowed(self, row: dict) -> bool:
        return not any(test(row) for test in self.hidden)

    def rows(self, ids: list[int], columns: tuple[str, ...]) -> list[dict]:
        """``columns`` of the pages ``ids`` that ``queryset`` holds (any order), as dicts.

        The SQL is compiled once per number of ids (a page of hits: a handful of counts)
        and the ids put into its parameters: compiling the query again took half of the
        hits' database time (issue 18, latency). Django's own converters read the rows."""
        compiler, sql, params, slots = self._compiled(len(ids), columns)
        params = list(params)
        for slot, pk in zip(slots, ids):
            params[slot] = pk
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchall()
        return [dict(zip(columns, row)) for row in compiler.results_iter(results=[found])]

    def _compiled(self, count: int, columns: tuple[str, ...]):
        key = (count, columns)
        known = self.compiled.get(key)
        if known is None:
            marks = list(range(-count, 0))  # no page has a negative id: they show where the ids go
            query = self.queryset.filter(pk__in=marks).order_by().values(*columns).query
            compiler = query.get_compiler(using=self.queryset.db)
            sql, params = compiler.as_sql()
            slots = [i for i, value in enumerate(params) if isinstance(value, int) and value < 0]
            if sorted(params[i] for i in slots) != marks:
                raise ValueError(f"the hits query's ids are not plain parameters: {sql}")
            slots.sort(key=lambda i: params[i])  # the place of marks[0], marks[1] ...
            known = self.compiled[key] = (compiler, sql, tuple(params), slots)
        return known


def _narrowed(queryset, checked, *, portal, kind, section, page_type, locale, date_from, date_to):
    """Both querysets narrowed by the reader's filters."""
    filters = []
    if portal is not None:
        filters.append(portal_filter(unit=portal))
    if kind:
        filters.append(kind_filter(kind=kind))
    if section:
        filters.append(content_types_filter(section_models(section)))
    if page_type:
        filters.append(content_types_filter([apps.get_model(page_type)]))
    if locale is not None:
        filters.append(Q(locale=locale))
    # Whole local days as datetimes: the engines cannot filter on a __date transform.
    if date_from:
        filters.append(Q(first_published_at__gte=day_start(date_from)))
    if date_to:
        filters.append(Q(first_published_at__lt=day_start(date_to + datetime.timedelta(days=1))))
    for query in filters:
        queryset, checked = queryset.filter(query), checked.filter(query)
    return queryset, checked


HIDDEN_PAGES_CACHE_KEY = "search:hidden-pages"
# Saving a section or a republished copy, unpublishing or deleting a page drops it in
# every process sharing the cache (hidden_pages_forget); the timeout is a safety net.
HIDDEN_PAGES_SECONDS = 600


def _hidden_pages() -> tuple[list[int], list[int], int, list[int], dict[int, int]]:
    """(section index content types, section pages with an intro of their own, republished
    content type, republished copies whose original is gone or not live, how many portals
    show a live copy of each republished original), cached briefly (and in the process,
    tenants.local_cache: read several times by every search)."""
    return local_get(HIDDEN_PAGES_CACHE_KEY, _hidden_pages_build, seconds=HIDDEN_PAGES_SECONDS)


def _hidden_pages_build():
    from cms.models import RepublishedPage, SectionIndexPage
    from django.db.models import Value

    section_models = [m for m in portal_page_models() if issubclass(m, SectionIndexPage)]
    types = [ContentType.objects.get_for_model(m).pk for m in section_models]
    # One query: the sections with an intro and the orphaned copies, tagged.
    parts = [m.objects.exclude(intro="").order_by().values_list("pk", Value("section")) for m in section_models]
    parts.append(RepublishedPage.objects.filter(Q(source_page__isnull=True) | Q(source_page__live=False))
                 .order_by().values_list("pk", Value("orphan")))
    rows = list(parts[0].union(*parts[1:], all=True)) if parts else []
    with_intro = [pk for pk, tag in rows if tag == "section"]
    orphans = [pk for pk, tag in rows if tag == "orphan"]
    from django.db.models import Count

    # The hits' "also on N portals" (issue 18, latency: a subquery on every hits query before).
    copies = dict(RepublishedPage.objects.live().filter(source_page__isnull=False).order_by()
                  .values("source_page_id").annotate(n=Count("unit_id", distinct=True)).values_list("source_page_id", "n"))
    return (types, with_intro, ContentType.objects.get_for_model(RepublishedPage).pk, orphans, copies)


def hidden_pages_forget(sender=None, instance=None, **kwargs) -> None:
    """Saved: a section's intro or a republished copy may have changed; unpublished or
    deleted: any page may be a republished copy's original. Recompute the hidden pages."""
    from django.db.models.signals import post_save

    from cms.models import RepublishedPage, SectionIndexPage

    if kwargs.get("signal") is post_save:
        if isinstance(instance, (SectionIndexPage, RepublishedPage)):
            local_forget(HIDDEN_PAGES_CACHE_KEY)
    elif isinstance(instance, Page):
        local_forget(HIDDEN_PAGES_CACHE_KEY)


def empty_sections_rule() -> Rule:
    """Section index pages without content of their own (no intro): they only list
    other pages, which are found themselves (issue 17: they flooded broad queries)."""
    types, with_intro, _, _, _ = _hidden_pages()
    query = Q(content_type__in=types)
    types, kept = frozenset(types), frozenset(with_intro)
    return Rule(query & ~Q(pk__in=with_intro) if with_intro else query,
                lambda row: row["content_type_id"] in types and row["pk"] not in kept)


def empty_sections_q() -> Q:
    return empty_sections_rule().q


def republished_copies_rule() -> Rule:
    _, _, republished_type, orphans, _ = _hidden_pages()
    query = Q(content_type=republished_type)
    kept = frozenset(orphans)
    return Rule(query & ~Q(pk__in=orphans) if orphans else query,
                lambda row: row["content_type_id"] == republished_type and row["pk"] not in kept)


# The restricted paths are the site-wide ones of ``caching.sites`` (one cache entry,
# one query, dropped by caching.signals when a view restriction is saved or deleted or
# a page moves): search kept a copy of its own before.
PRIVATE_PATHS_CACHE_KEY = RESTRICTED_PATHS_KEY


def republished_counts() -> dict[int, int]:
    """Page id -> how many portals show a live republished copy of it (pages with none left out)."""
    return _hidden_pages()[4]


def private_paths_forget(**kwargs) -> None:
    restricted_paths_forget()


def private_rule() -> Rule:
    """Pages in a section with a view restriction: Wagtail's ``PageQuerySet.private_q``
    without a page instance per restriction (its query alone cost 4 ms of CPU per search)."""
    return path_prefixes_rule(restricted_paths())


def private_q() -> Q:
    return private_rule().q


def day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
