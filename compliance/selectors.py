"""Reading compliance: every item's timeliness, the Điều 15 report and its roll-up.

One pass builds everything, in two steps (issue #20): a query step
(``_items_read``: one ``values()`` query per reported page type, since the ``unit``
and ``information_date`` columns live on each page type's own table, plus one query
each for the recorded updates, the English answers, the units, the portals' home
pages, the locales, the working-day exceptions and Q&A's table 2) and a judging step
(``items_from_read``) that turns each update into an ``ItemRow`` with its verdict from
``compliance.rules``, one row at a time through the pure functions of
``compliance.judging`` (issue #24). A report adds the units of its scope up (Điều 15.5: a district
over its communes, the province over every portal).

What a period counts (issue #20, the five readings of Điều 8 and 15):

* each update (``compliance.models.InformationUpdate``) posted in the period, judged
  against its own deadline: a page updated three times counts three times (8.1); a
  page published without a recorded history counts once, from its own dates;
* only what was posted (15.2 "đã đăng"): a draft is never in the table; an overdue
  one is a late item for the editors (``items_late``);
* as of the data cut-off (15.3): nothing posted or answered after ``as_of``;
* row 12 (8.2.d): English updates of pages, due after the Vietnamese version they
  translate was published, and English answers to foreigners' questions, due after
  the Vietnamese answer was published; working or calendar days by
  ``settings.COMPLIANCE_FOREIGN_LANGUAGE_WORKING_DAYS``;
* row 1.4 (8.1.l): changes of the portal's contact details, judged like the others.

A draft of a page provisioning creates empty (introduction, contacts, access to
information, online services) is not an item until the board publishes it.
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

from cms.disclosures import disclosures_overdue
from compliance.judging import (
    CONTACT_SETTINGS_ITEM,
    FOREIGN_LANGUAGE_ITEM,
    PAGE_COLUMNS,
    Foreign,
    ItemRow,
    Judge,
    PageType,
    answer_item,
    contact_item,
    page_items,
)
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
from compliance.rules import NOT_MEASURED, Timeliness
from mandate.items import MANDATE_ITEMS
from mandate.periods import Period
from mandate.units import KIND_ORDER
from tenants.models import Unit
from workdays.calendar import working_calendar

COLUMNS = ("on_time", "overdue", "count")
_HAS_UPDATES = PAGE_COLUMNS.index("has_updates")

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
    from tenants.registry import sections_registered

    return frozenset(section.model for section in sections_registered() if not section.live)


Span = tuple[datetime.date, datetime.date]


@dataclass
class UnitNode:
    """A unit in a report's tree; ``spans``: the days of the period it sat there
    (None: the whole period, or no period)."""

    unit: Unit
    children: list[UnitNode] = field(default_factory=list)
    spans: tuple[Span, ...] | None = None
    cells: dict | None = field(default=None, repr=False)  # _node_cells, once per report

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def holds(self, day: datetime.date | None) -> bool:
        """Whether an item dated ``day`` counts at this place of the tree."""
        if self.spans is None or day is None:
            return True
        return any(start <= day <= end for start, end in self.spans)


def unit_tree(*, unit: Unit, units: list[Unit] | None = None, period: Period | None = None) -> UnitNode:
    """``unit`` and everything under it, children by kind then name.

    Without a period: by today's ``Unit.parent``. With one (issue #21): by the
    hierarchy in force on each day of it (``tenants.selectors.HierarchyHistory``).
    A unit that changed parent during the period appears under each parent it had,
    each place with the days it sat there (``UnitNode.spans``), and an item counts at
    the place holding its date (``ItemRow.on``): every item counts once in the
    roll-up, totals equal the sum of the rows, and a unit's row in its parent's
    breakdown equals its own report.
    """
    from tenants.selectors import HierarchyHistory

    units = units if units is not None else list(Unit.objects.all())
    by_pk = {other.pk: other for other in units}
    order = lambda u: (KIND_ORDER[u.kind], u.name)  # noqa: E731
    if period is None:
        parent_maps = [((datetime.date.min, datetime.date.max), {u.pk: u.parent_id for u in units})]
    else:
        history = HierarchyHistory(units)
        days = [period.start, *history.change_days(period.start, period.end)]
        ends = [day - datetime.timedelta(days=1) for day in days[1:]] + [period.end]
        parent_maps = [((start, end), history.parents_on(start)) for start, end in zip(days, ends)]
    by_parent: list[tuple[Span, dict[int, list[int]]]] = []
    for span, parents in parent_maps:
        children: dict[int, list[int]] = defaultdict(list)
        for unit_id, parent_id in parents.items():
            children[parent_id].append(unit_id)
        by_parent.append((span, children))
    whole = tuple(span for span, _ in by_parent)

    def build(node_unit: Unit, spans: tuple[Span, ...]) -> UnitNode:
        kid_spans: dict[int, list[Span]] = defaultdict(list)
        for span, children in by_parent:
            if span in spans:
                for kid in children.get(node_unit.pk, ()):
                    kid_spans[kid].append(span)
        kids = sorted((by_pk[kid] for kid in kid_spans), key=order)
        node = UnitNode(node_unit, [build(kid, tuple(kid_spans[kid.pk])) for kid in kids],
                        None if spans == whole else spans)
        return node

    return build(unit, whole)


def _portal_homes(unit_ids) -> dict[int, tuple[str, int]]:
    from cms.models import PortalHomePage

    return {
        unit_id: (url_path, pk)
        for unit_id, url_path, pk in PortalHomePage.objects.filter(unit_id__in=unit_ids).values_list(
            "unit_id", "url_path", "pk"
        )
    }


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass
class _Read:
    """What the query step of :func:`items_judged` read, for the judging step."""

    pages: list  # (label, rows, names) per page type
    updates: dict  # page id → [(update id, information date text, published text, unit id)] in the window
    contact_updates: list  # (update id, unit id, site id, information date text, published text)
    answers: list  # (answer id, unit id, subject, Vietnamese published text, English completed text)
    translation_keys: dict  # foreign page id → translation key
    source_published: dict  # translation key → sorted local dates the Vietnamese version was published
    default_locale_ids: set
    homes: dict  # unit id → (home url_path, home page id)
    calendar: object  # workdays.calendar.WorkingCalendar from the earliest date read


def _items_read(*, units: dict[int, Unit], period: Period | None, as_of: datetime.date,
                today: datetime.date) -> _Read:
    """The query step: every reported page of ``units`` that may fall in ``period`` as of
    ``as_of``, its recorded updates, the contact-details updates and English answers."""
    from wagtail.models import Locale, Page

    from compliance.models import InformationUpdate
    from translations.models import AnswerTranslation

    unit_ids = list(units)
    default_locale_ids = set(
        Locale.objects.filter(language_code=settings.LANGUAGE_CODE).values_list("pk", flat=True)
    )
    # Dates and timestamps are read as text and converted once per distinct value (see
    # compliance.judging.Judge.local_day): Django's per-row conversion of 400,000
    # timestamps was a third of the report's time over 200,000 items.
    as_text = {name: Cast(column, output_field=CharField()) for name, column in (
        ("info_text", "information_date"), ("first_text", "first_published_at"), ("last_text", "last_published_at"))}
    has_updates = Exists(InformationUpdate.objects.filter(page_id=OuterRef("pk")))
    end_dt = _aware(as_of + datetime.timedelta(days=1))
    start_dt = _aware(period.start) if period is not None else None
    pages = []
    earliest_text = as_of.isoformat()  # ISO dates compare as text
    for label in REPORTED_MODELS:
        model = apps.get_model(label)
        annotations, extra_fields = EXTRA_VALUES.get(label, lambda: ({}, ()))()
        # Issue #21: a page carried from a predecessor is read for the predecessor too (its
        # updates posted there stay the predecessor's, see items_from_read).
        queryset = model.objects.filter(Q(unit_id__in=unit_ids) | Q(original_unit_id__in=unit_ids),
                                        alias_of__isnull=True)
        if period is not None:
            queryset = queryset.filter(
                Q(first_published_at__lt=end_dt)
                & (Q(first_published_at__gte=start_dt) | Q(last_published_at__gte=start_dt))
                | Q(first_published_at__isnull=True, information_date__lte=period.end)
            )
        names = (*PAGE_COLUMNS, *extra_fields, *annotations)
        rows = list(queryset.annotate(**as_text, has_updates=has_updates, **annotations).values_list(*names))
        if rows:
            earliest_text = min(earliest_text, min(row[5] for row in rows))
            pages.append((label, rows, names))

    window = InformationUpdate.objects.filter(unit_id__in=unit_ids, published_at__lt=end_dt)
    if start_dt is not None:
        window = window.filter(published_at__gte=start_dt)
    window = window.annotate(info_text=Cast("information_date", CharField()),
                             published_text=Cast("published_at", CharField()))
    updates: dict[int, list] = defaultdict(list)
    contact_updates = []
    for pk, page_id, site_id, unit_id, info_text, published_text in window.values_list(
            "pk", "page_id", "site_id", "unit_id", "info_text", "published_text"):
        if page_id is not None:
            updates[page_id].append((pk, info_text, published_text, unit_id))
        else:
            contact_updates.append((pk, unit_id, site_id, info_text, published_text))
        earliest_text = min(earliest_text, info_text)

    answers = AnswerTranslation.objects.filter(unit_id__in=unit_ids, completed_at__lt=end_dt)
    if start_dt is not None:
        answers = answers.filter(completed_at__gte=start_dt)
    answers = list(answers.values_list("pk", "unit_id", "petition__subject", "published_at", "completed_at"))
    for answer in answers:
        earliest_text = min(earliest_text, timezone.localdate(answer[3]).isoformat())

    # Row 12: an English version is due after its Vietnamese version was published.
    # Translation keys are read for the foreign pages only (one query, when there are any).
    translation_keys: dict[int, object] = {}
    foreign_pks = [row[0] for _, rows, _ in pages for row in rows if row[4] not in default_locale_ids]
    if foreign_pks:
        translation_keys = dict(Page.objects.filter(pk__in=foreign_pks).values_list("pk", "translation_key"))
    source_published: dict = defaultdict(set)
    if translation_keys:
        keys = set(translation_keys.values())
        for key, first in Page.objects.filter(
            translation_key__in=keys, locale_id__in=default_locale_ids, first_published_at__isnull=False,
        ).values_list("translation_key", "first_published_at"):
            source_published[key].add(timezone.localdate(first))
        for key, published in InformationUpdate.objects.filter(
            page__translation_key__in=keys, page__locale_id__in=default_locale_ids,
        ).values_list("page__translation_key", "published_at"):
            source_published[key].add(timezone.localdate(published))
    earliest = min([datetime.date.fromisoformat(earliest_text[:10]), today,
                    *(min(days) for days in source_published.values() if days)])
    return _Read(pages, updates, contact_updates, answers, translation_keys,
                 {key: sorted(days) for key, days in source_published.items()}, default_locale_ids,
                 _portal_homes(unit_ids), working_calendar(after=earliest - datetime.timedelta(days=1)))


def items_judged(
    *,
    units: dict[int, Unit],
    period: Period | None,
    today: datetime.date | None = None,
    as_of: datetime.date | None = None,
) -> list[ItemRow]:
    """Every reported update of ``units``, judged; ``counted`` says whether ``period`` counts it.

    ``as_of`` is the data cut-off (Điều 15.3): updates posted after it are not read.
    Drafts (``posted`` False) are judged as of ``today`` for the late-items screens;
    the report leaves them out. Without a period every update and draft is read.
    """
    today = today or timezone.localdate()
    as_of = as_of or (min(today, period.end) if period is not None else today)
    read = _items_read(units=units, period=period, as_of=as_of, today=today)
    return items_from_read(read, units=units, period=period, today=today, as_of=as_of)


def items_from_read(read: _Read, *, units: dict[int, Unit], period: Period | None, today: datetime.date,
                    as_of: datetime.date) -> list[ItemRow]:
    """The judging step of :func:`items_judged`: plain values in, judged items out, no
    query; each row goes through a per-item function of ``compliance.judging``."""
    skeleton = _skeleton_models()
    lines_by_model: dict[str, list[ReportLine]] = defaultdict(list)
    for line in TABLE1_LINES:
        for source in line.sources:
            lines_by_model[source.model].append(line)
    foreign_line = next(line for line in TABLE1_LINES if line.special == Special.FOREIGN_LANGUAGE)
    contact_line = next(line for line in TABLE1_LINES if line.special == Special.PORTAL_CONTACT_SETTINGS)
    judge = Judge(
        today=today, calendar=read.calendar, tz=timezone.get_current_timezone(),
        start=period.start if period is not None else datetime.date.min,
        end=min(period.end, as_of) if period is not None else as_of, period=period,
        foreign_working_days=settings.COMPLIANCE_FOREIGN_LANGUAGE_WORKING_DAYS,
        portals={unit_id: (units[unit_id].hostname, home[0]) for unit_id, home in read.homes.items()},
    )
    foreign = Foreign(foreign_line, read.default_locale_ids, read.translation_keys, read.source_published)
    items: list[ItemRow] = []
    for label, rows, names in read.pages:
        page_type = PageType(label, apps.get_model(label).mandate_item, names, lines_by_model[label],
                             skeleton=label in skeleton)
        for row in rows:
            if not row[_HAS_UPDATES]:
                if row[1] in units:  # not a page read only for its original portal
                    items += page_items(row, page_type=page_type, unit=units[row[1]], updates=(), judge=judge,
                                        foreign=foreign)
                continue
            # Each update is the item of the unit that posted it (issue #21: a carried
            # page's updates before the carry stay the predecessor's, later ones are the
            # successor's own).
            by_unit: dict[int, list] = defaultdict(list)
            for update_id, info_text, published_text, unit_id in read.updates.get(row[0], ()):
                by_unit[unit_id].append((update_id, info_text, published_text))
            for unit_id, updates in by_unit.items():
                items += page_items((row[0], unit_id, *row[2:]), page_type=page_type, unit=units[unit_id],
                                    updates=updates, judge=judge, foreign=foreign)
    items += [contact_item(row, unit=units[row[1]], line=contact_line, judge=judge) for row in read.contact_updates]
    items += [answer_item(row, unit=units[row[1]], line=foreign_line, judge=judge) for row in read.answers]
    return items


def items_republished(*, units: dict[int, Unit], period: Period, homes: dict,
                      as_of: datetime.date | None = None) -> list[ItemRow]:
    """Row 14 (Điều 9.4): provincial articles republished on the component portals of
    ``units`` whose republished page was first published in ``period`` (one query).

    Điều 9.4 sets no deadline: the items are counted, never judged on time or overdue.
    """
    from compliance.models import Republication

    line = next(line for line in TABLE1_LINES if line.special == Special.REPUBLISHED)
    end = min(period.end, as_of) if as_of is not None else period.end
    rows = Republication.objects.filter(
        target_unit_id__in=list(units), target_page__first_published_at__gte=_aware(period.start),
        target_page__first_published_at__lt=_aware(end + datetime.timedelta(days=1)),
    ).values_list("target_page_id", "target_unit_id", "target_page__title", "target_page__url_path",
                  "target_page__first_published_at")
    items = []
    for page_id, unit_id, title, url_path, first_published_at in rows:
        unit = units[unit_id]
        items.append(ItemRow(
            ref=f"republished-{page_id}", page_id=page_id, unit_id=unit_id, model="cms.RepublishedPage",
            item_key=line.article, title=title, url_path=url_path, verdict=NOT_MEASURED,
            lines=(line.key,) if line.applies(unit.kind) else (), counted=True,
            portal=(unit.hostname, homes.get(unit_id, (None, None))[0]),
            on=timezone.localdate(first_published_at),
        ))
    return items


# --- Table 1 -----------------------------------------------------------------------


@dataclass
class Cell:
    """The refs (``ItemRow.ref``) behind one line's figures; each figure is len() of its list."""

    on_time: list[str] = field(default_factory=list)
    overdue: list[str] = field(default_factory=list)
    count: list[str] = field(default_factory=list)

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
    if line.special == Special.PORTAL_CONTACT_SETTINGS:
        return MANDATE_ITEMS[CONTACT_SETTINGS_ITEM].deadline_working_days is not None
    if line.special:
        return False
    if line.is_group:
        return any(_line_measured(TABLE1[key]) for key in line.children)
    return any(
        MANDATE_ITEMS[apps.get_model(source.model).mandate_item].deadline_working_days is not None
        for source in line.sources
    )


def _unit_cells(items: list[ItemRow], node: UnitNode | None = None) -> dict[int, dict[str, Cell]]:
    """Each unit's refs per line: the updates posted in the period (Điều 15.2: "đã đăng");
    with ``node``, only the items dated on the days it sat at that place of the tree."""
    cells: dict[int, dict[str, Cell]] = defaultdict(lambda: defaultdict(Cell))
    for item in items:
        if not item.counted or not item.posted:
            continue
        if node is not None and not node.holds(item.on):
            continue
        for key in item.lines:
            cell = cells[item.unit_id][key]
            cell.count.append(item.ref)
            if item.verdict.status == Timeliness.ON_TIME:
                cell.on_time.append(item.ref)
            elif item.verdict.status == Timeliness.OVERDUE:
                cell.overdue.append(item.ref)
    # The same figures and drill-down whatever order the database returned the rows in.
    for unit_cells in cells.values():
        for cell in unit_cells.values():
            cell.count.sort()
            cell.on_time.sort()
            cell.overdue.sort()
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
    spans: tuple[Span, ...] | None = None  # UnitNode.spans: the days it sat at this place

    @property
    def label(self) -> str:
        """The unit's name, with its days at this place when not the whole period
        (a unit that changed parent is in the breakdown under each parent)."""
        if self.spans is None:
            return self.unit.name
        days = "; ".join(f"{start:%d/%m/%Y} – {end:%d/%m/%Y}" for start, end in self.spans)
        return f"{self.unit.name} ({days})"

    def row(self, key: str) -> LineFigures:
        return next(row for row in self.rows if row.line.key == key)


@dataclass
class Report:
    unit: Unit
    period: Period
    as_of: datetime.date  # the data cut-off (Điều 15.3)
    table1: UnitReport
    table2: list  # qa.selectors.QATableRow, the last one the total
    recommendations: list[str]
    items: dict[str, ItemRow]  # ItemRow.ref → item, for drill-down
    homes: dict[int, tuple[str, int]]
    # Beside the figures, never in them (issue #22 item 2): per unit of the scope, the
    # required items of its list of information disclosed that give no link.
    disclosures_overdue: list[tuple[Unit, list]] = field(default_factory=list)


def _node_cells(node: UnitNode, per_unit: dict[int, list[ItemRow]]) -> dict[str, Cell]:
    """The cells of the node's unit, from its items dated on the node's days (worked
    out once per node: every ancestor's sum reads them)."""
    if node.cells is None:
        node.cells = _unit_cells(per_unit.get(node.unit.pk, []), node).get(node.unit.pk, {})
    return node.cells


def _sum_cells(node: UnitNode, per_unit: dict[int, list[ItemRow]]) -> dict[str, Cell]:
    total: dict[str, Cell] = defaultdict(Cell)
    for member in node.walk():
        for key, cell in _node_cells(member, per_unit).items():
            total[key].add(cell)
    for cell in total.values():
        cell.count.sort()
        cell.on_time.sort()
        cell.overdue.sort()
    return total


def _unit_report(node: UnitNode, per_unit: dict[int, list[ItemRow]]) -> UnitReport:
    kinds = {member.unit.kind for member in node.walk()}
    report = UnitReport(node.unit, table1_rows(kinds=kinds, cells=_sum_cells(node, per_unit)), spans=node.spans)
    if node.children:
        report.own_rows = table1_rows(kinds={node.unit.kind}, cells=_node_cells(node, per_unit))
        report.breakdown = [_unit_report(child, per_unit) for child in node.children]
    return report


def report_cut_off(*, period: Period, today: datetime.date | None = None) -> datetime.date:
    """The default data cut-off (Điều 15.3): the period's last day once it is over (so a
    report gives the same figures whenever it is produced), today while it runs."""
    return min(period.end, today or timezone.localdate())


def report_build(*, unit: Unit, period: Period, today: datetime.date | None = None,
                 as_of: datetime.date | None = None) -> Report:
    """The Điều 15 report of ``unit`` for ``period``, rolled up over the units under it.

    Everything is read as of ``as_of`` (default :func:`report_cut_off`): updates posted
    and questions answered after it do not count, a question still open then is judged
    against that day.
    """
    from compliance.models import ReportRecommendation

    today = today or timezone.localdate()
    as_of = min(as_of or report_cut_off(period=period, today=today), period.end)
    tree = unit_tree(unit=unit, period=period)
    scope = {node.unit.pk: node.unit for node in tree.walk()}
    items = items_judged(units=scope, period=period, today=today, as_of=as_of)
    homes = _portal_homes(list(scope))
    items += items_republished(units=scope, period=period, homes=homes, as_of=as_of)
    posted = [item for item in items if item.posted]
    per_unit: dict[int, list[ItemRow]] = defaultdict(list)
    for item in posted:
        per_unit[item.unit_id].append(item)
    table1 = _unit_report(tree, per_unit)
    # An item of a unit that was in the scope only part of the period is not the
    # report's for the other days (drill-down, exports).
    places: dict[int, list[UnitNode]] = defaultdict(list)
    for node in tree.walk():
        places[node.unit.pk].append(node)
    posted = [item for item in posted if any(node.holds(item.on) for node in places[item.unit_id])]

    qa_rows = _qa_rows(tree, places, period=period, as_of=as_of)
    # Table 2 lists the agencies that received petitions (and the reporting one).
    table2 = [row for row in qa_rows[:-1] if row.received or row.unit.pk == unit.pk] + qa_rows[-1:]
    recommendations = list(
        ReportRecommendation.objects.filter(unit=unit, period=period.code).values_list("text", flat=True)
    )
    return Report(unit, period, as_of, table1, table2, recommendations,
                  {item.ref: item for item in posted if item.counted}, homes,
                  disclosures_overdue=[(scope[unit_id], found) for unit_id, found
                                       in disclosures_overdue(unit_ids=list(scope)).items()])


def _qa_rows(tree: UnitNode, places: dict[int, list[UnitNode]], *, period: Period, as_of: datetime.date) -> list:
    """Table 2 over the tree: a unit's petitions count for the days it was in the scope
    (one query for the units in it all the period, one per span of the others)."""
    from qa.selectors import QATableRow, qa_table

    ordered = list({node.unit.pk: node.unit for node in tree.walk()}.values())
    partial: dict[tuple[Span, ...], list[Unit]] = defaultdict(list)
    whole = []
    for unit in ordered:
        if any(node.spans is None for node in places[unit.pk]):
            whole.append(unit)
        else:
            partial[tuple(sorted(span for node in places[unit.pk] for span in node.spans))].append(unit)
    counts: dict[int, QATableRow] = {}
    calls = [(whole, period.start, as_of)] if whole else []
    calls += [(units, start, min(end, as_of)) for spans, units in partial.items() for start, end in spans]
    for units, start, end in calls:
        if start > end:
            continue
        for row in qa_table(units=units, start=start, end=end, as_of=as_of)[:-1]:
            before = counts.get(row.unit.pk)
            counts[row.unit.pk] = row if before is None else QATableRow(row.unit, **{
                column: getattr(before, column) + getattr(row, column) for column in QATableRow.COLUMNS})
    rows = [counts.get(unit.pk) or QATableRow(unit) for unit in ordered]
    return rows + [QATableRow(None, **{column: sum(getattr(row, column) for row in rows)
                                       for column in QATableRow.COLUMNS})]


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

