"""Split, rename with a new hostname and a merge into a new unit (issue #21 item 1),
on one scenario built once."""

import datetime
import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Page

from tenants.models import Unit, UnitKind
from tests.cms.factories import NewsPageFactory
from tests.factories import UnitRowFactory, province_rows, provision

PLAN = """\
effective_date: 2025-07-01
legal_basis: "1658/NQ-UBTVQH15"
operations:
  - rename: {unit: sotuphap, name: Sở Tư pháp tỉnh Bắc Ninh (mới), hostname: tuphap.bacninh.gov.vn}
  - merge:
      into: sokhcn-moi
      from: [sokhcn, sotttt]
      name: Sở Khoa học và Công nghệ
      kind: department
      hostname: sokhcn-moi.bacninh.gov.vn
      parent: bacninh
  - split:
      from: xa-a
      into:
        - {slug: xa-a1, name: Xã A Một, kind: commune, hostname: xa-a1.bacninh.gov.vn, parent: bacninh}
        - {slug: xa-a2, name: Xã A Hai, kind: commune, hostname: xa-a2.bacninh.gov.vn, parent: bacninh}
      content_to: xa-a1
      carry: [tin-tuc]
"""


@pytest.fixture(scope="module")
def scenario(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), transaction.atomic():
        rows = province_rows(communes_under_district=("xa-a",)) + [
            UnitRowFactory(slug="sokhcn", kind=UnitKind.DEPARTMENT, parent="bacninh"),
            UnitRowFactory(slug="sotttt", kind=UnitKind.DEPARTMENT, parent="bacninh"),
        ]
        provision(rows)
        provision([r for r in rows if r.slug == "xa-a"], with_sections=True)
        xa_a = Unit.objects.get(slug="xa-a")
        news = NewsPageFactory(parent=Page.objects.child_of(xa_a.home_page).get(slug="tin-tuc"), slug="tin-cu")
        facts = {"news_id": news.pk, "old_sotuphap_host": Unit.objects.get(slug="sotuphap").hostname}
        path = tmp_path_factory.mktemp("plan") / "plan.yaml"
        path.write_text(PLAN, encoding="utf-8")
        out = io.StringIO()
        call_command("reorganise_units", str(path), "--no-progress", stdout=out)
        facts["output"] = out.getvalue()
        yield facts
        transaction.set_rollback(True)


@pytest.fixture
def facts(scenario, db):
    cache.clear()
    return scenario


def test_rename_keeps_the_old_hostname_answering(facts, client):
    unit = Unit.objects.get(slug="sotuphap")
    assert (unit.name, unit.hostname, unit.archived_on) == ("Sở Tư pháp tỉnh Bắc Ninh (mới)", "tuphap.bacninh.gov.vn", None)
    new = client.get("/", HTTP_HOST="tuphap.bacninh.gov.vn")
    old = client.get("/", HTTP_HOST=facts["old_sotuphap_host"])
    assert new.status_code == old.status_code == 200
    assert "Sở Tư pháp tỉnh Bắc Ninh (mới)" in old.content.decode()
    assert "archive-banner" not in old.content.decode()
    # Both hostnames serve the same pages: search engines are told which one is current.
    canonical = '<link rel="canonical" href="http://tuphap.bacninh.gov.vn/">'
    assert canonical in old.content.decode() and canonical in new.content.decode()
    alias = client.get("/", HTTP_HOST="sotuphap.localhost:8000").content.decode()
    assert '<link rel="canonical" href="http://sotuphap.localhost:8000/">' in alias


def test_merge_into_a_new_department_provisions_it_and_archives_both(facts, client):
    new = Unit.objects.get(slug="sokhcn-moi")
    assert new.site is not None and new.board_groups.count() == 5
    assert Page.objects.child_of(new.home_page).filter(slug="tin-tuc").exists()  # its sections
    for slug in ("sokhcn", "sotttt"):
        old = Unit.objects.get(slug=slug)
        assert (old.archived_on, old.successor) == (datetime.date(2025, 7, 1), new)
        assert client.get("/", HTTP_HOST=old.hostname).status_code == 200
    assert "created: 3" in facts["output"]


def test_split_creates_the_units_and_the_content_goes_to_one_of_them(facts, client):
    xa_a, xa_a1, xa_a2 = (Unit.objects.get(slug=s) for s in ("xa-a", "xa-a1", "xa-a2"))
    assert xa_a.successor == xa_a1 and xa_a.archived_on is not None
    assert xa_a1.parent.slug == xa_a2.parent.slug == "bacninh"
    news = Page.objects.get(pk=facts["news_id"])
    assert news.get_ancestors().filter(pk=xa_a1.home_page.pk).exists()
    assert client.get("/tin-tuc/tin-cu/", HTTP_HOST="xa-a.bacninh.gov.vn").status_code == 301
    assert "split: 1" in facts["output"]
