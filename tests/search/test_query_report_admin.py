"""The week's queries in the admin (issue 18 item 5): a board reads its own portal's
counts, the provincial board every portal's, and the export cannot run what was typed."""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse

from search.models import SearchQueryStat
from tenants.models import BoardRole, Unit
from tests.factories import board_member, province_rows, provision

MONDAY = datetime.date(2026, 11, 30)
EARLIER = MONDAY - datetime.timedelta(days=7)


@pytest.fixture(scope="module")
def units(django_db_setup, django_db_blocker):
    """Two portals without sections (the report needs none), built once for the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        provision([row for row in province_rows() if row.slug in ("bacninh", "sotuphap")])
        stats = [("sotuphap", MONDAY, "lý lịch tư pháp", 40, 0), ("sotuphap", MONDAY, "=HYPERLINK(\"x\")", 3, 3),
                 ("sotuphap", EARLIER, "tuần trước của sở", 9, 0), ("bacninh", MONDAY, "quy hoạch tỉnh", 25, 0),
                 ("", MONDAY, "tìm trên mọi cổng", 7, 2)]
        SearchQueryStat.objects.bulk_create([SearchQueryStat(portal=p, week=w, query=q, count=c, zero_results=z)
                                             for p, w, q, c, z in stats])
        yield {unit.slug: unit for unit in Unit.objects.all()}
        transaction.set_rollback(True)


def test_each_board_reads_its_own_portals_queries(client, units, db):
    index = reverse("search_query_report:index")
    client.force_login(board_member(units["sotuphap"], BoardRole.MEMBER))
    html = client.get(index).content.decode()
    # The latest week by default, most frequent first; nothing of another portal.
    assert html.index("lý lịch tư pháp") < html.index("HYPERLINK")
    assert "tuần trước của sở" not in html and "quy hoạch tỉnh" not in html and "tìm trên mọi cổng" not in html
    assert "Truy vấn tìm kiếm trong tuần" in html  # Vietnamese screen
    zero = client.get(index, {"without_results": "true", "ordering": "-zero_results"}).content.decode()
    assert "HYPERLINK" in zero and "lý lịch tư pháp" not in zero
    assert "tuần trước của sở" in client.get(index, {"week": EARLIER.isoformat()}).content.decode()
    # Another portal's slug in the filter is no way in.
    assert "quy hoạch tỉnh" not in client.get(index, {"portal": "bacninh"}).content.decode()
    stat = SearchQueryStat.objects.get(query="quy hoạch tỉnh")
    for name in ("edit", "delete"):
        assert client.get(reverse(f"search_query_report:{name}", args=[stat.pk])).status_code in (302, 403, 404)
    assert client.get(reverse("search_query_report:add")).status_code in (302, 403)

    csv = b"".join(client.get(index, {"export": "csv"}).streaming_content).decode()
    assert "'=HYPERLINK" in csv and "lý lịch tư pháp" in csv and "quy hoạch tỉnh" not in csv

    client.force_login(board_member(units["sotuphap"], BoardRole.CONTRIBUTOR))
    assert client.get(index).status_code in (302, 403)

    client.force_login(board_member(units["bacninh"], BoardRole.HEAD))
    html = client.get(index).content.decode()
    assert all(q in html for q in ("lý lịch tư pháp", "quy hoạch tỉnh", "tìm trên mọi cổng"))
    across = client.get(index, {"portal": "-"}).content.decode()
    assert "tìm trên mọi cổng" in across and "quy hoạch tỉnh" not in across
