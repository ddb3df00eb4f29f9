"""Issue #7 item 6: the demo articles spread over 2026-H1 and H2 with some late, and
provincial news republished (row 14), idempotently."""

import datetime

from cms.models import NewsPage
from compliance.models import Republication
from compliance.selectors import report_build
from demo.compliance import compliance_demo_seed
from mandate.periods import period_parse
from tests.cms import factories as f
from tests.compliance.conftest import vn

TODAY = datetime.date(2026, 11, 27)


def _figures(report, key):
    row = report.table1.row(key)
    return tuple(row.value(column) for column in ("on_time", "overdue", "count"))


def test_demo_articles_spread_over_both_halves_with_some_late(db, time_machine):
    time_machine.move_to(vn(TODAY, 9), tick=False)
    portals = f.portal_with_sections(slugs={"bacninh", "sotuphap"})
    for slug in ("bacninh", "sotuphap"):
        for _ in range(10):
            f.NewsPageFactory(parent=portals.section(slug, "tin-tuc"))
        f.DirectionPageFactory(parent=portals.section(slug, "chi-dao-dieu-hanh"))
    slugs = ("bacninh", "sotuphap")

    assert compliance_demo_seed(slugs=slugs) == 22
    assert compliance_demo_seed(slugs=slugs) == 0  # idempotent
    assert Republication.objects.count() == 2  # two provincial news on the department's portal

    dates = sorted(NewsPage.objects.values_list("information_date", flat=True))
    assert dates[0] < datetime.date(2026, 2, 1) and dates[-1] > datetime.date(2026, 9, 1)
    province = portals.units["bacninh"]
    h1 = report_build(unit=province, period=period_parse("2026-H1"))
    h2 = report_build(unit=province, period=period_parse("2026-H2"))
    year = report_build(unit=province, period=period_parse("2026"))
    for report in (h1, h2):
        on_time, overdue, count = _figures(report, "2")
        assert on_time > overdue > 0 and count == on_time + overdue
    assert _figures(year, "2")[2] == 20
    # About one in five late, never all.
    assert 3 <= _figures(year, "2")[1] <= 5
    assert _figures(year, "14") == (None, None, 2)
