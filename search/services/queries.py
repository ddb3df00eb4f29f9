"""The week's queries (issue 18 item 5): counts only, no personal data."""

import datetime
import logging
from dataclasses import dataclass

from django.utils import timezone

from tenants.models import Unit

# One logger for the package, under the name the module had before it was split.
logger = logging.getLogger("search.services")

QUERY_RECORD_LENGTH = 200


def week_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def query_record(*, query: str, portal: Unit | None, found: int) -> None:
    """Count one public search of ``query`` on ``portal`` (None: all portals) this week.

    The query is kept in its normalised, lower-case form, so "Hoà giải" and "hòa giải"
    count as one; nothing about who searched is stored. Never fails the search."""
    from django.db import IntegrityError, transaction
    from django.db.models import F

    from search.models import SearchQueryStat
    from search.text import query_normalize

    text = " ".join(query_normalize(query or "").lower().split())[:QUERY_RECORD_LENGTH]
    if not text:
        return
    key = {"portal": portal.slug if portal is not None else "", "week": week_of(timezone.localdate()), "query": text}
    changes = {"count": F("count") + 1, "zero_results": F("zero_results") + (0 if found else 1)}
    try:
        if not SearchQueryStat.objects.filter(**key).update(**changes):
            try:
                with transaction.atomic():
                    SearchQueryStat.objects.create(**key, count=1, zero_results=0 if found else 1)
            except IntegrityError:  # created meanwhile by another request
                SearchQueryStat.objects.filter(**key).update(**changes)
    except Exception:  # noqa: BLE001 - statistics must never break a search
        logger.exception("could not record a search query")


@dataclass
class QueryReport:
    week: datetime.date
    portal: str  # unit slug, "" = searches across all portals
    frequent: list[tuple[str, int]]
    zero_results: list[tuple[str, int]]


def weekly_query_report(*, week: datetime.date, portal: str | None = None, limit: int = 20) -> list[QueryReport]:
    """The most frequent and the zero-result queries of ``week``, per portal (or one)."""
    from search.models import SearchQueryStat

    rows = SearchQueryStat.objects.filter(week=week_of(week))
    if portal is not None:
        rows = rows.filter(portal=portal)
    reports = []
    for slug in sorted(set(rows.values_list("portal", flat=True))):
        mine = rows.filter(portal=slug)
        reports.append(QueryReport(
            week=week_of(week), portal=slug,
            frequent=list(mine.order_by("-count", "query").values_list("query", "count")[:limit]),
            zero_results=list(mine.filter(zero_results__gt=0).order_by("-zero_results", "query")
                              .values_list("query", "zero_results")[:limit]),
        ))
    return reports
