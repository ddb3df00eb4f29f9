"""Demo data for the Điều 15 report (issue #7 item 6).

``cms_demo_seed`` publishes every demo article in the last few weeks and on time, so a
report of the demo province would show one period with nothing late. This spreads the
demo portals' articles over 2026-H1 and 2026-H2, publishes about one in five after its
deadline, and republishes two provincial news articles on the demo component portals
(row 14), so ``portal_report --portal bacninh --period 2026`` shows real figures.

Idempotent: every date is a function of the page's position in its portal, so a second
run changes nothing; republication skips portals that already have the article.
"""

from __future__ import annotations

import datetime

from django.apps import apps
from django.utils import timezone
from wagtail.models import Page

from compliance.rules import deadline_for
from compliance.updates import page_history_backdate
from demo.cms import DEMO_PORTALS
from workdays.calendar import working_calendar

# Articles whose dates only say when they were written: safe to move. Legal documents,
# plans and the like keep the dates printed on them.
SPREAD_MODELS = ("cms.NewsPage", "cms.DirectionPage", "cms.LegalDisseminationPage")
SPREAD_START = datetime.date(2026, 1, 5)
SPREAD_END = datetime.date(2026, 12, 18)
# One item in LATE_EVERY is published after its deadline (the 4th, 9th, … of a portal).
LATE_EVERY = 5
LATE_POSITION = 3
# Every late item is this many working days past its deadline, at most.
LATE_BY_MAX = 4
REPUBLISHED_NEWS = 2


def _moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))


def compliance_demo_seed(*, slugs=DEMO_PORTALS, today: datetime.date | None = None) -> int:
    """Spread the demo portals' articles over 2026; returns the pages whose dates changed."""
    from tenants.models import Unit

    today = today or timezone.localdate()
    # Everything published at least a month ago, whatever the day the demo is loaded.
    end = max(SPREAD_START + datetime.timedelta(days=60), min(SPREAD_END, today - datetime.timedelta(days=30)))
    calendar = working_calendar(after=SPREAD_START - datetime.timedelta(days=1))
    units = {unit.pk: unit for unit in Unit.objects.filter(slug__in=slugs)}
    rows = []
    for label in SPREAD_MODELS:
        model = apps.get_model(label)
        for page_id, unit_id, path, info, first in model.objects.filter(
            unit_id__in=list(units), alias_of__isnull=True, first_published_at__isnull=False
        ).values_list("pk", "unit_id", "path", "information_date", "first_published_at"):
            rows.append((unit_id, path, page_id, model, info, first))
    by_unit: dict[int, list] = {}
    for row in sorted(rows, key=lambda r: (r[0], r[1])):
        by_unit.setdefault(row[0], []).append(row)

    changed = 0
    for unit_id, pages in by_unit.items():
        unit = units[unit_id]
        span = (end - SPREAD_START).days
        for position, (_, _, page_id, model, info, first) in enumerate(pages):
            day = SPREAD_START + datetime.timedelta(days=span * position // max(1, len(pages) - 1))
            if not calendar.is_working_day(day):
                day = calendar.add(day, 1)
            allowed = deadline_for(item_key=model.mandate_item, kind=unit.kind) or 0
            if position % LATE_EVERY == LATE_POSITION:
                published = calendar.add(day, allowed + 1 + position % LATE_BY_MAX)
            else:
                published = calendar.add(day, position % (allowed + 1))
            moment = _moment(published)
            if info == day and first == moment:
                continue
            model.objects.filter(pk=page_id).update(information_date=day)
            Page.objects.filter(pk=page_id).update(first_published_at=moment, last_published_at=moment)
            page_history_backdate(page_id=page_id, information_date=day, published_at=moment)
            changed += 1
    _republish_demo_news(units=list(units.values()), calendar=calendar)
    return changed


def _republish_demo_news(*, units, calendar) -> None:
    """Row 14: the province's first news articles, republished on the demo component portals."""
    from cms.models import NewsPage
    from compliance.models import Republication
    from compliance.republication import republication_mark
    from tenants.models import UnitKind

    province = next((unit for unit in units if unit.kind == UnitKind.PROVINCE), None)
    targets = [unit for unit in units if unit.kind != UnitKind.PROVINCE]
    if province is None or not targets:
        return
    for news in NewsPage.objects.live().filter(unit=province).order_by("path")[:REPUBLISHED_NEWS]:
        republication_mark(page=news, user=None, targets=targets, skip_permission_checks=True)
        # Republished the working day after the province published it.
        moment = _moment(calendar.add(timezone.localdate(news.first_published_at), 1))
        target_ids = Republication.objects.filter(source_page=news).values_list("target_page_id", flat=True)
        Page.objects.filter(pk__in=list(target_ids)).update(first_published_at=moment, last_published_at=moment)
