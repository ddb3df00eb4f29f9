"""A plan dated in the future (issue #21): stored, its new successor provisioned ahead,
and nothing that depends on the date happens before it; ``reorganise_due`` runs it on
the date, once.

One scenario built once: communes xa-a and xa-b of district tiendu merge into a new
commune xa-moi (under the province) carrying xa-a's news, xa-c moves under the
province, tiendu ends; the plan is dated tomorrow.
"""

import datetime
import io

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import TestCase
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import GroupPagePermission, Page

from qa.models import Petition
from reorganisation.models import Reorganisation, ReorganisationStatus, Succession
from tenants.archive import unit_is_archived
from tenants.models import Unit
from tests.cms.factories import NewsPageFactory
from tests.factories import province_rows, provision
from tests.qa.factories import PetitionFactory

TODAY = timezone.localdate()
TOMORROW = TODAY + datetime.timedelta(days=1)
PLAN = f"""\
effective_date: {TOMORROW.isoformat()}
legal_basis: "1658/NQ-UBTVQH15"
operations:
  - merge:
      into: xa-moi
      from: [xa-a, xa-b]
      name: Xã Mới
      kind: commune
      hostname: xa-moi.bacninh.gov.vn
      parent: bacninh
      carry: [tin-tuc]
  - move: {{units: [xa-c], parent: bacninh}}
  - retire: {{unit: tiendu}}
"""


def state():
    """Everything the date-dependent steps change."""
    return {
        "units": sorted(Unit.objects.values_list("slug", "parent__slug", "archived_on", "successor__slug")),
        "successions": Succession.objects.count(),
        "petitions": sorted(Petition.objects.values_list("pk", "agency__slug", "tracking_code", "due_date")),
        "grants": GroupPagePermission.objects.count(),
        "redirects": Redirect.objects.count(),
        "pages": sorted(Page.objects.values_list("pk", "url_path")),
    }


def run(*args):
    out = io.StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command(*args, "--no-progress", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def scenario(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), transaction.atomic():
        rows = province_rows(communes_under_district=("xa-a", "xa-b", "xa-c"))
        provision(rows)
        provision([r for r in rows if r.slug == "xa-a"], with_sections=True)
        xa_a = Unit.objects.get(slug="xa-a")
        article = NewsPageFactory(parent=Page.objects.child_of(xa_a.home_page).get(slug="tin-tuc"),
                                  title="Lịch tiếp công dân tháng 7", slug="lich-tiep-cong-dan")
        question = PetitionFactory(agency=xa_a)
        facts = {"article_id": article.pk, "article_url_path": article.url_path, "question_id": question.pk,
                 "question": Petition.objects.values("tracking_code", "due_date", "status").get(pk=question.pk),
                 "xa_a_grants": GroupPagePermission.objects.filter(
                     group_id__in=xa_a.board_groups.values("group_id")).count()}
        path = tmp_path_factory.mktemp("plan") / "plan.yaml"
        path.write_text(PLAN, encoding="utf-8")

        facts["dry_run_units"] = run("reorganise_units", str(path), "--dry-run")
        before = state()
        facts["scheduled_output"] = run("reorganise_units", str(path))
        facts["after_scheduling"] = state()
        facts["xa_moi_home"] = Unit.objects.get(slug="xa-moi").home_page.pk
        facts["record"] = Reorganisation.objects.values("status", "provisioned", "applied_at").get()
        facts["before"] = before
        facts["due_today"] = run("reorganise_due")
        facts["after_due_today"] = state()
        facts["dry_run"] = run("reorganise_due", "--dry-run", "--today", TOMORROW.isoformat())
        facts["after_dry_run"] = state()
        mail.outbox = []
        facts["applied_output"] = run("reorganise_due", "--today", TOMORROW.isoformat())
        facts["mail"] = [m.subject for m in mail.outbox]
        facts["applied"] = state()
        facts["again_output"] = run("reorganise_due", "--today", (TOMORROW + datetime.timedelta(days=3)).isoformat())
        facts["again"] = state()
        yield facts
        transaction.set_rollback(True)


@pytest.fixture
def facts(scenario, db):
    cache.clear()
    return scenario


def test_a_plan_dated_tomorrow_is_stored_and_its_successor_provisioned_ahead(facts):
    assert "reorganise_due" in facts["dry_run_units"] and TOMORROW.strftime("%d/%m/%Y") in facts["dry_run_units"]
    assert "xa-moi" in facts["dry_run_units"]
    assert "provisioned ahead: 1" in facts["scheduled_output"]
    record = facts["record"]
    assert record["status"] == ReorganisationStatus.SCHEDULED and record["applied_at"] is None
    assert record["provisioned"] == ["xa-moi"]
    assert facts["xa_moi_home"] is not None  # the successor's board can prepare its portal
    before, after = facts["before"], facts["after_scheduling"]
    # Nothing dated happened: no archive, no succession, questions and grants stay,
    # no page moved and no redirect; only the new unit and its pages exist.
    assert [u for u in after["units"] if u[0] != "xa-moi"] == before["units"]
    assert ("xa-moi", "bacninh", None, None) in after["units"]
    assert after["successions"] == 0 and after["petitions"] == before["petitions"]
    assert after["redirects"] == 0
    assert set(before["pages"]) <= set(after["pages"])
    assert after["grants"] > before["grants"]  # the new board's grants, the old ones kept
    assert not unit_is_archived(Unit.objects.get(slug="xa-a"))


def test_running_the_due_command_today_changes_nothing(facts):
    assert "No reorganisation is due" in facts["due_today"] or "Không có" in facts["due_today"]
    assert facts["after_due_today"] == facts["after_scheduling"]
    assert facts["after_dry_run"] == facts["after_scheduling"]
    assert "1658/NQ-UBTVQH15" in facts["dry_run"] and "xa-moi" in facts["dry_run"]


def test_on_the_date_the_plan_runs_archiving_handing_over_and_redirecting(facts):
    assert "archived: 3" in facts["applied_output"]
    assert "created: 1" in facts["applied_output"] and "questions handed over: 1" in facts["applied_output"]
    xa_a, xa_c, tiendu = (Unit.objects.get(slug=s) for s in ("xa-a", "xa-c", "tiendu"))
    assert (xa_a.archived_on, xa_a.successor.slug) == (TOMORROW, "xa-moi")
    assert tiendu.archived_on == TOMORROW and xa_c.parent.slug == "bacninh"
    question = Petition.objects.get(pk=facts["question_id"])
    assert question.agency.slug == "xa-moi"
    assert (question.tracking_code, question.due_date, question.status) == (
        facts["question"]["tracking_code"], facts["question"]["due_date"], facts["question"]["status"])
    assert any(facts["question"]["tracking_code"] in subject for subject in facts["mail"])
    assert not GroupPagePermission.objects.filter(group_id__in=xa_a.board_groups.values("group_id")).exists()
    article = Page.objects.get(pk=facts["article_id"])
    assert article.get_parent().get_parent().pk == facts["xa_moi_home"]
    assert Redirect.objects.filter(site=xa_a.site, redirect_page=article, is_permanent=True).exists()
    record = Reorganisation.objects.get()
    assert record.status == ReorganisationStatus.APPLIED and record.applied_at is not None
    assert Succession.objects.filter(effective_date=TOMORROW).count() == 3


def test_the_due_command_is_idempotent(facts):
    assert "No reorganisation is due" in facts["again_output"] or "Không có" in facts["again_output"]
    assert facts["again"] == facts["applied"]


def test_a_plan_dated_before_a_scheduled_one_is_refused(facts, tmp_path):
    # A plan scheduled for a month ahead counts as the latest reorganisation: a plan
    # dated between today's and it is refused on its date's line, nothing written.
    def plan(days, operation):
        path = tmp_path / f"plan-{days}.yaml"
        path.write_text(f"effective_date: {(TOMORROW + datetime.timedelta(days=days)).isoformat()}\n"
                        f'legal_basis: "NQ-{days}"\noperations:\n  - {operation}\n', encoding="utf-8")
        return str(path)

    assert "scheduled: 1" in run("reorganise_units", plan(30, "rename: {unit: xa-c, name: Xã Cê}"))
    with pytest.raises(CommandError) as refused:
        run("reorganise_units", plan(10, "rename: {unit: sotuphap, name: Sở Tư pháp mới}"))
    assert "line 1" in str(refused.value) or "dòng 1" in str(refused.value)
    assert Reorganisation.objects.filter(status=ReorganisationStatus.SCHEDULED).count() == 1
    assert Unit.objects.get(slug="xa-c").name != "Xã Cê"  # the scheduled rename waits for its date
