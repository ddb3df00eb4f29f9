"""The judging step of the Điều 15 report on hand-made rows, without a database (issue #24).

``compliance.judging`` takes rows as the report's query step reads them (dates and
timestamps as UTC text) and judges each one; these tests write the rows by hand.
Monday 2 March 2026 is an ordinary working week (no holiday, no exception): two
working days after it is Wednesday 4 March.
"""

import datetime
import zoneinfo

import pytest

from mandate.items import LEGAL_DOCUMENT_GOVERNED_UNIT_DEADLINE as LEGAL_DOCUMENT_GOVERNED_AGENCY_DEADLINE
from compliance.judging import (
    ANSWER_MODEL,
    CONTACT_SETTINGS_MODEL,
    FOREIGN_LANGUAGE_ITEM,
    PAGE_COLUMNS,
    Foreign,
    Judge,
    PageType,
    answer_item,
    contact_item,
    page_items,
)
from compliance.periods import Period
from compliance.report_form import TABLE1_LINES, Special
from compliance.rules import Timeliness
from tenants.models import Unit, UnitKind
from workdays.calendar import WorkingCalendar

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
H1 = Period("2026-H1", datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
VI, EN = 1, 2  # locale ids
PROVINCE = Unit(pk=1, kind=UnitKind.PROVINCE, name="Ủy ban nhân dân tỉnh Bắc Ninh", short_name="UBND tỉnh",
                hostname="bacninh.gov.vn")
COMMUNE = Unit(pk=2, kind=UnitKind.COMMUNE, name="Xã Liên Bão", short_name="", hostname="lienbao.gov.vn")
FOREIGN_LINE = next(line for line in TABLE1_LINES if line.special == Special.FOREIGN_LANGUAGE)
CONTACT_LINE = next(line for line in TABLE1_LINES if line.special == Special.PORTAL_CONTACT_SETTINGS)


def d(day: int, month: int = 3) -> datetime.date:
    return datetime.date(2026, month, day)


def utc(day: int, hour: int = 2, month: int = 3) -> str:
    """A timestamp as the query step reads it: UTC text (02:00 UTC is 09:00 in Việt Nam)."""
    return f"2026-{month:02d}-{day:02d} {hour:02d}:00:00+00"


def judge(*, today=d(20), period=H1, as_of=None) -> Judge:
    return Judge(today=today, calendar=WorkingCalendar({}), tz=VN, start=period.start,
                 end=min(period.end, as_of or today), period=period,
                 portals={1: ("bacninh.gov.vn", "/home-bacninh/")})


def page_type(label="cms.NewsPage", item="8.1.b", extra=(), skeleton=False) -> PageType:
    lines = [line for line in TABLE1_LINES if any(source.model == label for source in line.sources)]
    return PageType(label, item, (*PAGE_COLUMNS, *extra), lines, skeleton=skeleton)


def row(pk, *, info="2026-03-02", first=None, last=None, locale=VI, has_updates=False, unit=PROVINCE, extra=()):
    return (pk, unit.pk, f"Trang {pk}", f"/home-bacninh/trang-{pk}/", locale, info, first, last, has_updates, *extra)


FOREIGN = Foreign(FOREIGN_LINE, {VI})


def test_each_recorded_update_is_judged_on_its_own_and_counted_by_its_publication():
    updates = [(11, "2026-03-02", utc(4)), (12, "2026-03-02", utc(5)), (13, "2026-06-29", utc(1, month=7))]
    items = page_items(row(5, first=utc(4), has_updates=True), page_type=page_type(), unit=PROVINCE,
                       updates=updates, judge=judge(today=d(3, 7)), foreign=FOREIGN)

    assert [item.ref for item in items] == ["update-11", "update-12", "update-13"]
    assert [item.verdict.status for item in items] == [Timeliness.ON_TIME, Timeliness.OVERDUE, Timeliness.ON_TIME]
    assert [item.verdict.due_date for item in items[:2]] == [d(4), d(4)]
    assert [item.counted for item in items] == [True, True, False]  # the third was posted in H2
    assert items[0].lines and items[0].url == "https://bacninh.gov.vn/trang-5/"


def test_a_page_without_history_is_one_update_from_its_own_dates():
    # Published at 20:00 UTC on 4 March: already 5 March in Việt Nam, one day late.
    (item,) = page_items(row(6, first=utc(4, hour=20)), page_type=page_type(), unit=PROVINCE, updates=(),
                         judge=judge(), foreign=FOREIGN)
    assert (item.ref, item.posted, item.counted) == ("page-6", True, True)
    assert item.verdict.status == Timeliness.OVERDUE and item.verdict.published_on == d(5)


def test_drafts_are_late_items_only_when_overdue_and_skeletons_never():
    late = row(7, info="2026-03-02")
    (draft,) = page_items(late, page_type=page_type(), unit=PROVINCE, updates=(), judge=judge(), foreign=FOREIGN)
    assert draft.posted is False and draft.counted is True and draft.verdict.status == Timeliness.OVERDUE
    # Not yet due on 3 March (due on the 4th): no item at all.
    assert page_items(late, page_type=page_type(), unit=PROVINCE, updates=(), judge=judge(today=d(3)),
                      foreign=FOREIGN) == []
    # A draft due in H2 is a late item, but H1 does not count it.
    (later,) = page_items(row(8, info="2026-06-30"), page_type=page_type(), unit=PROVINCE, updates=(),
                          judge=judge(today=d(20, 7)), foreign=FOREIGN)
    assert later.posted is False and later.counted is False
    # Provisioning's empty introduction page is no item until the board publishes it.
    skeleton = page_type("cms.IntroductionPage", "8.1.a", skeleton=True)
    assert page_items(late, page_type=skeleton, unit=PROVINCE, updates=(), judge=judge(), foreign=FOREIGN) == []


@pytest.mark.parametrize(("authority", "days"), [
    ("UBND tỉnh Bắc Ninh", 2),  # the portal's own unit issued it (Điều 8.1.e)
    ("Bộ Tư pháp", LEGAL_DOCUMENT_GOVERNED_AGENCY_DEADLINE),  # an agency governing the unit
])
def test_legal_documents_are_due_by_who_issued_them(authority, days):
    legal = page_type("cms.LegalDocumentPage", "8.1.e", extra=("issuing_authority",))
    (item,) = page_items(row(9, first=utc(10), extra=(authority,)), page_type=legal, unit=PROVINCE, updates=(),
                         judge=judge(), foreign=FOREIGN)
    assert item.verdict.days_allowed == days


def test_an_english_page_is_due_after_the_vietnamese_version_it_translates():
    # The Vietnamese page was published on 2 and 9 March; the English update of 12
    # March translates the version of the 9th: due on the 11th, one day late.
    foreign = Foreign(FOREIGN_LINE, {VI}, {20: "key"}, {"key": [d(2), d(9)]})
    english = row(20, info="2026-03-01", first=utc(12), locale=EN)
    (item,) = page_items(english, page_type=page_type(), unit=PROVINCE, updates=(), judge=judge(), foreign=foreign)
    assert item.item_key == FOREIGN_LANGUAGE_ITEM and item.lines == (FOREIGN_LINE.key,)
    assert item.verdict.due_date == d(11) and item.verdict.status == Timeliness.OVERDUE
    # Row 12 is the province's: on a commune's portal it is not measured nor reported.
    (commune,) = page_items(row(21, first=utc(12), locale=EN, unit=COMMUNE), page_type=page_type(), unit=COMMUNE,
                            updates=(), judge=judge(), foreign=foreign)
    assert commune.lines == () and commune.verdict.status == Timeliness.NOT_APPLICABLE


def test_contact_changes_and_english_answers():
    contact = contact_item((30, 1, 7, "2026-03-02", utc(5)), unit=PROVINCE, line=CONTACT_LINE, judge=judge())
    assert (contact.ref, contact.page_id, contact.model) == ("update-30", 7, CONTACT_SETTINGS_MODEL)
    assert contact.verdict.status == Timeliness.OVERDUE and contact.url_path == "/home-bacninh/"
    vietnamese = datetime.datetime(2026, 3, 2, 10, tzinfo=VN)
    answer = answer_item((40, 1, "Visa", vietnamese, datetime.datetime(2026, 3, 3, 23, tzinfo=datetime.UTC)),
                         unit=PROVINCE, line=FOREIGN_LINE, judge=judge())
    # 23:00 UTC on 3 March is 4 March in Việt Nam: within the two working days.
    assert (answer.ref, answer.model, answer.verdict.status) == ("answer-40", ANSWER_MODEL, Timeliness.ON_TIME)
    assert answer.verdict.published_on == d(4) and answer.lines == (FOREIGN_LINE.key,)


def test_the_data_cut_off_bounds_what_the_period_counts():
    updates = [(50, "2026-03-02", utc(4)), (51, "2026-03-02", utc(10))]
    items = page_items(row(10, first=utc(4), has_updates=True), page_type=page_type(), unit=PROVINCE,
                       updates=updates, judge=judge(as_of=d(6)), foreign=FOREIGN)
    assert [item.counted for item in items] == [True, False]
