"""Presenting hits: one query of plain values describes a page of hits."""


from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils import timezone
from wagtail.models import Page

from search.snippets import snippet_html
from search.services.facets import facets_from_counts, portal_labels
from search.services.filters import page_type_label, republished_counts
from search.services.outcome import HOME_PATH_LENGTH, EngineHit, FacetCounts, Hit
from search.services.urls import PageUrls

HIT_COLUMNS = ("pk", "title", "url_path", "path", "content_type_id", "first_published_at")


def hits_and_facets(queryset, ids: list[int], *, query: str, engine_hits: dict[int, EngineHit] | None = None,
                    counts: FacetCounts | None = None) -> tuple[list[Hit], dict]:
    """The hits ``ids`` (best first) that ``queryset`` still serves, and the facets of ``counts``.

    One query of plain values checks and describes the hits; only hits the engine did not
    describe (all of them on the database backend) are loaded as pages for their text.
    Portals of the hits and of the facets are read in one query.
    """
    engine_hits = engine_hits or {}
    rows = hit_rows(queryset, ids)
    copies = republished_counts()
    ids = [pk for pk in ids if pk in rows]
    undescribed = [pk for pk in ids if pk not in engine_hits]
    pages = Page.objects.filter(pk__in=undescribed).specific().in_bulk() if undescribed else {}
    homes = {rows[pk]["path"][:HOME_PATH_LENGTH] for pk in ids} | set(counts.homes if counts else ())
    portals = portal_labels(homes)
    page_url = PageUrls()
    hits = []
    for pk in ids:
        row = rows[pk]
        page = pages.get(pk)
        described = engine_hits.get(pk)
        if described:
            snippet, date = described.snippet, described.information_date
        else:
            from search.text import page_text

            snippet, date = snippet_html(page_text(page), query), getattr(page, "information_date", None)
        model = ContentType.objects.get_for_id(row["content_type_id"]).model_class() or Page
        published = row["first_published_at"]
        hits.append(Hit(
            id=pk, page_type=page_type_label(model), title=row["title"], url=page_url(row["url_path"]),
            portal=portals.get(row["path"][:HOME_PATH_LENGTH]), section=getattr(model, "mandate_item", "") or "",
            date=date or (timezone.localtime(published).date() if published else None), snippet=snippet,
            also_on=copies.get(pk, 0),
        ))
    return hits, facets_from_counts(counts, portals=portals)


def hit_rows(queryset, ids: list[int]) -> dict[int, dict]:
    """Pk -> row of plain values (``HIT_COLUMNS``) of the hits ``ids`` that ``queryset``
    still serves: checked in the database, whatever the index says (a page unpublished,
    deleted, moved or made private since it was indexed is no hit).

    A queryset of ``pages_queryset`` carries its ``hits_check``: the database checks what
    its rows say (live, depth, the reader's filters) with a plain ``pk IN`` query, and
    the cached rules (private paths, empty sections, republished copies, archived portals)
    are applied to the rows by their Python tests, made from the same data as the Q the
    engine filtered on (issue 18, latency: compiling that Q tree into SQL again cost ~1 ms)."""
    if not ids:
        return {}
    check = getattr(queryset, "hits_check", None)
    # No ORDER BY (a page's default is its tree path): the hits keep the engine's order.
    if check is None:
        return {row["pk"]: row for row in queryset.filter(pk__in=ids).order_by().values(*HIT_COLUMNS)}
    return {row["pk"]: row for row in check.rows(ids, HIT_COLUMNS) if check.allowed(row)}


def republished_count():
    """How many portals show a live republished copy of the page (a subquery of the hits query)."""
    from django.db.models import IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from cms.models import RepublishedPage

    copies = (RepublishedPage.objects.live().filter(source_page_id=OuterRef("pk")).order_by()
              .values("source_page_id").annotate(n=Count("unit_id", distinct=True)).values("n"))
    return Coalesce(Subquery(copies, output_field=IntegerField()), 0)
