"""The list of information disclosed (issue #22 item 2; Điều 8.1.m, Luật Tiếp cận thông
tin 2016 Điều 17, Nghị định 13/2018 Điều 6): seeded from the Law on provisioning, the
overdue flag (a required item with no link) in the API, on the page and in the
compliance reports without touching their figures, and each portal's list its own."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.coverage import DISCLOSURE_ITEM, mandate_coverage
from cms.disclosures import DISCLOSURE_SEED, LEGAL_BASES, disclosure_list_seed, disclosures_overdue
from cms.models import AccessToInformationPage, DisclosureItem
from compliance.exports import report_json_data
from compliance.periods import period_parse
from compliance.selectors import report_build
from tenants.models import BoardRole
from tests.cms.factories import AccessToInformationPageFactory, page_publish
from tests.factories import board_member

pytestmark = pytest.mark.django_db

SOTUPHAP = "sotuphap.bacninh.gov.vn"
PROVINCE = "bacninh.gov.vn"
ACCESS_FIELDS = {name: getattr(AccessToInformationPageFactory, name) for name in (
    "public_information_list", "focal_point", "request_address", "request_email", "complaints_contact")}


@pytest.fixture
def lists(portals):
    """Both portals publish their list: the department's the Law's seed with two links
    and one voluntary item without a link; the province's one linked item."""
    department = portals.sections["sotuphap"]["tiep-can-thong-tin"].specific
    seeded = list(department.disclosures.all())
    seeded[0].link_url = "https://sotuphap.bacninh.gov.vn/van-ban/"
    seeded[1].link_page = portals.sections["sotuphap"]["tin-tuc"]
    extra = DisclosureItem(title="Lịch tiếp công dân", legal_basis="17.2", required=False, sort_order=99)
    department.disclosures = [*seeded, extra]
    department = page_publish(department, **ACCESS_FIELDS)
    province = portals.sections["bacninh"]["tiep-can-thong-tin"].specific
    province.disclosures = [DisclosureItem(title="Quy hoạch tỉnh", legal_basis="17.1.d",
                                           document_number="1589/QĐ-TTg", link_url="https://bacninh.gov.vn/qh")]
    province = page_publish(province, **ACCESS_FIELDS)
    return portals, department, province


def test_provisioning_starts_each_list_with_article_17_and_seed_refuses_a_filled_list(portals):
    page = AccessToInformationPage.objects.get(pk=portals.sections["sotuphap"]["tiep-can-thong-tin"].pk)
    items = list(page.disclosures.all())
    assert [item.legal_basis for item in items] == [basis.key for basis in LEGAL_BASES]
    assert len(items) == 13 and all(item.required and item.is_overdue for item in items)
    with pytest.raises(ValidationError):
        disclosure_list_seed(page=page)
    page.disclosures = []
    assert disclosure_list_seed(page=page) == len(DISCLOSURE_SEED)
    assert len(page.get_latest_revision().as_object().disclosures.all()) == 13


def test_overdue_flag_in_selector_api_and_page(lists, client):
    portals, department, province = lists
    overdue = disclosures_overdue(unit_ids=[portals.units["sotuphap"].pk, portals.units["bacninh"].pk])
    # 13 seeded, 2 linked: 11 overdue; the voluntary item has no link but is not required.
    assert list(overdue) == [portals.units["sotuphap"].pk]
    assert [item.legal_basis for item in overdue[portals.units["sotuphap"].pk]] == [b.key for b in LEGAL_BASES[2:]]

    rows = client.get("/api/v2/disclosures/", HTTP_HOST=SOTUPHAP).json()
    assert len(rows) == 14
    assert sum(row["is_overdue"] for row in rows) == 11
    assert rows[1]["url"] == portals.sections["sotuphap"]["tin-tuc"].url
    assert len(client.get("/api/v2/disclosures/?overdue=true", HTTP_HOST=SOTUPHAP).json()) == 11
    assert len(client.get("/api/v2/disclosures/?overdue=false", HTTP_HOST=SOTUPHAP).json()) == 3
    only_d = client.get("/api/v2/disclosures/?legal_basis=17.1.d", HTTP_HOST=SOTUPHAP).json()
    assert [row["legal_basis"] for row in only_d] == ["17.1.d"]

    html = client.get(department.url, {"trang-thai": "chua-co"}, HTTP_HOST=SOTUPHAP).content.decode()
    assert html.count("Chưa công khai</span>") == 11
    html = client.get(department.url, {"co-so": "17.1.a"}, HTTP_HOST=SOTUPHAP).content.decode()
    assert html.count('<th scope="row">') == 1 and "sotuphap.bacninh.gov.vn/van-ban/" in html


def test_each_portal_reads_and_edits_only_its_own_list(lists, client):
    portals, department, province = lists
    rows = client.get("/api/v2/disclosures/", HTTP_HOST=PROVINCE).json()
    assert [row["title"] for row in rows] == ["Quy hoạch tỉnh"]
    assert "Quy hoạch tỉnh" not in {row["title"] for row in client.get("/api/v2/disclosures/",
                                                                        HTTP_HOST=SOTUPHAP).json()}
    # The department's head edits its own list, not the province's.
    client.force_login(board_member(portals.units["sotuphap"], BoardRole.HEAD))
    assert client.get(reverse("wagtailadmin_pages:edit", args=[department.pk])).status_code == 200
    response = client.get(reverse("wagtailadmin_pages:edit", args=[province.pk]))
    assert response.status_code in (302, 403, 404)
    before = list(DisclosureItem.objects.filter(page=province).values_list("title", "link_url"))
    client.post(reverse("wagtailadmin_pages:edit", args=[province.pk]), {
        "title": province.title, "slug": province.slug, "disclosures-TOTAL_FORMS": "1",
        "disclosures-INITIAL_FORMS": "0", "disclosures-0-title": "Chèn bởi Sở", "action-publish": "publish"})
    assert list(DisclosureItem.objects.filter(page=province).values_list("title", "link_url")) == before


def test_reports_flag_overdue_items_without_changing_their_figures(lists, client):
    portals, department, province = lists
    period = period_parse("2026-H2")
    report = report_build(unit=portals.units["bacninh"], period=period)
    assert [(unit.slug, len(items)) for unit, items in report.disclosures_overdue] == [("sotuphap", 11)]
    coverage = {(cell.unit.slug, cell.item.key): cell for cell in mandate_coverage()}
    assert coverage[("sotuphap", DISCLOSURE_ITEM)].disclosures_overdue == 11
    # The audit's export keeps its shape: the flag is on the screen, not in the figures.
    assert set(coverage[("sotuphap", DISCLOSURE_ITEM)].as_dict()) == {"portal", "item", "live_pages", "last_updated"}
    assert coverage[("bacninh", DISCLOSURE_ITEM)].disclosures_overdue == 0
    figures = report_json_data(report)

    DisclosureItem.objects.update(link_url="https://bacninh.gov.vn/da-cong-khai")
    linked = report_build(unit=portals.units["bacninh"], period=period)
    assert linked.disclosures_overdue == []
    assert report_json_data(linked) == figures

    client.force_login(board_member(portals.units["bacninh"], BoardRole.HEAD))
    DisclosureItem.objects.filter(page=department, sort_order__gte=5).update(link_url="")
    html = client.get(reverse("compliance_admin:report"), {"portal": "bacninh", "period": "2026-H2"}).content.decode()
    assert 'id="disclosures-overdue"' in html and "Sở Tư pháp" in html
