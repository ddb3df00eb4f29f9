"""The Wagtail admin's page search (/admin/pages/search/) on the real engines.

It failed with ``KeyError: 'fields'`` when the pages were written before anything had
created the index (a fresh environment: the engine then guessed a mapping without a
stored ``pk``). Each test starts from no index at all, as a fresh process does; a board
member finds their portal's pages only, the superuser every portal's."""

import pytest
from django.urls import reverse

from search.backends import vietnamese
from tenants.models import BoardRole
from tests.cms.factories import NewsPageFactory, rich_body
from tests.factories import board_member

pytestmark = pytest.mark.services


def news(portals, unit, title):
    return NewsPageFactory(parent=portals.section(unit, "tin-tuc"), title=title, body=rich_body("Nội dung."))


def found(response) -> set[int]:
    assert response.status_code == 200
    return {page.pk for page in response.context["pages"]}


@pytest.fixture
def pages(engine, portals):
    engine.delete()
    vietnamese._ENSURED_INDEXES.discard(engine.name)  # as in a process that never wrote to it
    made = {
        "bacninh": news(portals, "bacninh", "Tin tức của tỉnh"),
        "sotuphap": news(portals, "sotuphap", "Tin tức của Sở Tư pháp"),
        "xa-a": news(portals, "xa-a", "Tin tức của xã A"),
    }
    news(portals, "sotuphap", "Lịch tiếp công dân")  # not a match
    engine.refresh()
    return made


def test_admin_finds_every_portals_pages(admin_client, pages):
    response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": "tin"})
    assert {pages[unit].pk for unit in pages} <= found(response)


@pytest.mark.parametrize("role", [BoardRole.HEAD, BoardRole.MEMBER])
def test_a_board_member_finds_their_portals_pages_only(client, pages, portals, role):
    client.force_login(board_member(portals.units["sotuphap"], role))
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "tin"})
    hits = found(response)
    assert pages["sotuphap"].pk in hits
    assert not hits & {pages["bacninh"].pk, pages["xa-a"].pk}



def test_the_first_write_creates_the_index_with_our_mapping(pages, engine):
    mapping = engine.es.indices.get_mapping(index=engine.name)[engine.name]["mappings"]["properties"]
    assert mapping["pk"].get("store") is True
    assert mapping[vietnamese.PORTAL_HOME_FIELD] == {"type": "keyword"}
    assert mapping["title"]["fields"][vietnamese.EXACT_SUBFIELD]["analyzer"] == "vi_exact"
