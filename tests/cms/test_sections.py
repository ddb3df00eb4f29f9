"""Each portal gets the sections of its kind; parent/child rules keep pages in place."""

import pytest

from cms.models import (
    GazetteIndexPage,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    NewsIndexPage,
    NewsPage,
    PortalHomePage,
    ProjectPage,
    StatisticsIndexPage,
)
from mandate.items import mandate_items_for
from tenants.models import Unit
from tenants.sections import sections_for
from tests.factories import province_rows, provision

pytestmark = pytest.mark.django_db


@pytest.fixture
def portals(province):
    return province.units


def section_slugs(unit):
    return set(unit.site.root_page.get_children().values_list("slug", flat=True))


def test_province_has_its_extra_sections_and_communes_do_not(portals):
    province, commune = portals["bacninh"], portals["xa-a"]
    assert {"cong-bao", "khoa-hoc-cong-nghe", "thong-ke"} <= section_slugs(province)
    assert not {"cong-bao", "khoa-hoc-cong-nghe", "thong-ke"} & section_slugs(commune)
    for unit in portals.values():
        assert section_slugs(unit) == {s.slug for s in sections_for(unit.kind)}


def test_every_applicable_item_has_a_section(portals):
    for unit in portals.values():
        covered = {s.item for s in sections_for(unit.kind)}
        wanted = {i.key for i in mandate_items_for(unit.kind)}
        # 8.1.l is a site setting, 8.2.d the English mirror.
        assert wanted - covered <= {"8.1.l", "8.2.d"}


def test_content_pages_start_as_drafts_and_indexes_live(portals):
    home = portals["sotuphap"].site.root_page
    children = {p.slug: p for p in home.get_children()}
    assert children["tin-tuc"].live
    assert not children["gioi-thieu"].live
    assert children["gioi-thieu"].latest_revision is not None


def test_sections_are_created_once(portals):
    from wagtail.models import Page

    before = Page.objects.count()
    provision(province_rows(), with_sections=True)
    assert Page.objects.count() == before


def test_section_pages_know_their_portal(portals):
    news = NewsIndexPage.objects.get(unit=portals["xa-a"])
    assert news.get_parent().specific.unit == portals["xa-a"]


def test_parent_child_rules():
    assert NewsPage.can_create_at(NewsIndexPage()) is True
    assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]
    assert LegalDocumentPage.allowed_parent_page_models() == [LegalDocumentIndexPage]
    assert ProjectPage not in NewsIndexPage.allowed_subpage_models()
    assert NewsIndexPage in PortalHomePage.allowed_subpage_models()


def test_provincial_sections_only_under_the_provincial_home(portals):
    province_home = portals["bacninh"].site.root_page.specific
    commune_home = portals["xa-a"].site.root_page.specific
    # Already one gazette section on the province (max one per parent), none allowed on a commune.
    assert not GazetteIndexPage.can_create_at(commune_home)
    assert not StatisticsIndexPage.can_create_at(commune_home)
    assert not GazetteIndexPage.can_create_at(province_home)  # max_count_per_parent reached
