"""Promoted search results per portal (issue 18 item 5): who manages which, and where
the public search shows them. One province built once for the module (``province``)."""

import pytest
from django.urls import reverse

from search.models import PortalSearchPromotion, SearchPromotionPortal
from search.promotions import PAGE_OUTSIDE_PORTAL, page_in_portal, promotion_save, promotions_for_search
from tenants.models import BoardRole
from tests.cms.factories import NewsPageFactory, rich_body
from tests.factories import board_member

pytestmark = pytest.mark.usefixtures("database_search")

OWN, PROVINCE = "sotuphap", "bacninh"


def news(portals, unit, title):
    return NewsPageFactory(parent=portals.section(unit, "tin-tuc"), title=title, body=rich_body("Nội dung."))


def promote(portals, unit, page, query="lý lịch tư pháp", description=""):
    promotion = PortalSearchPromotion(page=page, description=description)
    return promotion_save(promotion=promotion, query=query, unit=portals.units[unit])


def add_form(page, unit, query="Lý lịch  tư pháp"):
    return {"query_text": query, "portal": unit.pk, "page": page.pk, "description": "Thủ tục cấp phiếu"}


def test_a_board_promotes_its_own_pages_on_its_own_portal_only(client, portals):
    own_page = news(portals, OWN, "Cấp phiếu lý lịch tư pháp")
    province_page = news(portals, PROVINCE, "Tin của tỉnh")
    client.force_login(board_member(portals.units[OWN], BoardRole.HEAD))
    add = reverse("search_promotions:add")
    form = client.get(add)
    assert form.status_code == 200 and "Truy vấn tìm kiếm" in form.content.decode()  # the screen is in Vietnamese

    refused = client.post(add, add_form(province_page, portals.units[OWN]))
    # Another portal's page is not among the choices (the chooser does not offer it either).
    assert refused.status_code == 200 and refused.context["form"].errors["page"]
    other_portal = client.post(add, add_form(own_page, portals.units[PROVINCE]))
    assert "portal" in other_portal.context["form"].errors
    assert not PortalSearchPromotion.objects.exists()
    assert not page_in_portal(page=province_page, unit=portals.units[OWN]) and str(PAGE_OUTSIDE_PORTAL)
    assert page_in_portal(page=own_page, unit=portals.units[PROVINCE])  # the province promotes any page

    assert client.post(add, add_form(own_page, portals.units[OWN])).status_code == 302
    promotion = PortalSearchPromotion.objects.get()
    # Stored as searched: one tone placement, lower case, single spaces.
    assert promotion.query.query_string == "lý lịch tư pháp" and promotion.page_id == own_page.pk
    assert SearchPromotionPortal.objects.get(promotion=promotion).unit == portals.units[OWN]


def test_another_boards_promotions_are_invisible_and_the_province_sees_all(client, portals):
    province_promotion = promote(portals, PROVINCE, news(portals, OWN, "Trang sở do tỉnh giới thiệu"),
                                 query="bí mật tỉnh")
    own_promotion = promote(portals, OWN, news(portals, OWN, "Trang của sở"), query="trang sở")

    client.force_login(board_member(portals.units[OWN], BoardRole.MEMBER))
    listing = client.get(reverse("search_promotions:index")).content.decode()
    assert "trang sở" in listing and "bí mật tỉnh" not in listing
    for name in ("edit", "delete", "history", "usage"):
        assert client.get(reverse(f"search_promotions:{name}", args=[province_promotion.pk])).status_code == 404
    assert client.post(reverse("search_promotions:delete", args=[province_promotion.pk])).status_code == 404
    assert PortalSearchPromotion.objects.filter(pk=province_promotion.pk).exists()
    assert client.get(reverse("search_promotions:edit", args=[own_promotion.pk])).status_code == 200

    client.force_login(board_member(portals.units[OWN], BoardRole.CONTRIBUTOR))  # proposes pages only
    assert client.get(reverse("search_promotions:index")).status_code in (302, 403)

    client.force_login(board_member(portals.units[PROVINCE], BoardRole.DEPUTY))
    listing = client.get(reverse("search_promotions:index")).content.decode()
    assert "trang sở" in listing and "bí mật tỉnh" in listing
    assert client.post(reverse("search_promotions:delete", args=[own_promotion.pk])).status_code == 302
    assert not PortalSearchPromotion.objects.filter(pk=own_promotion.pk).exists()


def test_the_public_search_shows_each_scopes_promotions(client, portals):
    own_page = news(portals, OWN, "Cấp phiếu lý lịch tư pháp trực tuyến")
    promote(portals, OWN, own_page, description="Nộp hồ sơ trực tuyến")
    province_page = news(portals, PROVINCE, "Hướng dẫn chung về lý lịch tư pháp")
    promote(portals, PROVINCE, province_page)
    unpublished = news(portals, OWN, "Trang đã gỡ")
    promote(portals, OWN, unpublished)
    unpublished.unpublish()

    on_portal = client.get("/api/v2/search/", {"q": "Lý lịch tư pháp", "portal": OWN}).json()
    assert [(p["id"], p["description"]) for p in on_portal["promoted"]] == [(own_page.pk, "Nộp hồ sơ trực tuyến")]
    everywhere = client.get("/api/v2/search/", {"q": "ly lich tu phap"}).json()
    assert [p["id"] for p in everywhere["promoted"]] == [province_page.pk]  # with or without diacritics
    assert [p["id"] for p in client.get("/api/v2/search/", {"q": "lý lịch tư pháp"}).json()["promoted"]] == [
        province_page.pk]
    assert client.get("/api/v2/search/", {"q": "lý lịch tư pháp", "page": 2}).json()["promoted"] == []
    assert promotions_for_search(query="tư pháp", portal=None) == []  # exactly the query, not a part

    page = client.get("/tim-kiem/", {"q": "lý lịch tư pháp"}, HTTP_HOST="bacninh.gov.vn").content.decode()
    assert "Hướng dẫn chung về lý lịch tư pháp" in page.split('class="search-results"')[0]
