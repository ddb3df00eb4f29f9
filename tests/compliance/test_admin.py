"""The admin screens: the deadline panel on the edit form, late items per board, every
portal worst first for the provincial board, the report download and its drill-down."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from tenants.models import BoardRole
from tests.factories import board_member


def test_admin_screens(scenario, client):
    p, units = scenario.pages, scenario.units
    head = board_member(units["xa-a"], BoardRole.HEAD, username="xa-a.head")
    province = board_member(units["bacninh"], BoardRole.MEMBER, username="bacninh.member")

    client.force_login(head)
    # The edit form tells the editor the deadline and how late the page was.
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[p["news_tet_late"].pk]))
    assert edit.status_code == 200
    assert "8.1.b" in edit.text and "23/02/2026" in edit.text  # due two working days after 12 February
    draft = client.get(reverse("wagtailadmin_pages:edit", args=[p["news_draft_pending"].pk]))
    assert "06/07/2026" in draft.text  # due date of information arising on 2 July

    # The commune's head sees its late items only, and no province-wide overview.
    late = client.get(reverse("compliance_admin:late_items") + "?period=2026-H1")
    assert late.status_code == 200
    assert p["news_tet_late"].title in late.text and p["doc_own_late"].title in late.text
    assert p["news_draft_overdue"].title in late.text
    assert p["doc_district_late"].title not in late.text
    assert client.get(reverse("compliance_admin:overview")).status_code == 302
    assert client.get(reverse("compliance_admin:report") + "?portal=tiendu").status_code == 200
    assert client.get(reverse("compliance_admin:drilldown") + "?portal=tiendu&line=2&column=count").status_code == 404

    client.force_login(province)
    overview = client.get(reverse("compliance_admin:overview") + "?period=2026-H1")
    assert overview.status_code == 200
    names = [s.unit.slug for s in overview.context["standings"]]
    assert names[0] == "tiendu"  # 1 of 2 measured items late: the worst share
    assert set(names) == {"bacninh", "sotuphap", "tiendu", "xa-a"}

    download = client.get(reverse("compliance_admin:report") + "?portal=tiendu&period=2026-H1&format=xlsx")
    assert download.status_code == 200 and "bao-cao-tiendu-2026-H1.xlsx" in download["Content-Disposition"]
    assert load_workbook(io.BytesIO(download.content)).sheetnames[:2] == ["Bảng 1", "Bảng 2"]

    drill = client.get(reverse("compliance_admin:drilldown") + "?portal=tiendu&period=2026-H1&line=2&column=overdue")
    assert drill.status_code == 200
    # The overdue draft is a late item (above), not a figure of the table (Điều 15.2, issue #20).
    assert {item.page_id for item in drill.context["items"]} == {p["news_tet_late"].pk}

    saved = client.post(reverse("compliance_admin:report"),
                        {"portal": "bacninh", "period": "2026-H1", "text": "Đề nghị nâng cấp hạ tầng."})
    assert saved.status_code == 302
    page = client.get(reverse("compliance_admin:report") + "?portal=bacninh&period=2026-H1")
    assert "Đề nghị nâng cấp hạ tầng." in page.text
