"""The coverage audit (Điều 11.3.e): live content pages per portal and mandated item."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Locale

from cms.coverage import coverage_units_for_user, mandate_coverage
from cms.models import PortalContactSettings
from mandate.items import mandate_items_for
from tenants.models import BoardRole, Unit
from tests.cms.factories import NewsPageFactory, page_publish
from tests.factories import UserFactory, board_member, province_rows, provision


@pytest.fixture
def province(db):
    """Every portal of ``province_rows()`` without sections (quick): all items missing."""
    provision(province_rows())
    return {unit.slug: unit for unit in Unit.objects.all()}


def _by_key(coverage, slug):
    return {row.item.key: row for row in coverage if row.unit.slug == slug}


def test_fresh_portals_miss_every_item(portals):
    """The skeleton's live index pages and draft single pages count for nothing."""
    coverage = mandate_coverage()
    assert coverage
    assert all(row.live_pages == 0 and row.is_missing and row.last_updated is None for row in coverage)


def test_items_per_portal_follow_its_kind(province):
    coverage = mandate_coverage()
    for slug in ("bacninh", "sotuphap", "tiendu", "xa-a"):
        unit = province[slug]
        assert list(_by_key(coverage, slug)) == [item.key for item in mandate_items_for(unit.kind)]
    assert "8.2.a" in _by_key(coverage, "bacninh")
    assert "8.2.a" not in _by_key(coverage, "sotuphap")


def test_counts_live_pages_only_in_their_own_portal(portals):
    news = portals.section("sotuphap", "tin-tuc")
    published = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0))
    NewsPageFactory(parent=news, first_published_at=published, last_published_at=published)
    NewsPageFactory(parent=news, first_published_at=published - datetime.timedelta(days=5),
                    last_published_at=published - datetime.timedelta(days=5))
    NewsPageFactory(parent=news, live=False, first_published_at=None, last_published_at=None)

    coverage = mandate_coverage()
    sotuphap = _by_key(coverage, "sotuphap")
    assert sotuphap["8.1.b"].live_pages == 2
    assert sotuphap["8.1.b"].last_updated == datetime.date(2026, 3, 2)
    assert sotuphap["8.1.c"].live_pages == 0
    assert _by_key(coverage, "bacninh")["8.1.b"].live_pages == 0


def test_single_page_items_count_once_published(portals):
    sections = portals.sections["sotuphap"]
    assert _by_key(mandate_coverage(), "sotuphap")["8.1.a"].live_pages == 0
    page_publish(sections["gioi-thieu"], history="<p>Lịch sử Sở.</p>")
    page_publish(sections["dich-vu-cong"])
    row = _by_key(mandate_coverage(), "sotuphap")
    assert row["8.1.a"].live_pages == 1
    assert row["8.1.a"].last_updated == timezone.localdate()
    assert row["8.1.n"].live_pages == 1
    assert row["8.1.k"].live_pages == 0


def test_portal_contact_details_come_from_the_site_setting(province):
    setting = PortalContactSettings.for_site(province["tiendu"].site)
    setting.address = "Thị trấn Lim, huyện Tiên Du"
    setting.save()
    assert _by_key(mandate_coverage(), "tiendu")["8.1.l"].live_pages == 0  # no phone or e-mail yet

    setting.email = "ubndtiendu@bacninh.gov.vn"
    setting.save()
    row = _by_key(mandate_coverage(), "tiendu")["8.1.l"]
    assert (row.live_pages, row.last_updated) == (1, timezone.localdate())


def test_english_pages_count_for_the_foreign_language_item(portals):
    english, _ = Locale.objects.get_or_create(language_code="en")
    NewsPageFactory(parent=portals.section("bacninh", "tin-tuc"), locale=english, title="Bac Ninh news")
    row = _by_key(mandate_coverage(), "bacninh")
    assert row["8.2.d"].live_pages == 1
    assert row["8.1.b"].live_pages == 0


def test_restricted_to_given_units(province):
    coverage = mandate_coverage(units=[province["xa-b"]])
    assert {row.unit.slug for row in coverage} == {"xa-b"}


def test_a_few_queries_whatever_the_number_of_portals(portals, django_assert_max_num_queries):
    for slug in ("bacninh", "sotuphap"):
        NewsPageFactory(parent=portals.section(slug, "tin-tuc"))
        NewsPageFactory(parent=portals.section(slug, "tin-tuc"), live=False)
    with django_assert_max_num_queries(6):
        mandate_coverage()


def test_command_json_shape(portals):
    NewsPageFactory(parent=portals.section("sotuphap", "tin-tuc"))
    out = StringIO()
    call_command("mandate_coverage", "--portal", "sotuphap", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert [row["item"] for row in data] == [item.key for item in mandate_items_for("department")]
    assert all(set(row) == {"portal", "item", "live_pages", "last_updated"} for row in data)
    news = next(row for row in data if row["item"] == "8.1.b")
    assert news == {"portal": "sotuphap", "item": "8.1.b", "live_pages": 1,
                    "last_updated": timezone.localdate().isoformat()}
    assert next(row for row in data if row["item"] == "8.1.c")["last_updated"] is None


def test_command_table_marks_missing_items(province):
    out = StringIO()
    call_command("mandate_coverage", "--portal", "xa-a", stdout=out)
    text = out.getvalue()
    assert "xa-a" in text and "MISSING" in text and "8.1.n" in text


def test_command_refuses_unknown_portal(province):
    with pytest.raises(CommandError):
        call_command("mandate_coverage", "--portal", "khong-co", stdout=StringIO())


# --- who audits which portals, and the admin report -----------------------------------


def test_units_a_user_may_audit(province):
    units = province
    everyone = set(units)
    assert {u.slug for u in coverage_units_for_user(UserFactory(is_superuser=True))} == everyone
    assert {u.slug for u in coverage_units_for_user(board_member(units["bacninh"], BoardRole.MEMBER))} == everyone
    assert {u.slug for u in coverage_units_for_user(board_member(units["tiendu"], BoardRole.HEAD))} == {
        "tiendu", "xa-a", "xa-b"}
    assert {u.slug for u in coverage_units_for_user(board_member(units["xa-a"], BoardRole.DEPUTY))} == {"xa-a"}
    assert coverage_units_for_user(UserFactory()) == []


def test_admin_report_highlights_missing_items(province, client):
    client.force_login(board_member(province["tiendu"], BoardRole.HEAD))
    response = client.get("/admin/reports/mandate-coverage/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Huyện Tiên Du" in html and "xa-a" in html
    assert "Sở Tư pháp" not in html
    assert "mandate-coverage__missing" in html


def test_admin_report_menu_and_access(province, client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get("/admin/reports/mandate-coverage/")
    assert response.status_code == 200
    assert "Sở Tư pháp" in response.content.decode()
    client.force_login(board_member(province["xa-a"], BoardRole.CONTRIBUTOR))
    assert client.get("/admin/").status_code == 200
    assert "mandate-coverage" in client.get("/admin/").content.decode()
