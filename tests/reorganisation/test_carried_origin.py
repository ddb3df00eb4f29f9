"""A carried item keeps its origin (issue #21, Điều 12) after the successor's board edits
and publishes it, on one scenario built once:

xa-a merges into xa-b on 1 July 2025 carrying its news. Before that, xa-a published
  "plain"  on 10/3/2025, straight into the tables (no update history, like imported data),
  "kept"   on 20/3/2025 through a revision (with its history); its board then saved a
           draft of it that nobody published before the merger;
and xa-b published "own" on 12/3/2025.
After the merger, xa-b's board member logs in and publishes a change of "plain" through
Wagtail's edit view, and the draft of "kept" is published as it was (a revision publish).

Hand count of news items (Điều 15 table 1, row 2) for 2025-H1 (all before the date):
  xa-a 2 (plain, kept), xa-b 1 (own), tiendu 3 (both communes were under it then),
the same before the merger, after it, and after xa-b's edits.
For the current half-year: xa-b 2 (its two publications of the carried items), xa-a 0.
"""

import datetime
import io
import xml.etree.ElementTree as ET
import zoneinfo

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from compliance.models import InformationUpdate
from compliance.periods import period_parse
from compliance.selectors import report_build
from compliance.updates import page_history_backdate
from mandate.periods import period_current
from tenants.models import BoardRole, Unit
from tests.cms.factories import NewsPageFactory
from tests.factories import board_member, province_rows, provision

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
BEFORE = period_parse("2025-H1")
PLAN = """\
effective_date: 2025-07-01
legal_basis: "1658/NQ-UBTVQH15"
operations:
  - merge: {into: xa-b, from: [xa-a, xa-b], carry: [tin-tuc]}
"""
HOST_B = "xa-b.bacninh.gov.vn"
HAND_COUNT_BEFORE = {"xa-a": 2, "xa-b": 1, "tiendu": 3}


def news(unit_slug, day, title):
    unit = Unit.objects.get(slug=unit_slug)
    index = Page.objects.child_of(unit.home_page).get(slug="tin-tuc")
    published = datetime.datetime.combine(day, datetime.time(9), tzinfo=VN)
    return NewsPageFactory(parent=index, title=title, summary=f"Tóm tắt: {title}", first_published_at=published,
                           last_published_at=published, information_date=day)


def news_counts(period, slugs=("xa-a", "xa-b", "tiendu")):
    today = timezone.localdate()
    return {slug: report_build(unit=Unit.objects.get(slug=slug), period=period, today=today)
            .table1.row("2").value("count") for slug in slugs}


def admin_login(client, username):
    response = client.post(reverse("wagtailadmin_login"), {"username": username, "password": "pw"})
    assert response.status_code == 302, "login refused"


def edit_form(page, summary):
    data = nested_form_data({
        "title": page.title, "slug": page.slug, "information_date": page.information_date.isoformat(),
        "summary": summary, "body": streamfield([]), "comments": inline_formset([]),
        "seo_title": "", "search_description": "",
    })
    data["action-publish"] = "publish"
    return data


@pytest.fixture(scope="module")
def scenario(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), transaction.atomic():
        rows = province_rows(communes_under_district=("xa-a", "xa-b"))
        provision(rows)
        provision([r for r in rows if r.slug in ("xa-a", "xa-b")], with_sections=True)
        xa_a, xa_b = Unit.objects.get(slug="xa-a"), Unit.objects.get(slug="xa-b")
        plain = news("xa-a", datetime.date(2025, 3, 10), "Tin xã A nhập thẳng")
        kept = news("xa-a", datetime.date(2025, 3, 20), "Tin xã A có lịch sử")
        kept.save_revision().publish()
        march = datetime.datetime(2025, 3, 20, 9, tzinfo=VN)
        page_history_backdate(page_id=kept.pk, information_date=datetime.date(2025, 3, 20), published_at=march)
        Page.objects.filter(pk=kept.pk).update(first_published_at=march, last_published_at=march)
        kept = Page.objects.get(pk=kept.pk).specific
        kept.summary = "Bản nháp của xã A, chưa đăng"
        kept.save_revision()
        news("xa-b", datetime.date(2025, 3, 12), "Tin xã B tháng ba")
        board_member(xa_a, BoardRole.HEAD, username="xa-a-head")
        board_member(xa_b, BoardRole.DEPUTY, username="xa-b-deputy")
        facts = {"plain": plain.pk, "kept": kept.pk, "counts_before_plan": news_counts(BEFORE)}

        path = tmp_path_factory.mktemp("plan") / "plan.yaml"
        path.write_text(PLAN, encoding="utf-8")
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("reorganise_units", str(path), "--no-progress", stdout=io.StringIO())
        facts["counts_after_carry"] = news_counts(BEFORE)

        # The successor's board publishes a change of "plain" through the admin's edit view.
        successor = Client()
        admin_login(successor, "xa-b-deputy")
        edit_url = reverse("wagtailadmin_pages:edit", args=[plain.pk])
        response = successor.post(edit_url, edit_form(plain, "Xã Bê cập nhật nội dung"))
        form = response.context.get("form") if response.context else None
        facts["admin_publish"] = (response.status_code, str(form.errors) if form else "")
        # The draft xa-a's board saved before the merger is published as it was.
        Page.objects.get(pk=kept.pk).specific.get_latest_revision().publish()
        facts["counts_after_edits"] = news_counts(BEFORE)
        facts["counts_now"] = news_counts(period_current(timezone.localdate()), slugs=("xa-a", "xa-b"))

        facts["successor_edit_form"] = successor.get(edit_url).status_code
        predecessor = Client()
        admin_login(predecessor, "xa-a-head")
        facts["predecessor_edit_form"] = predecessor.get(edit_url).status_code
        facts["predecessor_publish"] = predecessor.post(edit_url, edit_form(plain, "Xã A cố sửa")).status_code
        yield facts
        transaction.set_rollback(True)


@pytest.fixture
def facts(scenario, db):
    cache.clear()
    return scenario


def attribution():
    return f"Theo Cổng TTĐT {Unit.objects.get(slug='xa-a').short_name}"


def test_the_successors_edits_keep_the_origin(facts):
    assert facts["admin_publish"] == (302, "")
    plain, kept = (Page.objects.get(pk=facts[k]).specific for k in ("plain", "kept"))
    assert plain.live and plain.summary == "Xã Bê cập nhật nội dung"
    assert kept.live and kept.summary == "Bản nháp của xã A, chưa đăng"
    for page in (plain, kept):
        assert (page.unit.slug, page.original_unit.slug) == ("xa-b", "xa-a")
        assert page.source_attribution == attribution()
        # A later revision (the next edit starts from the latest one) keeps it too.
        assert page.get_latest_revision_as_object().original_unit_id == page.original_unit_id


def test_page_api_and_feed_name_the_predecessor(facts, client):
    plain = Page.objects.get(pk=facts["plain"]).specific
    response = client.get(plain.get_url_parts()[2], HTTP_HOST=HOST_B)
    assert response.status_code == 200
    assert attribution() in response.content.decode()

    api = client.get(f"/api/v2/pages/{plain.pk}/", HTTP_HOST=HOST_B)
    assert api.status_code == 200 and api.json()["source_attribution"] == attribution()

    index = plain.get_parent()
    feed = client.get(index.url + "feed/", HTTP_HOST=HOST_B)
    assert feed.status_code == 200
    items = {item.findtext("title"): item for item in ET.fromstring(feed.content).find("channel").findall("item")}
    assert set(items) == {"Tin xã A nhập thẳng", "Tin xã A có lịch sử", "Tin xã B tháng ba"}
    for title in ("Tin xã A nhập thẳng", "Tin xã A có lịch sử"):
        assert items[title].findtext("description").endswith(f"({attribution()})")
    assert items["Tin xã B tháng ba"].findtext("description").endswith(
        f"(Theo Cổng TTĐT {Unit.objects.get(slug='xa-b').short_name})")


def test_the_report_for_the_predecessors_days_does_not_move(facts):
    assert facts["counts_before_plan"] == HAND_COUNT_BEFORE
    assert facts["counts_after_carry"] == HAND_COUNT_BEFORE
    assert facts["counts_after_edits"] == HAND_COUNT_BEFORE
    # xa-b's own figures: what it published itself, after the merger.
    assert facts["counts_now"] == {"xa-a": 0, "xa-b": 2}
    by_page = {page_id: sorted(InformationUpdate.objects.filter(page_id=page_id).values_list("unit__slug", flat=True))
               for page_id in (facts["plain"], facts["kept"])}
    assert by_page == {facts["plain"]: ["xa-a", "xa-b"], facts["kept"]: ["xa-a", "xa-b"]}


def test_only_the_successors_board_can_edit(facts):
    assert facts["successor_edit_form"] == 200
    assert facts["predecessor_edit_form"] in (302, 403, 404)
    assert facts["predecessor_publish"] in (302, 403, 404)
    assert Page.objects.get(pk=facts["plain"]).specific.summary == "Xã Bê cập nhật nội dung"
