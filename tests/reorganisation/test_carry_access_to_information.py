"""Carrying "Tiếp cận thông tin" (issue #21): the successor keeps one information request
page, requests reach the right agency, and the archived portal still answers its
requesters' tracking codes. One scenario, built once: xa-a merges into xa-b carrying
``tiep-can-thong-tin`` (and its news); xa-a had received a request before."""

import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client, TestCase
from django.utils import translation
from wagtail.models import Page

from information_requests.models import InformationRequest, InformationRequestPage
from tenants.archive import MESSAGE_ARCHIVED
from tenants.models import Unit
from tests.cms.factories import NewsPageFactory
from tests.factories import province_rows, provision
from tests.information_requests.factories import VALID_REQUEST, request_submit

PLAN = """\
effective_date: 2025-07-01
legal_basis: "1658/NQ-UBTVQH15"
operations:
  - merge: {into: xa-b, from: [xa-a, xa-b], carry: [tiep-can-thong-tin, tin-tuc]}
"""
OLD_HOST, NEW_HOST = "xa-a.bacninh.gov.vn", "xa-b.bacninh.gov.vn"


def request_pages(slug):
    home = Unit.objects.get(slug=slug).home_page
    section = Page.objects.child_of(home).get(slug="tiep-can-thong-tin")
    return list(InformationRequestPage.objects.child_of(section).order_by("pk"))


@pytest.fixture(scope="module")
def scenario(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), transaction.atomic():
        rows = province_rows(communes_under_district=("xa-a", "xa-b"))
        provision(rows)
        provision([r for r in rows if r.slug in ("xa-a", "xa-b")], with_sections=True)
        xa_a = Unit.objects.get(slug="xa-a")
        news = NewsPageFactory(parent=Page.objects.child_of(xa_a.home_page).get(slug="tin-tuc"), title="Tin xã A")
        receipt = request_submit(xa_a)
        (old_page,) = request_pages("xa-a")
        facts = {
            "news": news.pk, "old_page": old_page.pk, "old_url": old_page.get_url_parts()[2],
            "before": {slug: [p.pk for p in request_pages(slug)] for slug in ("xa-a", "xa-b")},
            "code": receipt.information_request.tracking_code, "secret": receipt.secret,
        }
        path = tmp_path_factory.mktemp("plan") / "plan.yaml"
        path.write_text(PLAN, encoding="utf-8")
        out = io.StringIO()
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("reorganise_units", str(path), "--no-progress", stdout=out)
        facts["output"] = out.getvalue()
        yield facts
        transaction.set_rollback(True)


@pytest.fixture
def facts(scenario, db):
    cache.clear()
    return scenario


def test_the_successor_keeps_one_request_page_and_the_archive_keeps_its_own(facts):
    # Each portal had its own request page, provisioned under the section.
    assert all(len(pages) == 1 for pages in facts["before"].values())
    assert [p.pk for p in request_pages("xa-b")] == facts["before"]["xa-b"]
    assert [p.pk for p in request_pages("xa-a")] == facts["before"]["xa-a"]
    assert InformationRequestPage.objects.count() == 2
    # The section's other items (and the other sections) are carried as before.
    news = Page.objects.get(pk=facts["news"])
    assert news.get_parent().get_parent().pk == Unit.objects.get(slug="xa-b").home_page.pk
    assert re.search(r"pages carried: 1\b", facts["output"])


def test_requests_reach_the_right_agency(facts):
    client = Client()
    (new_page,) = request_pages("xa-b")
    sent = client.post(new_page.get_url_parts()[2], {**VALID_REQUEST, "action": "send"}, HTTP_HOST=NEW_HOST)
    assert sent.status_code == 302
    # The new one, and xa-a's open request handed over to it on the effective date.
    assert InformationRequest.objects.filter(agency__slug="xa-b").count() == 2

    # The archive's page takes no new request; it says, in Vietnamese, where to go, in
    # place of the form (nobody fills it in to be refused), and keeps the lookup.
    shown = client.get(facts["old_url"], HTTP_HOST=OLD_HOST).content.decode()
    with translation.override("vi"):
        assert str(MESSAGE_ARCHIVED) in shown and Unit.objects.get(slug="xa-b").name in shown
    assert 'action="#request"' not in shown and 'action="#track"' in shown
    assert 'action="#request"' in client.get(new_page.get_url_parts()[2], HTTP_HOST=NEW_HOST).content.decode()
    refused = client.post(facts["old_url"], {**VALID_REQUEST, "action": "send"}, HTTP_HOST=OLD_HOST)
    assert refused.status_code == 200
    with translation.override("vi"):
        assert str(MESSAGE_ARCHIVED) in refused.content.decode()
    assert Unit.objects.get(slug="xa-b").name in refused.content.decode()
    assert InformationRequest.objects.filter(agency__slug="xa-a").count() == 0
    api = client.post("/api/v2/information-requests/", VALID_REQUEST, content_type="application/json",
                      HTTP_HOST=OLD_HOST)
    assert api.status_code == 403 and "xa-b" in api.json()["detail"]
    assert InformationRequest.objects.filter(agency__slug="xa-a").count() == 0

    # Its requester still looks the request up at the old address, with code and secret.
    lookup = client.post(facts["old_url"], {"action": "lookup", "code": facts["code"], "secret": facts["secret"]},
                         HTTP_HOST=OLD_HOST)
    assert lookup.status_code == 200 and facts["code"] in lookup.content.decode()
