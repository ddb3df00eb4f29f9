"""The judging step of the Điều 15 report: plain values in, judged items out, no query.

``compliance.selectors.items_judged`` reads (its query step, ``_items_read``) and hands
the rows to :func:`items_from_read`, which judges them one at a time:
:func:`page_items` for a page (each of its recorded updates, or the page itself when it
has no recorded history), :func:`contact_item` for a change of a portal's contact
details (row 1.4) and :func:`answer_item` for an English answer (row 12). Each takes a
row as read and a :class:`Judge`; none touches the database, so the readings of Điều 8
and 15 are tested on hand-made rows (tests/compliance/test_judging.py).

:class:`Judge` holds what is fixed for one report (today, the working calendar, the
period) and memoises the rules of ``compliance.rules`` on the few values each answer
depends on: the report over 200,000 items (bench/report_bench.py, issue #7) judges the
same (information date, publication date, deadline) many times over.
"""

from __future__ import annotations

import bisect
import datetime
import functools
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from compliance.periods import Period
from compliance.report_form import ReportLine
from compliance.rules import (
    LEGAL_DOCUMENT_ITEM,
    Timeliness,
    Verdict,
    deadline_for,
    portal_is_issuer,
    published_on_from,
    timeliness_of,
)
from tenants.models import Unit

FOREIGN_LANGUAGE_ITEM = "8.2.d"
CONTACT_SETTINGS_ITEM = "8.1.l"
CONTACT_SETTINGS_MODEL = "cms.PortalContactSettings"
ANSWER_MODEL = "translations.AnswerTranslation"
PORTAL_CONTACT_TITLE = _("Portal contact details")

# The columns every reported page type's row starts with (``_items_read``); the page
# type's extra values (report_form.Source.field) follow.
PAGE_COLUMNS = ("pk", "unit_id", "title", "url_path", "locale_id", "info_text", "first_text", "last_text",
                "has_updates")
_EXTRAS = len(PAGE_COLUMNS)


@dataclass(slots=True)
class ItemRow:
    """One update of a mandated item judged against its deadline (or a draft, for the
    late-items screens).

    ``ref`` identifies it in the report's drill-down: ``update-<id>`` (a recorded
    update), ``page-<id>`` (a page published without a recorded history, judged on
    its own dates, or a draft), ``answer-<id>`` (an English answer, row 12),
    ``republished-<id>`` (row 14). ``page_id`` is the object the admin opens: the
    page, the site of the contact details (row 1.4), or the answer translation.
    """

    ref: str
    page_id: int
    unit_id: int
    model: str
    item_key: str
    title: str
    url_path: str
    verdict: Verdict
    lines: tuple[str, ...]
    counted: bool  # falls in the period (a draft: its due date does)
    # (hostname, home url_path) of the item's portal: the public URL is built only
    # for the items a screen or the JSON export shows, not for every item judged.
    portal: tuple[str, str | None] | None = None
    posted: bool = True  # Điều 15.2 counts what was posted: a draft is only a late item
    # The day the period judges it by (published, answered; a draft's due date): the
    # roll-up counts it for the units its unit was under that day (issue #21).
    on: datetime.date | None = None

    @property
    def url(self) -> str:
        hostname, home_path = self.portal or (None, None)
        if not hostname or not home_path or not self.url_path.startswith(home_path):
            return self.url_path
        return f"https://{hostname}/{self.url_path[len(home_path):]}"

    @property
    def admin_url(self) -> str:
        from django.urls import reverse

        if self.model == CONTACT_SETTINGS_MODEL:
            return reverse("wagtailsettings:edit", args=("cms", "portalcontactsettings", self.page_id))
        if self.model == ANSWER_MODEL:
            return reverse("translations_admin:answer", args=(self.page_id,))
        return reverse("wagtailadmin_pages:edit", args=(self.page_id,))


class CalendarDays:
    """Calendar-day arithmetic with a working calendar's interface: Điều 8.2.d read as
    "sau 02 (hai) ngày" literally (``settings.COMPLIANCE_FOREIGN_LANGUAGE_WORKING_DAYS``)."""

    @staticmethod
    def add(day: datetime.date, days: int) -> datetime.date:
        return day + datetime.timedelta(days=days)

    @staticmethod
    def between(start: datetime.date, end: datetime.date) -> int:
        return (end - start).days


def vietnamese_published_on(days: list[datetime.date], english_on: datetime.date) -> datetime.date | None:
    """The publication of the Vietnamese version an English one translates: the latest
    on or before the English publication (the first one if the English came earlier)."""
    position = bisect.bisect_right(days, english_on)
    if position:
        return days[position - 1]
    return days[0] if days else None


@dataclass
class Judge:
    """What is fixed for one report, and the rules memoised on the values they depend on.

    ``calendar`` is the working calendar (``workdays.calendar.WorkingCalendar``);
    ``foreign_working_days`` says whether row 12's two days are working days (else
    calendar days). ``start``/``end`` bound what the period counts (``end`` already
    cut at the data cut-off); ``period`` None counts everything read.
    """

    today: datetime.date
    calendar: object
    tz: datetime.tzinfo
    start: datetime.date
    end: datetime.date
    period: Period | None = None
    foreign_working_days: bool = True
    # (hostname, home url_path) by unit id, for the items' public URLs.
    portals: dict[int, tuple] = field(default_factory=dict)
    _due: dict = field(default_factory=dict, repr=False)
    _foreign_due: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        # functools.cache per instance: the memos live as long as one report.
        self.verdict = functools.cache(self._verdict)
        self.deadline = functools.cache(self._deadline)
        self.issuer = functools.cache(self._issuer)
        self.day = functools.cache(self._day)
        self.local_day_of_hour = functools.cache(self._local_day_of_hour)

    def counts(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def _verdict(self, information_date, published_on, days_allowed, foreign: bool) -> Verdict:
        foreign_calendar = self.calendar if self.foreign_working_days else CalendarDays
        return timeliness_of(
            information_date=information_date, published_on=published_on, days_allowed=days_allowed,
            today=self.today, calendar=foreign_calendar if foreign else self.calendar,
            due_cache=self._foreign_due if foreign else self._due,
        )

    @staticmethod
    def _deadline(item_key: str, kind: str, issuer: bool) -> int | None:
        return deadline_for(item_key=item_key, kind=kind, issuer=issuer)

    @staticmethod
    def _issuer(issuing_authority: str, unit_name: str, unit_short_name: str) -> bool:
        return portal_is_issuer(issuing_authority=issuing_authority, unit_name=unit_name,
                                unit_short_name=unit_short_name)

    @staticmethod
    def _day(text: str) -> datetime.date:
        return datetime.date.fromisoformat(text[:10])

    def _local_day_of_hour(self, hour: str) -> datetime.date | None:
        moment = datetime.datetime.fromisoformat(f"{hour}:00").replace(tzinfo=datetime.UTC).astimezone(self.tz)
        if moment.utcoffset() % datetime.timedelta(hours=1):
            return None  # a half-hour zone: no sharing between the timestamps of one hour
        return moment.date()

    def local_day(self, text: str) -> datetime.date:
        """The local date of a timestamp read as database text, in UTC on both backends
        (Django keeps SQLite's timestamps in UTC and sets PostgreSQL's session time zone
        to UTC): ``2026-03-05 02:00:00[.ffffff][+00]``. Where the zone's offset is whole
        hours (Việt Nam: UTC+7), it depends only on the UTC hour: one conversion an hour."""
        found = self.local_day_of_hour(text[:13])
        if found is None:
            return datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.UTC).astimezone(self.tz).date()
        return found


@dataclass
class PageType:
    """One reported page type as the judging needs it."""

    label: str  # app_label.ModelName
    mandate_item: str
    names: tuple[str, ...]  # the columns of its rows: PAGE_COLUMNS, then its extra values
    lines: list[ReportLine]  # the report lines it may feed
    skeleton: bool = False  # provisioning creates it as an empty draft: not an item until published

    def __post_init__(self):
        self.authority_index = self.names.index("issuing_authority") if "issuing_authority" in self.names else None
        self.lines_of = functools.cache(self._lines_of)

    def _lines_of(self, kind: str, extras: tuple) -> tuple[str, ...]:
        values = dict(zip(self.names[_EXTRAS:], extras, strict=True))
        return tuple(
            line.key for line in self.lines
            if line.applies(kind) and any(s.model == self.label and s.matches(values) for s in line.sources)
        )


@dataclass
class Foreign:
    """What row 12 (Điều 8.2.d) needs to judge an English page: its report line, and
    when the Vietnamese version each English one translates was published."""

    line: ReportLine
    default_locale_ids: set
    translation_keys: dict = field(default_factory=dict)  # foreign page id → translation key
    source_published: dict = field(default_factory=dict)  # translation key → sorted local dates

    def information_date(self, page_id: int, published_on: datetime.date, fallback: datetime.date) -> datetime.date:
        """An English version is due after the Vietnamese version it translates was published."""
        days = self.source_published.get(self.translation_keys.get(page_id), [])
        return vietnamese_published_on(days, published_on) or fallback


def page_items(row: tuple, *, page_type: PageType, unit: Unit, updates: list, judge: Judge,
               foreign: Foreign) -> list[ItemRow]:
    """The items of one reported page ``row`` (``page_type.names``) of ``unit``'s portal.

    Each of its recorded ``updates`` (update id, information date text, published text)
    in the window is judged on its own (Điều 8.1). A page without a recorded history
    (published before issue #20's history, or written straight into the database) is
    one update, from its own dates; unpublished, it is a late item only when overdue
    (Điều 15.2), and a provisioning skeleton is no item at all.
    """
    pk, unit_id, title, url_path, locale_id, info_text, first_text, last_text, has_updates = row[:_EXTRAS]
    is_foreign = locale_id not in foreign.default_locale_ids
    issuer = True
    if is_foreign:
        item_key = FOREIGN_LANGUAGE_ITEM
        lines = (foreign.line.key,) if foreign.line.applies(unit.kind) else ()
    else:
        item_key = page_type.mandate_item
        lines = page_type.lines_of(unit.kind, row[_EXTRAS:])
        if page_type.authority_index is not None and item_key == LEGAL_DOCUMENT_ITEM:
            issuer = judge.issuer(row[page_type.authority_index], unit.name, unit.short_name)
    days_allowed = judge.deadline(item_key, unit.kind, issuer)
    portal = judge.portals.get(unit_id)

    def item(ref, verdict, counted, posted=True, on=None):
        return ItemRow(ref, pk, unit_id, page_type.label, item_key, title, url_path, verdict, lines, counted,
                       portal, posted, on)

    if has_updates:
        items = []
        for update_id, update_info, published_text in updates:
            published_on = judge.local_day(published_text)
            information_date = judge.day(update_info)
            if is_foreign:
                information_date = foreign.information_date(pk, published_on, information_date)
            verdict = judge.verdict(information_date, published_on, days_allowed, is_foreign)
            items.append(item(f"update-{update_id}", verdict, judge.counts(published_on), on=published_on))
        return items
    information_date = judge.day(info_text)
    published_on = published_on_from(
        information_date=information_date,
        first_published_on=judge.local_day(first_text) if first_text else None,
        last_published_on=judge.local_day(last_text) if last_text else None,
    )
    if published_on is None and page_type.skeleton:
        return []
    if is_foreign and published_on is not None:
        information_date = foreign.information_date(pk, published_on, information_date)
    verdict = judge.verdict(information_date, published_on, days_allowed, is_foreign)
    if published_on is not None:
        return [item(f"page-{pk}", verdict, judge.counts(published_on), on=published_on)]
    if verdict.status == Timeliness.OVERDUE:
        # Điều 15.2: a draft is not in the statutory table, only a late item.
        due = verdict.due_date
        period = judge.period
        return [item(f"page-{pk}", verdict, period is None or period.start <= due <= period.end, posted=False,
                     on=due)]
    return []


def contact_item(row: tuple, *, unit: Unit, line: ReportLine, judge: Judge) -> ItemRow:
    """Row 1.4 (Điều 8.1.l): one change of the portal's contact details, ``row`` =
    (update id, unit id, site id, information date text, published text)."""
    update_id, unit_id, site_id, info_text, published_text = row
    published_on = judge.local_day(published_text)
    verdict = judge.verdict(judge.day(info_text), published_on, judge.deadline(CONTACT_SETTINGS_ITEM, unit.kind, True),
                            False)
    home = judge.portals.get(unit_id)
    return ItemRow(f"update-{update_id}", site_id, unit_id, CONTACT_SETTINGS_MODEL, CONTACT_SETTINGS_ITEM,
                   str(PORTAL_CONTACT_TITLE), home[1] if home else "", verdict,
                   (line.key,) if line.applies(unit.kind) else (), judge.counts(published_on), home,
                   on=published_on)


def answer_item(row: tuple, *, unit: Unit, line: ReportLine, judge: Judge) -> ItemRow:
    """Row 12 (Điều 8.2.d): one English answer to a foreigner's question, due after the
    Vietnamese answer was published; ``row`` = (answer id, unit id, subject, Vietnamese
    published at, English completed at), aware datetimes."""
    answer_id, unit_id, subject, published_at, completed_at = row
    completed_on = completed_at.astimezone(judge.tz).date()
    verdict = judge.verdict(published_at.astimezone(judge.tz).date(), completed_on,
                            judge.deadline(FOREIGN_LANGUAGE_ITEM, unit.kind, True), True)
    return ItemRow(f"answer-{answer_id}", answer_id, unit_id, ANSWER_MODEL, FOREIGN_LANGUAGE_ITEM, subject, "",
                   verdict, (line.key,) if line.applies(unit.kind) else (), judge.counts(completed_on),
                   judge.portals.get(unit_id), on=completed_on)
