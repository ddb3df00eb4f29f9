"""The week's queries (issue 18 item 5): counts only, no personal data."""

import datetime
import logging
import threading
import time
from dataclasses import dataclass

from django.utils import timezone

from tenants.models import Unit

# One logger for the package, under the name the module had before it was split.
logger = logging.getLogger("search.services")

QUERY_RECORD_LENGTH = 200


def week_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


# Searches are counted in this process and written in one go at most this often, after
# a response has gone out (``query_records_flush_due`` on ``request_finished``): a
# database write per search was the largest part of the API's Python time (issue 18,
# latency). Reading the report flushes first; a process that dies loses at most the
# counts of this many seconds, statistics only.
QUERY_FLUSH_SECONDS = 30

_pending: dict[tuple[str, datetime.date, str], list[int]] = {}
_pending_since: list[float] = []  # monotonic time of the oldest unwritten count, if any
_pending_lock = threading.Lock()


def query_record(*, query: str, portal: Unit | None, found: int) -> None:
    """Count one public search of ``query`` on ``portal`` (None: all portals) this week.

    The query is kept in its normalised, lower-case form, so "Hoà giải" and "hòa giải"
    count as one; nothing about who searched is stored. No database access: the count
    waits in this process for ``query_records_flush``. Never fails the search."""
    from search.text import query_normalize

    text = " ".join(query_normalize(query or "").lower().split())[:QUERY_RECORD_LENGTH]
    if not text:
        return
    key = (portal.slug if portal is not None else "", week_of(timezone.localdate()), text)
    with _pending_lock:
        counts = _pending.setdefault(key, [0, 0])
        counts[0] += 1
        counts[1] += 0 if found else 1
        if not _pending_since:
            _pending_since.append(time.monotonic())


def query_records_flush_due(**kwargs) -> None:
    """After a response (``request_finished``): write the counts if the oldest waited long enough."""
    if _pending_since and time.monotonic() - _pending_since[0] >= QUERY_FLUSH_SECONDS:
        query_records_flush()


def query_records_flush() -> int:
    """Write the counts waiting in this process (one row per portal, week and query,
    added to what other processes wrote); returns how many rows changed."""
    from django.db import IntegrityError, transaction
    from django.db.models import F

    from search.models import SearchQueryStat

    with _pending_lock:
        pending = dict(_pending)
        _pending.clear()
        _pending_since.clear()
    try:
        for (portal, week, text), (count, zero) in pending.items():
            key = {"portal": portal, "week": week, "query": text}
            changes = {"count": F("count") + count, "zero_results": F("zero_results") + zero}
            if not SearchQueryStat.objects.filter(**key).update(**changes):
                try:
                    with transaction.atomic():
                        SearchQueryStat.objects.create(**key, count=count, zero_results=zero)
                except IntegrityError:  # created meanwhile by another process
                    SearchQueryStat.objects.filter(**key).update(**changes)
    except Exception:  # noqa: BLE001 - statistics must never break a request
        logger.exception("could not record %d search queries", len(pending))
    return len(pending)


def query_records_discard() -> None:
    """Forget the counts not written yet (tests: a rolled-back test's searches)."""
    with _pending_lock:
        _pending.clear()
        _pending_since.clear()


@dataclass
class QueryReport:
    week: datetime.date
    portal: str  # unit slug, "" = searches across all portals
    frequent: list[tuple[str, int]]
    zero_results: list[tuple[str, int]]


def weekly_query_report(*, week: datetime.date, portal: str | None = None, limit: int = 20) -> list[QueryReport]:
    """The most frequent and the zero-result queries of ``week``, per portal (or one)."""
    from search.models import SearchQueryStat

    query_records_flush()
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
