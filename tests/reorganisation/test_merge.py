"""What applying a plan does (issue #21 items 1–4), on one scenario built once:

communes xa-a and xa-b of district tiendu merge into xa-b (which moves directly under
the province) carrying xa-a's news; xa-c moves under the province; tiendu ends.
"""

import datetime
import io
import re
import textwrap
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase
from wagtail.models import GroupPagePermission, Page, Revision

from qa.models import Petition, PetitionForwarding, PetitionStatus, QAIndexPage
from qa.rules import Competence
from qa.services import PetitionNotAccepted, petition_answer, petition_classify, petition_submit
from reorganisation.models import Reorganisation, Succession
from tenants.archive import unit_is_archived
from tenants.models import Unit
from search.services import pages_queryset
from tests.cms.factories import DirectionPageFactory, NewsPageFactory
from tests.factories import UserFactory, province_rows, provision
from tests.qa.factories import VALID_QUESTION, PetitionFactory

EFFECTIVE = datetime.date(2025, 7, 1)
PLAN = """\
effective_date: 2025-07-01
legal_basis: "1658/NQ-UBTVQH15"
operations:
  - merge:
      into: xa-b
      from: [xa-a, xa-b]
      name: Xã Bê Mới
      parent: bacninh
      carry: [tin-tuc]
  - move: {units: [xa-c], parent: bacninh}
  - retire: {unit: tiendu}
"""
OLD_HOST = "xa-a.bacninh.gov.vn"


@pytest.fixture(scope="module")
def scenario(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), transaction.atomic():
        rows = province_rows(communes_under_district=("xa-a", "xa-b", "xa-c"))
        provision(rows)
        provision([r for r in rows if r.slug in ("xa-a", "xa-b")], with_sections=True)
        xa_a = Unit.objects.get(slug="xa-a")
        news_index = Page.objects.child_of(xa_a.home_page).get(slug="tin-tuc")
        article = NewsPageFactory(parent=news_index, title="Khánh thành nhà văn hóa thôn Đông", slug="khanh-thanh")
        article.save_revision().publish()
        kept = DirectionPageFactory(parent=Page.objects.child_of(xa_a.home_page).get(slug="chi-dao-dieu-hanh"),
                                    title="Chỉ đạo phòng chống bão số 3")
        open_question = PetitionFactory(agency=xa_a)
        answered = PetitionFactory(agency=xa_a)
        admin = UserFactory(username="reorg-admin", is_superuser=True, is_staff=True)
        petition_classify(petition_id=answered.pk, competence=Competence.WITHIN_COMPETENCE, by=admin)
        petition_answer(petition_id=answered.pk, answer="Đã trả lời.", answered_by_name="UBND xã", by=admin)
        facts = {
            "article_id": article.pk,
            "kept_id": kept.pk,
            "article_old_url": article.get_url_parts()[2],
            "revisions": Revision.page_revisions.filter(object_id=str(article.pk)).count(),
            "open": Petition.objects.values("pk", "tracking_code", "due_date", "status").get(pk=open_question.pk),
            "answered_id": answered.pk,
            "directions_url": Page.objects.child_of(xa_a.home_page).get(slug="chi-dao-dieu-hanh").url_path,
            "directions_id": Page.objects.child_of(xa_a.home_page).get(slug="chi-dao-dieu-hanh").pk,
            "board_groups": list(xa_a.board_groups.values_list("group_id", flat=True)),
        }
        path = tmp_path_factory.mktemp("plan") / "plan.yaml"
        path.write_text(PLAN, encoding="utf-8")
        out = io.StringIO()
        mail.outbox = []
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("reorganise_units", str(path), "--no-progress", stdout=out)
        facts["output"] = out.getvalue()
        facts["mail"] = [(m.subject, m.to, m.body) for m in mail.outbox]
        yield facts
        transaction.set_rollback(True)


@pytest.fixture
def facts(scenario, db):
    cache.clear()
    return scenario


def test_units_are_archived_merged_moved_and_retired(facts):
    xa_a, xa_b, xa_c, tiendu = (Unit.objects.get(slug=s) for s in ("xa-a", "xa-b", "xa-c", "tiendu"))
    assert (xa_a.archived_on, xa_a.successor) == (EFFECTIVE, xa_b)
    assert unit_is_archived(xa_a) and unit_is_archived(tiendu) and tiendu.successor is None
    assert xa_b.archived_on is None and xa_b.parent.slug == "bacninh" and xa_b.name == "Xã Bê Mới"
    assert xa_b.site.site_name == "Xã Bê Mới" and xa_b.home_page.title == "Xã Bê Mới"
    assert xa_c.parent.slug == "bacninh" and xa_c.archived_on is None
    record = Reorganisation.objects.get()
    assert record.legal_basis == "1658/NQ-UBTVQH15"
    assert set(Succession.objects.values_list("predecessor__slug", "successor__slug", "operation")) == {
        ("xa-a", "xa-b", "merge"), ("tiendu", None, "retire")}
    # The summary after the run.
    assert "archived: 2" in facts["output"] and "pages carried: 1" in facts["output"]
    assert "questions handed over: 1" in facts["output"] and "moved: 1" in facts["output"]


def test_carried_news_moves_with_its_history_and_the_old_address_redirects(facts, client):
    article = Page.objects.get(pk=facts["article_id"])
    xa_b = Unit.objects.get(slug="xa-b")
    assert article.get_parent().get_parent().pk == xa_b.home_page.pk
    assert Revision.page_revisions.filter(object_id=str(article.pk)).count() == facts["revisions"]

    response = client.get(facts["article_old_url"], HTTP_HOST=OLD_HOST)
    assert response.status_code == 301
    assert response["Location"].endswith(article.get_url_parts()[2])
    assert client.get(article.get_url_parts()[2], HTTP_HOST="xa-b.bacninh.gov.vn").status_code == 200


def test_the_old_portal_still_answers_archived_with_a_vietnamese_banner(facts, client):
    home = client.get("/", HTTP_HOST=OLD_HOST)
    assert home.status_code == 200
    text = home.content.decode()
    assert "archive-banner" in text
    assert "Từ ngày 01/07/2025" in text and "đã hợp nhất vào Xã Bê Mới" in text
    section = client.get("/chi-dao-dieu-hanh/", HTTP_HOST=OLD_HOST)
    assert section.status_code == 200 and "archive-banner" in section.content.decode()
    # The successor's own portal shows no banner.
    assert "archive-banner" not in client.get("/", HTTP_HOST="xa-b.bacninh.gov.vn").content.decode()


def test_the_question_in_flight_moves_with_its_code_and_due_date(facts, client):
    before = facts["open"]
    petition = Petition.objects.get(pk=before["pk"])
    assert petition.agency.slug == "xa-b"
    assert (petition.tracking_code, petition.due_date, petition.status) == (
        before["tracking_code"], before["due_date"], before["status"])
    forwarding = PetitionForwarding.objects.get(petition=petition)
    assert (forwarding.from_agency.slug, forwarding.to_agency.slug) == ("xa-a", "xa-b")
    # An answered question stays with the unit that answered it.
    assert Petition.objects.get(pk=facts["answered_id"]).agency.slug == "xa-a"
    assert Petition.objects.get(pk=facts["answered_id"]).status == PetitionStatus.ANSWERED
    # The sender is told, with the same code.
    told = [m for m in facts["mail"] if before["tracking_code"] in m[0] and "Xã Bê Mới" in m[0]]
    assert told and before["due_date"].strftime("%d/%m/%Y") in told[0][2]
    # Looking the code up on the old portal still works.
    lookup = client.get(f"/api/v2/qa/questions/{before['tracking_code']}/", HTTP_HOST=OLD_HOST)
    assert lookup.status_code == 200


def test_the_archived_portal_refuses_submissions_and_admin_edits(facts, client):
    xa_a = Unit.objects.get(slug="xa-a")
    with pytest.raises(PetitionNotAccepted) as refused:
        petition_submit(agency=xa_a, **VALID_QUESTION)
    assert "đã được lưu trữ" in " ".join(refused.value.messages)

    api = client.post("/api/v2/qa/questions/", VALID_QUESTION, content_type="application/json", HTTP_HOST=OLD_HOST)
    assert api.status_code == 403
    assert "đã được lưu trữ" in api.json()["detail"]
    assert not Petition.objects.filter(subject=VALID_QUESTION["subject"]).exists()

    # The old Q&A page says so before anyone types a question, and still looks codes up.
    qa_page = QAIndexPage.objects.descendant_of(xa_a.home_page).live().get()
    shown = client.get(qa_page.get_url_parts()[2], HTTP_HOST=OLD_HOST).content.decode()
    assert "đã được lưu trữ" in shown and 'action="#ask"' not in shown and 'action="#track"' in shown

    admin = UserFactory(username="reorg-editor", is_superuser=True, is_staff=True)
    client.force_login(admin)
    edit = client.get(f"/admin/pages/{facts['directions_id']}/edit/", follow=True)
    assert "đã được lưu trữ" in edit.content.decode()
    assert edit.redirect_chain and "/edit/" not in edit.redirect_chain[-1][0]


def test_the_old_boards_permissions_ended(facts):
    assert not GroupPagePermission.objects.filter(group_id__in=facts["board_groups"]).exists()
    # The groups themselves (who sat on the board) are kept.
    assert Group.objects.filter(pk__in=facts["board_groups"]).count() == len(facts["board_groups"])


def test_archived_portals_leave_the_default_search_scope_but_have_their_own(facts, client):
    kept = facts["kept_id"]
    assert not pages_queryset().filter(pk=kept).exists()
    assert pages_queryset(archived=True).filter(pk=kept).exists()
    assert not pages_queryset(archived=True).filter(pk=facts["article_id"]).exists()  # carried: xa-b's now
    assert pages_queryset(portal=Unit.objects.get(slug="xa-a")).filter(pk=kept).exists()
    page = client.get("/tim-kiem/", {"q": "bão", "scope": "archived"}, HTTP_HOST="bacninh.gov.vn")
    assert "Cổng đã lưu trữ" in page.content.decode()


def _sitemap(client, host):
    response = client.get("/sitemap.xml", HTTP_HOST=host)
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return {loc.text for loc in ET.fromstring(response.content).findall("s:url/s:loc", ns)}


def test_the_archives_sitemap_lists_only_its_archived_pages(facts, client):
    kept = Page.objects.get(pk=facts["kept_id"])
    article = Page.objects.get(pk=facts["article_id"])
    archive = _sitemap(client, OLD_HOST)
    assert f"http://{OLD_HOST}/" in archive
    assert f"http://{OLD_HOST}{kept.url_path[len(Unit.objects.get(slug='xa-a').home_page.url_path) - 1:]}" in archive
    assert all(url.startswith(f"http://{OLD_HOST}/") for url in archive)
    # The carried article is the successor's now: neither its old address (a 301) nor
    # its new one is in the archive's sitemap; the successor's lists it.
    assert not any(url.endswith(facts["article_old_url"]) for url in archive)
    successor = _sitemap(client, "xa-b.bacninh.gov.vn")
    assert f"http://xa-b.bacninh.gov.vn{article.get_url_parts()[2]}" in successor
    assert not archive & successor


def test_archived_pages_name_their_own_address_as_canonical(facts, client):
    kept = Page.objects.get(pk=facts["kept_id"])
    path = kept.get_url_parts()[2]
    for url in ("/", path):
        html = client.get(url, {"utm_source": "zalo"}, HTTP_HOST=OLD_HOST).content.decode()
        assert "archive-banner" in html
        assert re.findall(r'<link rel="canonical" href="([^"]+)">', html) == [f"http://{OLD_HOST}{url}"]
        assert "noindex" not in html  # the archive stays findable
    # The carried article names its new address on the successor.
    article = Page.objects.get(pk=facts["article_id"])
    html = client.get(article.get_url_parts()[2], HTTP_HOST="xa-b.bacninh.gov.vn").content.decode()
    assert f'<link rel="canonical" href="http://xa-b.bacninh.gov.vn{article.get_url_parts()[2]}">' in html
