"""The search results page (issue #17 item 2): results first, facets in a folding side
column, the portal facet's top entries and "more…", pages, the query kept, and hit
links on the host the visitor came by. On the database backend."""

import types

import pytest
from django.test import RequestFactory

from search import views
from tests.cms.factories import NewsPageFactory, rich_body

pytestmark = pytest.mark.usefixtures("database_search")

ALIAS = "xa-a.localhost:8000"


def news(portals, unit, title):
    return NewsPageFactory(parent=portals.section(unit, "tin-tuc"), title=title, body=rich_body("Nội dung."))


def test_results_come_first_and_facets_fold_in_a_side_column(client, portals):
    news(portals, "bacninh", "Thông báo tuyển dụng")
    news(portals, "xa-a", "Thông báo của xã")

    html = client.get("/tim-kiem/", {"q": "thong bao"}, HTTP_HOST=ALIAS).content.decode()

    assert html.index('class="search-results"') < html.index('class="search-facets"')
    facets = html[html.index('class="search-facets"'):]
    assert "<summary><h2" in facets and "Thu hẹp kết quả" in facets
    # Closed without JavaScript until a facet is chosen (phones); the script opens it on wide screens.
    assert "<details data-open-wide>" in facets
    chosen = client.get("/tim-kiem/", {"q": "thong bao", "portal": "xa-a"}, HTTP_HOST=ALIAS).content.decode()
    assert "<details data-open-wide open>" in chosen
    # The query stays in the box.
    assert 'name="q" id="id_q" value="thong bao"' in html
    assert "js/search-page.js" in html


def test_hit_links_stay_on_the_visitors_host(client, portals):
    news(portals, "bacninh", "Thông báo tuyển dụng")
    own = news(portals, "xa-a", "Thông báo của xã")

    html = client.get("/tim-kiem/", {"q": "thong bao"}, HTTP_HOST=ALIAS).content.decode()

    assert f'href="/tin-tuc/{own.slug}/"' in html  # this portal: a relative link
    assert 'href="http://bacninh.localhost:8000/tin-tuc/' in html
    assert "bacninh.gov.vn/" not in html
    real = client.get("/tim-kiem/", {"q": "thong bao"}, HTTP_HOST="xa-a.bacninh.gov.vn").content.decode()
    assert 'href="http://bacninh.gov.vn/tin-tuc/' in real


def test_portal_facet_shows_the_top_portals_then_more_with_a_type_ahead(client, portals, monkeypatch):
    monkeypatch.setattr(views, "PORTAL_FACET_TOP", 1)
    news(portals, "bacninh", "Thông báo tuyển dụng")
    news(portals, "xa-a", "Thông báo của xã")
    news(portals, "xa-a", "Thông báo lịch tiếp dân")

    response = client.get("/tim-kiem/", {"q": "thong bao"}, HTTP_HOST=ALIAS)

    assert [f["value"] for f in response.context["portal_facet_top"]] == ["xa-a"]  # most hits first
    assert [f["value"] for f in response.context["portal_facet_more"]] == ["bacninh"]
    html = response.content.decode()
    more = html[html.index('class="facet-more"'):]
    assert "1 cổng khác…" in more and "data-facet-filter" in more and 'id="portal-facet-filter"' in more
    assert "(2)" in html and "(1)" in html


def test_page_links_show_first_last_and_the_neighbourhood():
    request = RequestFactory().get("/tim-kiem/", {"q": "quy hoach", "page": "10"})
    links = views.page_links(request, types.SimpleNamespace(num_pages=30, page=10))

    numbers = [link.get("number") for link in links if not link.get("gap") and not link.get("rel")]
    assert numbers == [1, 8, 9, 10, 11, 12, 30]
    assert links[0]["rel"] == "prev" and links[-1]["rel"] == "next"
    assert sum(1 for link in links if link.get("gap")) == 2
    assert next(link for link in links if link.get("current"))["number"] == 10
    assert all("q=quy+hoach" in link["url"] for link in links if "url" in link)


def test_a_misspelt_query_shows_did_you_mean_with_the_filters_kept(client, portals):
    """Issue 18 item 3 on the page, not only in the API: the suggestion links to the same
    search (scope and filters kept, first page) with the words as the pages spell them."""
    for title in ("Luật Đất đai năm 2024", "Bảng giá đất đai", "Đại hội đại biểu về đất đai"):
        news(portals, "bacninh", title)

    html = client.get("/tim-kiem/", {"q": "ddaats ddai", "scope": "all", "page": "1"}, HTTP_HOST=ALIAS).content.decode()

    assert "Có phải bạn muốn tìm:" in html and "các kết quả gần đúng nhất" in html
    assert 'href="?q=%C4%91%E1%BA%A5t+%C4%91ai&amp;scope=all">đất đai</a>' in html
    exact = client.get("/tim-kiem/", {"q": "đất đai"}, HTTP_HOST=ALIAS).content.decode()
    assert "Có phải bạn muốn tìm" not in exact and "gần đúng" not in exact
