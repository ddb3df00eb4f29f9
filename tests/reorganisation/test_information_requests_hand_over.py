"""Issue #21 item 4 for information requests (Luật Tiếp cận thông tin): the open requests
of a merged commune go to its successor, those of a retired one to its parent, with the
same tracking code, secret and due date; the requester is told; the old portal's request
page still finds them, and no unrelated portal does. Built once:

xa-a merges into xa-b; xa-c (under the district tiendu) is retired; sotuphap is unrelated.
"""

import io

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase
from django.urls import reverse
from django.utils.translation import gettext

from information_requests.models import InformationRequest, InformationRequestHandOver, RequestStatus
from information_requests.services import information_request_answer
from tenants.models import BoardRole, Unit
from tests.factories import UserFactory, board_member, province_rows, provision
from tests.information_requests.factories import request_page_for, request_submit

PLAN = """\
effective_date: 2025-07-01
legal_basis: "1658/NQ-UBTVQH15"
operations:
  - merge:
      into: xa-b
      from: [xa-a, xa-b]
      name: Xã Bê Mới
      parent: bacninh
  - retire: {unit: xa-c}
"""
FIELDS = ("agency__slug", "tracking_code", "due_date", "status", "secret_hash")


def host(slug: str) -> str:
    return f"{slug}.bacninh.gov.vn"


def state():
    return sorted(InformationRequest.objects.values_list(*FIELDS))


@pytest.fixture(scope="module")
def scenario(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), transaction.atomic():
        provision(province_rows(communes_under_district=("xa-a", "xa-b", "xa-c")))
        units = {u.slug: u for u in Unit.objects.all()}
        pages = {slug: request_page_for(units[slug]).pk for slug in ("xa-a", "xa-b", "xa-c", "tiendu", "sotuphap")}
        users = {slug: board_member(units[slug], BoardRole.HEAD, username=f"{slug}.head").pk
                 for slug in ("xa-a", "xa-b")}
        admin = UserFactory(username="ir-admin", is_superuser=True, is_staff=True)
        with TestCase.captureOnCommitCallbacks(execute=True):
            open_a = request_submit(units["xa-a"], requester_email="nguoi-hoi@example.vn")
            answered_a = request_submit(units["xa-a"])
            open_c = request_submit(units["xa-c"])
            unrelated = request_submit(units["sotuphap"])
            information_request_answer(
                request_id=answered_a.information_request.pk, answer="Đã cung cấp.", by=admin)
        secrets = {name: r.secret for name, r in
                   (("open_a", open_a), ("answered_a", answered_a), ("open_c", open_c), ("unrelated", unrelated))}
        before = {name: InformationRequest.objects.values(*FIELDS).get(pk=r.information_request.pk) for name, r in
                  (("open_a", open_a), ("answered_a", answered_a), ("open_c", open_c), ("unrelated", unrelated))}
        path = tmp_path_factory.mktemp("plan") / "plan.yaml"
        path.write_text(PLAN, encoding="utf-8")

        dry, state_before = io.StringIO(), state()
        call_command("reorganise_units", str(path), "--dry-run", stdout=dry)
        facts = {"dry_run": dry.getvalue(), "unchanged_by_dry_run": state() == state_before}

        out = io.StringIO()
        mail.outbox = []
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("reorganise_units", str(path), "--no-progress", stdout=out)
        facts.update(output=out.getvalue(), mail=[(m.subject, m.to, m.body) for m in mail.outbox],
                     secrets=secrets, before=before, pages=pages, users=users,
                     ids={name: InformationRequest.objects.get(tracking_code=b["tracking_code"]).pk
                          for name, b in before.items()})
        yield facts
        transaction.set_rollback(True)


@pytest.fixture
def facts(scenario, db):
    cache.clear()
    return scenario


def test_dry_run_says_what_moves_and_changes_nothing(facts):
    assert facts["unchanged_by_dry_run"]
    for to in ("xa-b", "tiendu"):  # in the language the command speaks (Vietnamese)
        assert gettext("%(count)s information requests in flight handed over to %(to)s") % {
            "count": 1, "to": to} in facts["dry_run"]
    assert "yêu cầu cung cấp thông tin đang giải quyết" in facts["dry_run"]
    assert "information requests handed over: 2" in facts["output"]


def test_open_requests_move_with_code_due_date_and_secret_unchanged(facts):
    now = {name: InformationRequest.objects.values(*FIELDS).get(pk=pk) for name, pk in facts["ids"].items()}
    before = facts["before"]
    # Merge: to the successor; retire: to the parent; the rest of the row as it was.
    assert now["open_a"] == {**before["open_a"], "agency__slug": "xa-b"}
    assert now["open_c"] == {**before["open_c"], "agency__slug": "tiendu"}
    assert before["open_a"]["status"] == RequestStatus.RECEIVED
    # An answered request stays with the agency that answered it; unrelated ones stay put.
    assert now["answered_a"] == before["answered_a"] and now["answered_a"]["agency__slug"] == "xa-a"
    assert now["unrelated"] == before["unrelated"]
    hand_overs = InformationRequestHandOver.objects.values_list("request_id", "from_agency__slug", "to_agency__slug")
    assert set(hand_overs) == {
        (facts["ids"]["open_a"], "xa-a", "xa-b"), (facts["ids"]["open_c"], "xa-c", "tiendu")}
    assert "1658/NQ-UBTVQH15" in InformationRequestHandOver.objects.get(request_id=facts["ids"]["open_a"]).note
    assert InformationRequestHandOver.objects.get(request_id=facts["ids"]["open_c"]).note.startswith(
        "Chuyển giao: Xã Thử Nghiệm xa-c chấm dứt hoạt động")


def test_requester_and_both_boards_are_told_with_the_same_code(facts):
    code = facts["before"]["open_a"]["tracking_code"]
    due = facts["before"]["open_a"]["due_date"].strftime("%d/%m/%Y")
    to_requester = [m for m in facts["mail"] if m[1] == ["nguoi-hoi@example.vn"]]
    assert len(to_requester) == 1
    subject, _, body = to_requester[0]
    assert code in subject and "Xã Bê Mới" in subject and code in body and due in body
    assert subject.startswith("Yêu cầu cung cấp thông tin")  # Vietnamese, as every mail to the public
    to_new_board = [m for m in facts["mail"] if m[1] == ["xa-b.head@bacninh.gov.vn"]]
    to_old_board = [m for m in facts["mail"] if m[1] == ["xa-a.head@bacninh.gov.vn"]]
    assert len(to_new_board) == 1 and code in to_new_board[0][2] and due in to_new_board[0][2]
    assert len(to_old_board) == 1 and code in to_old_board[0][2] and "Xã Bê Mới" in to_old_board[0][2]
    # The answered request's requester hears nothing new.
    answered_code = facts["before"]["answered_a"]["tracking_code"]
    assert not [m for m in facts["mail"] if answered_code in m[0] + m[2]]


def test_successor_board_sees_and_answers_it_the_archived_board_does_not(
    facts, client, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    pk, code = facts["ids"]["open_a"], facts["before"]["open_a"]["tracking_code"]
    client.force_login(User.objects.get(pk=facts["users"]["xa-a"]))
    assert code not in client.get(reverse("information_requests_admin:index")).content.decode()
    assert client.get(reverse("information_requests_admin:detail", args=[pk])).status_code in (403, 404)

    client.force_login(User.objects.get(pk=facts["users"]["xa-b"]))
    assert code in client.get(reverse("information_requests_admin:index")).content.decode()
    # Its detail says where it came from, in Vietnamese, with the legal basis.
    detail = client.get(reverse("information_requests_admin:detail", args=[pk])).content.decode()
    assert "Chuyển giao: Xã Thử Nghiệm xa-a hợp nhất vào Xã Bê Mới (1658/NQ-UBTVQH15)" in detail
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("information_requests_admin:detail", args=[pk]),
                               {"action": "answer", "answer-answer": "Xã Bê Mới gửi quyết định."})
    assert response.status_code in (200, 302)
    item = InformationRequest.objects.get(pk=pk)
    assert item.status == RequestStatus.ANSWERED and item.agency.slug == "xa-b"


def test_lookup_on_the_old_and_the_new_portal_and_nowhere_else(facts, client, settings):
    from information_requests.models import InformationRequestPage

    settings.QA_SUBMISSIONS_PER_IP = 0  # eleven lookups from one address; the limit is tested elsewhere

    def lookup(portal, name):
        page = InformationRequestPage.objects.get(pk=facts["pages"][portal])
        data = {"action": "lookup", "code": facts["before"][name]["tracking_code"], "secret": facts["secrets"][name]}
        return client.post(page.get_url_parts()[2], data, HTTP_HOST=host(portal))

    for portal, name in (("xa-a", "open_a"), ("xa-b", "open_a"), ("xa-c", "open_c"), ("tiendu", "open_c"),
                         ("xa-a", "answered_a")):
        response = lookup(portal, name)
        html = response.content.decode()
        assert response.status_code == 200, (portal, name)
        assert facts["before"][name]["due_date"].strftime("%d/%m/%Y") in html
    assert "Xã Bê Mới" in lookup("xa-a", "open_a").content.decode()  # who answers it now
    # No leak: an unrelated portal, or a sibling, finds none of them; the old portal not another's.
    for portal, name in (("sotuphap", "open_a"), ("xa-c", "open_a"), ("xa-b", "open_c"), ("xa-b", "answered_a"),
                         ("xa-a", "unrelated"), ("xa-a", "open_c")):
        assert lookup(portal, name).status_code == 404, (portal, name)
