"""Reading compliance: every item's timeliness, the Điều 15 report and its roll-up.

One pass builds everything: one ``values()`` query per reported page type (the
``unit`` and ``information_date`` columns live on each page type's own table, so
there is no single table to read them from), plus one query each for the units,
the portals' home pages, the locales, the contact settings, the working-day
exceptions and Q&A's table 2. Each item is judged by ``compliance.rules`` and counted
in Python per unit; a report adds the units of its scope up (Điều 15.5: a district
over its communes, the province over every portal).

Which items a period counts: those published in it (by the local date of their
publication, see ``compliance.rules``), and those still unpublished whose due date
fell in it and has passed (overdue drafts). A draft of a page provisioning creates
empty (introduction, contacts, access to information, online services) is not an
item until the board publishes it. Pages in a language other than Vietnamese count
only in row 12 (foreign-language information).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db.models import BooleanField, CharField, Exists, ExpressionWrapper, OuterRef, Q
from django.db.models.functions import Cast
from django.utils import timezone

from cms.mandate import MANDATE_ITEMS
from compliance.periods import Period
from compliance.report_form import (
    NOT_APPLICABLE_NOTE,
    NOT_MEASURED_NOTE,
    REPORTED_MODELS,
    SPECIAL_NOTES,
    TABLE1,
    TABLE1_LINES,
    ReportLine,
    Special,
)
from compliance.rules import (
    LEGAL_DOCUMENT_ITEM,
    NOT_MEASURED,
    Timeliness,
    Verdict,
    deadline_for,
    portal_is_issuer,
    published_on_from,
    timeliness_of,
)
from tenants.models import Unit
from tenants.provisioning import KIND_ORDER
from workdays.calendar import working_calendar

FOREIGN_LANGUAGE_ITEM = "8.2.d"
COLUMNS = ("on_time", "overdue", "count")

# The extra values each page type contributes to the lines it feeds (report_form.Source.field).
_NONEMPTY = lambda name: ~Q(**{name: ""})  # noqa: E731


def _introduction_flags() -> dict:
    from cms.models import LeaderProfile

    def flag(q):
        return ExpressionWrapper(q, output_field=BooleanField())

    return {
        "has_organisation": flag(Q(organisation_chart__isnull=False) | _NONEMPTY("organisation_structure")
                                 | _NONEMPTY("functions_and_duties")),
        "has_history": flag(_NONEMPTY("history")),
        "has_boundary_map": flag(Q(boundary_map__isnull=False)),
        "has_local_profile": flag(_NONEMPTY("natural_conditions") | _NONEMPTY("history") | _NONEMPTY("culture")
                                  | _NONEMPTY("relics_and_landscapes")),
        "has_leaders": Exists(LeaderProfile.objects.filter(page=OuterRef("pk"))),
    }


EXTRA_VALUES = {
    "cms.DirectionPage": lambda: ({}, ("category",)),
    "cms.PlanPage": lambda: ({}, ("category",)),
    "cms.LegalDocumentPage": lambda: ({}, ("issuing_authority",)),
    "cms.IntroductionPage": lambda: (_introduction_flags(), ()),
}


def _skeleton_models() -> frozenset[str]:
    from cms.sections import SECTIONS

    return frozenset(section.model for section in SECTIONS if not section.live)


@dataclass(slots=True)
class ItemRow:
    """One mandated item (a page) judged against its deadline."""

    page_id: int
    unit_id: int
    model: str
    item_key: str
    title: str
    url_path: str
    verdict: Verdict
    lines: tuple[str, ...]
    counted: bool  # falls in the period
    # (hostname, home url_path) of the item's portal: the public URL is built only
    # for the items a screen or the JSON export shows, not for every item judged.
    portal: tuple[str, str | None] | None = None

    @property
    def url(self) -> str:
        hostname, home_path = self.portal or (None, None)
        if not hostname or not home_path or not self.url_path.startswith(home_path):
            return self.url_path
        return f"https://{hostname}/{self.url_path[len(home_path):]}"


@dataclass
class UnitNode:
    unit: Unit
    children: list[UnitNode] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def unit_tree(*, unit: Unit, units: list[Unit] | None = None) -> UnitNode:
    """``unit`` and everything under it by ``Unit.parent``, children by kind then name."""
    units = units if units is not None else list(Unit.objects.all())
    by_parent: dict[int | None, list[Unit]] = defaultdict(list)
    for other in units:
        by_parent[other.parent_id].append(other)

    def build(node_unit: Unit) -> UnitNode:
        kids = sorted(by_parent.get(node_unit.pk, []), key=lambda u: (KIND_ORDER[u.kind], u.name))
        return UnitNode(node_unit, [build(kid) for kid in kids])

    return build(unit)


def _portal_homes(unit_ids) -> dict[int, tuple[str, int]]:
    from cms.models import PortalHomePage

    return {
        unit_id: (url_path, pk)
        for unit_id, url_path, pk in PortalHomePage.objects.filter(unit_id__in=unit_ids).values_list(
            "unit_id", "url_path", "pk"
        )
    }


class _LocalDates:
    """Dates and local dates of timestamps read as database text, each converted once.

    Both backends give the text in UTC (Django keeps SQLite's timestamps in UTC and
    sets PostgreSQL's session time zone to UTC): ``2026-03-05 02:00:00[.ffffff][+00]``.
    A timestamp's local date depends only on its UTC hour wherever the zone's offset is
    whole hours (Việt Nam: UTC+7), so one conversion serves every timestamp of that hour.
    """

    def __init__(self, tz):
        self.tz = tz
        self.days: dict[str, datetime.date] = {}
        self.hours: dict[str, datetime.date] = {}

    def day(self, text: str) -> datetime.date:
        found = self.days.get(text)
        if found is None:
            found = self.days[text] = datetime.date.fromisoformat(text[:10])
        return found

    def local_day(self, text: str) -> datetime.date:
        hour = text[:13]
        found = self.hours.get(hour)
        if found is None:
            moment = datetime.datetime.fromisoformat(f"{hour}:00").replace(tzinfo=datetime.UTC).astimezone(self.tz)
            if moment.utcoffset() % datetime.timedelta(hours=1):  # a half-hour zone: no sharing
                exact = datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.UTC)
                return exact.astimezone(self.tz).date()
            found = self.hours[hour] = moment.date()
        return found


def items_judged(
    *,
    units: dict[int, Unit],
    period: Period | None,
    today: datetime.date | None = None,
) -> list[ItemRow]:
    """Every reported item of ``units``, judged; ``counted`` says whether ``period`` counts it.

    Without a period, every published or unpublished item is read (the late-items
    screens); with one, only those that may fall in it.
    """
    from wagtail.models import Locale, Page

    today = today or timezone.localdate()
    unit_ids = list(units)
    homes = _portal_homes(unit_ids)
    default_locale_ids = set(
        Locale.objects.filter(language_code=settings.LANGUAGE_CODE).values_list("pk", flat=True)
    )
    skeleton = _skeleton_models()
    lines_by_model: dict[str, list[ReportLine]] = defaultdict(list)
    for line in TABLE1_LINES:
        for source in line.sources:
            lines_by_model[source.model].append(line)
    foreign_line = next(line for line in TABLE1_LINES if line.special == Special.FOREIGN_LANGUAGE)
    # Issue #7 benchmark (bench/report_bench.py, 200,000 items): the per-item work below
    # is memoised on the few values it depends on, and the model lookup, time zone and
    # translation keys are read once, not per item.
    models_by_label = {label: apps.get_model(label) for label in REPORTED_MODELS}
    line_fields = {
        label: tuple(sorted({s.field for line in lines for s in line.sources if s.model == label and s.field}))
        for label, lines in lines_by_model.items()
    }
    tz = timezone.get_current_timezone()

    # Dates and timestamps are read as text and converted once per distinct value
    # (see _LocalDates): Django's per-row conversion of 400,000 timestamps was a third
    # of the report's time over 200,000 items.
    base_fields = ("pk", "unit_id", "title", "url_path", "locale_id", "info_text", "first_text", "last_text")
    as_text = {name: Cast(column, output_field=CharField()) for name, column in (
        ("info_text", "information_date"), ("first_text", "first_published_at"), ("last_text", "last_published_at"))}
    dates = _LocalDates(tz)
    raw: list[tuple[str, list[tuple], tuple[str, ...]]] = []
    earliest_text = today.isoformat()  # ISO dates compare as text
    for label in REPORTED_MODELS:
        model = apps.get_model(label)
        annotations, extra_fields = EXTRA_VALUES.get(label, lambda: ({}, ()))()
        queryset = model.objects.filter(unit_id__in=unit_ids, alias_of__isnull=True)
        if period is not None:
            start_dt = timezone.make_aware(datetime.datetime.combine(period.start, datetime.time.min))
            end_dt = timezone.make_aware(datetime.datetime.combine(period.end + datetime.timedelta(days=1),
                                                                   datetime.time.min))
            queryset = queryset.filter(
                Q(first_published_at__lt=end_dt)
                & (Q(first_published_at__gte=start_dt) | Q(last_published_at__gte=start_dt))
                | Q(first_published_at__isnull=True, information_date__lte=period.end)
            )
        names = (*base_fields, *extra_fields, *annotations)
        rows = list(queryset.annotate(**as_text, **annotations).values_list(*names))
        if rows:
            earliest_text = min(earliest_text, min(row[5] for row in rows))
            raw.append((label, rows, names))
    earliest = dates.day(earliest_text)

    # Row 12: a translation is due 2 working days after its Vietnamese version was published.
    # Translation keys are read for the foreign pages only (one query, when there are any).
    translation_keys: dict[int, object] = {}
    foreign_pks = [row[0] for _, rows, _ in raw for row in rows if row[4] not in default_locale_ids]
    if foreign_pks:
        translation_keys = dict(Page.objects.filter(pk__in=foreign_pks).values_list("pk", "translation_key"))
    source_published: dict = {}
    if translation_keys:
        for key, first in Page.objects.filter(
            translation_key__in=set(translation_keys.values()), locale_id__in=default_locale_ids
        ).values_list("translation_key", "first_published_at"):
            if first is not None:
                source_published[key] = timezone.localdate(first, tz)

    calendar = working_calendar(after=earliest - datetime.timedelta(days=1))
    portals = {unit_id: (units[unit_id].hostname, home[0]) for unit_id, home in homes.items()}
    due_cache: dict = {}
    lines_cache: dict = {}
    issuer_cache: dict = {}
    verdict_cache: dict = {}
    deadline_cache: dict = {}
    items: list[ItemRow] = []
    append = items.append
    day, local_day = dates.day, dates.local_day
    for label, rows, names in raw:
        model = models_by_label[label]
        in_skeleton = label in skeleton
        authority_index = names.index("issuing_authority") if "issuing_authority" in names else None
        for row in rows:
            pk, unit_id, title, url_path, locale_id, info_text, first_text, last_text = row[:8]
            unit = units[unit_id]
            item_key = model.mandate_item
            information_date = day(info_text)
            if locale_id not in default_locale_ids:
                item_key = FOREIGN_LANGUAGE_ITEM
                information_date = source_published.get(translation_keys.get(pk), information_date)
                lines = (foreign_line.key,) if foreign_line.applies(unit.kind) else ()
                issuer = True
            else:
                lines_key = (label, unit.kind, *row[8:])
                lines = lines_cache.get(lines_key)
                if lines is None:
                    values = dict(zip(names, row))
                    lines = lines_cache[lines_key] = tuple(
                        line.key for line in lines_by_model[label]
                        if line.applies(unit.kind) and any(s.model == label and s.matches(values) for s in line.sources)
                    )
                issuer = True
                if authority_index is not None and item_key == LEGAL_DOCUMENT_ITEM:
                    issuer_key = (row[authority_index], unit_id)
                    issuer = issuer_cache.get(issuer_key)
                    if issuer is None:
                        issuer = issuer_cache[issuer_key] = portal_is_issuer(
                            issuing_authority=row[authority_index], unit_name=unit.name,
                            unit_short_name=unit.short_name)
            deadline_key = (item_key, unit.kind, issuer)
            days_allowed = deadline_cache.get(deadline_key, deadline_cache)
            if days_allowed is deadline_cache:  # None is a valid cached answer
                days_allowed = deadline_cache[deadline_key] = deadline_for(
                    item_key=item_key, kind=unit.kind, issuer=issuer)
            published_on = published_on_from(
                information_date=information_date,
                first_published_on=local_day(first_text) if first_text else None,
                last_published_on=local_day(last_text) if last_text else None,
            )
            if published_on is None and in_skeleton:
                continue
            # A verdict depends on these three values only (and today, fixed for the call).
            verdict_key = (information_date, published_on, days_allowed)
            verdict = verdict_cache.get(verdict_key)
            if verdict is None:
                verdict = verdict_cache[verdict_key] = timeliness_of(
                    information_date=information_date, published_on=published_on, days_allowed=days_allowed,
                    today=today, calendar=calendar, due_cache=due_cache,
                )
            if published_on is not None:
                when = published_on
            elif verdict.status == Timeliness.OVERDUE:
                when = verdict.due_date
            else:
                when = None
            counted = when is not None and (period is None or period.start <= when <= period.end)
            append(ItemRow(pk, unit_id, label, item_key, title, url_path, verdict, lines, counted,
                           portals.get(unit_id)))
    return items


def items_republished(*, units: dict[int, Unit], period: Period, homes: dict) -> list[ItemRow]:
    """Row 14 (Điều 9.4): provincial articles republished on the component portals of
    ``units`` whose republished page was first published in ``period`` (one query).

    Điều 9.4 sets no deadline: the items are counted, never judged on time or overdue.
    """
    from compliance.models import Republication

    line = next(line for line in TABLE1_LINES if line.special == Special.REPUBLISHED)
    start_dt = timezone.make_aware(datetime.datetime.combine(period.start, datetime.time.min))
    end_dt = timezone.make_aware(datetime.datetime.combine(period.end + datetime.timedelta(days=1), datetime.time.min))
    rows = Republication.objects.filter(
        target_unit_id__in=list(units), target_page__first_published_at__gte=start_dt,
        target_page__first_published_at__lt=end_dt,
    ).values_list("target_page_id", "target_unit_id", "target_page__title", "target_page__url_path")
    items = []
    for page_id, unit_id, title, url_path in rows:
        unit = units[unit_id]
        items.append(ItemRow(
            page_id=page_id, unit_id=unit_id, model="cms.RepublishedPage", item_key=line.article, title=title,
            url_path=url_path, verdict=NOT_MEASURED, lines=(line.key,) if line.applies(unit.kind) else (),
            counted=True, portal=(unit.hostname, homes.get(unit_id, (None, None))[0]),
        ))
    return items


# --- Table 1 -----------------------------------------------------------------------


@dataclass
class Cell:
    """The refs (page ids) behind one line's figures; each figure is len() of its list."""

    on_time: list[int] = field(default_factory=list)
    overdue: list[int] = field(default_factory=list)
    count: list[int] = field(default_factory=list)

    def add(self, other: Cell) -> None:
        self.on_time += other.on_time
        self.overdue += other.overdue
        self.count += other.count


@dataclass
class LineFigures:
    line: ReportLine
    applicable: bool
    measured: bool
    cell: Cell
    note: str = ""
    tracked: bool = True

    def value(self, column: str) -> int | None:
        """The figure in ``column`` (on_time, overdue, count); None where the form leaves it blank."""
        if not self.applicable or not self.tracked:
            return None
        if column != "count" and not self.measured:
            return None
        return len(getattr(self.cell, column))


def _line_measured(line: ReportLine) -> bool:
    if line.special == Special.FOREIGN_LANGUAGE:
        return MANDATE_ITEMS[FOREIGN_LANGUAGE_ITEM].deadline_working_days is not None
    if line.special:
        return False
    if line.is_group:
        return any(_line_measured(TABLE1[key]) for key in line.children)
    return any(
        MANDATE_ITEMS[apps.get_model(source.model).mandate_item].deadline_working_days is not None
        for source in line.sources
    )


def _unit_cells(items: list[ItemRow], contact_units: set[int], homes: dict) -> dict[int, dict[str, Cell]]:
    cells: dict[int, dict[str, Cell]] = defaultdict(lambda: defaultdict(Cell))
    for item in items:
        if not item.counted:
            continue
        for key in item.lines:
            cell = cells[item.unit_id][key]
            cell.count.append(item.page_id)
            if item.verdict.status == Timeliness.ON_TIME:
                cell.on_time.append(item.page_id)
            elif item.verdict.status == Timeliness.OVERDUE:
                cell.overdue.append(item.page_id)
    contact_key = next(line.key for line in TABLE1_LINES if line.special == Special.PORTAL_CONTACT_SETTINGS)
    for unit_id in contact_units:
        cells[unit_id][contact_key].count.append(homes.get(unit_id, (None, unit_id))[1])
    return cells


def table1_rows(*, kinds: set[str], cells: dict[str, Cell]) -> list[LineFigures]:
    """Table 1's lines for a scope holding units of ``kinds`` with the summed ``cells``."""
    figures: dict[str, LineFigures] = {}
    for line in TABLE1_LINES:
        applicable = any(line.applies(kind) for kind in kinds)
        measured = _line_measured(line)
        tracked = True  # row 14 is tracked since republication is recorded (Điều 9.4)
        cell = Cell()
        if not line.is_group:
            cell.add(cells.get(line.key, Cell()))
        note = ""
        if not applicable:
            note = NOT_APPLICABLE_NOTE
        elif line.special in SPECIAL_NOTES:
            note = SPECIAL_NOTES[line.special]
        elif not measured:
            note = NOT_MEASURED_NOTE
        figures[line.key] = LineFigures(line, applicable, measured, cell, note, tracked)
    # A group line sums its children, which come after it: fill it in a second pass.
    for line in TABLE1_LINES:
        if line.is_group:
            cell = Cell()
            for key in line.children:
                cell.add(figures[key].cell)
            figures[line.key].cell = cell
    return [figures[line.key] for line in TABLE1_LINES]


# --- The report --------------------------------------------------------------------


@dataclass
class UnitReport:
    """Table 1 for one unit's scope (itself and every unit under it)."""

    unit: Unit
    rows: list[LineFigures]
    own_rows: list[LineFigures] | None = None  # the unit's own portal only, when it has units under it
    breakdown: list[UnitReport] = field(default_factory=list)

    def row(self, key: str) -> LineFigures:
        return next(row for row in self.rows if row.line.key == key)


@dataclass
class Report:
    unit: Unit
    period: Period
    as_of: datetime.date
    table1: UnitReport
    table2: list  # qa.selectors.QATableRow, the last one the total
    recommendations: list[str]
    items: dict[int, ItemRow]  # page id → item, for drill-down
    homes: dict[int, tuple[str, int]]


def _sum_cells(node: UnitNode, per_unit: dict[int, dict[str, Cell]]) -> dict[str, Cell]:
    total: dict[str, Cell] = defaultdict(Cell)
    for member in node.walk():
        for key, cell in per_unit.get(member.unit.pk, {}).items():
            total[key].add(cell)
    return total


def _unit_report(node: UnitNode, per_unit) -> UnitReport:
    kinds = {member.unit.kind for member in node.walk()}
    report = UnitReport(node.unit, table1_rows(kinds=kinds, cells=_sum_cells(node, per_unit)))
    if node.children:
        report.own_rows = table1_rows(kinds={node.unit.kind}, cells=per_unit.get(node.unit.pk, {}))
        report.breakdown = [_unit_report(child, per_unit) for child in node.children]
    return report


def report_build(*, unit: Unit, period: Period, today: datetime.date | None = None) -> Report:
    """The Điều 15 report of ``unit`` for ``period``, rolled up over the units under it."""
    from cms.models import PortalContactSettings
    from compliance.models import ReportRecommendation
    from qa.selectors import qa_table

    today = today or timezone.localdate()
    tree = unit_tree(unit=unit)
    scope = {node.unit.pk: node.unit for node in tree.walk()}
    items = items_judged(units=scope, period=period, today=today)
    homes = _portal_homes(list(scope))
    items += items_republished(units=scope, period=period, homes=homes)
    contact_units = set(
        PortalContactSettings.objects.filter(site__unit__in=list(scope))
        .filter(~Q(address="") | ~Q(phone="") | ~Q(email=""))
        .values_list("site__unit", flat=True)
    )
    per_unit = _unit_cells(items, contact_units, homes)
    table1 = _unit_report(tree, per_unit)

    ordered_units = [node.unit for node in tree.walk()]
    qa_rows = qa_table(units=ordered_units, start=period.start, end=period.end, as_of=today)
    # Table 2 lists the agencies that received petitions (and the reporting one).
    table2 = [row for row in qa_rows[:-1] if row.received or row.unit.pk == unit.pk] + qa_rows[-1:]
    recommendations = list(
        ReportRecommendation.objects.filter(unit=unit, period=period.code).values_list("text", flat=True)
    )
    return Report(unit, period, today, table1, table2, recommendations, {item.page_id: item for item in items}, homes)


# --- Late items (the admin screens) -----------------------------------------------


def items_late(*, units: dict[int, Unit], today: datetime.date | None = None,
               period: Period | None = None) -> list[ItemRow]:
    """Overdue items of ``units`` (published late, or unpublished past their due date), worst first."""
    items = [item for item in items_judged(units=units, period=period, today=today)
             if item.counted and item.verdict.status == Timeliness.OVERDUE]
    return sorted(items, key=lambda item: -((item.verdict.days_used or 0) - (item.verdict.days_allowed or 0)))


@dataclass
class PortalStanding:
    unit: Unit
    on_time: int
    overdue: int
    pending_overdue: int  # of the overdue ones, still unpublished

    @property
    def measured(self) -> int:
        return self.on_time + self.overdue

    @property
    def overdue_share(self) -> float:
        return self.overdue / self.measured if self.measured else 0.0


def portals_standing(*, units: dict[int, Unit], period: Period, today: datetime.date | None = None
                     ) -> list[PortalStanding]:
    """Every portal's on-time and overdue counts in ``period``, worst first."""
    counts: dict[int, list[int]] = {unit_id: [0, 0, 0] for unit_id in units}
    for item in items_judged(units=units, period=period, today=today):
        if not item.counted:
            continue
        if item.verdict.status == Timeliness.ON_TIME:
            counts[item.unit_id][0] += 1
        elif item.verdict.status == Timeliness.OVERDUE:
            counts[item.unit_id][1] += 1
            counts[item.unit_id][2] += item.verdict.published_on is None
    standings = [PortalStanding(units[unit_id], *values) for unit_id, values in counts.items()]
    return sorted(standings, key=lambda s: (-s.overdue_share, -s.overdue, KIND_ORDER[s.unit.kind], s.unit.name))


def units_by_slug(*, slug: str) -> Unit | None:
    return Unit.objects.filter(slug=slug).first()


def units_reporting(*, slug: str) -> list[Unit]:
    """``all``: every portal that reports (every unit with a portal), province first."""
    if slug == "all":
        units = Unit.objects.filter(site__isnull=False)
        return sorted(units, key=lambda u: (KIND_ORDER[u.kind], u.name))
    unit = units_by_slug(slug=slug)
    return [unit] if unit else []

