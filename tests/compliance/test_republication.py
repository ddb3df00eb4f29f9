"""Điều 9.4: the provincial board republishes provincial articles on component portals
(report row 14) and accepts or declines articles component portals send up; every
copy names and links its source (Điều 12)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.models import RepublishedPage
from compliance.models import Republication, SubmissionStatus
from mandate.periods import period_parse
from compliance.republication import (
    MESSAGE_REASON_REQUIRED,
    RepublicationPermissionError,
    SubmissionPermissionError,
    republication_mark,
    submission_accept,
    submission_decline,
    submission_send,
)
from compliance.selectors import report_build
from tenants.models import BoardRole
from tests.cms import factories as f
from tests.factories import UserFactory, board_member

PROVINCE_HOST = "bacninh.gov.vn"
SOTUPHAP_HOST = "sotuphap.bacninh.gov.vn"
DENIED = "/admin/"  # where Wagtail sends an editor refused by a PermissionDenied


@pytest.fixture
def portals(db, today):
    return f.portal_with_sections(slugs={"bacninh", "sotuphap"})


@pytest.fixture
def people(portals):
    units = portals.units
    return {
        "province_member": board_member(units["bacninh"], BoardRole.MEMBER, username="bacninh.member"),
        "province_contributor": board_member(units["bacninh"], BoardRole.CONTRIBUTOR, username="bacninh.contrib"),
        "department_head": board_member(units["sotuphap"], BoardRole.HEAD, username="sotuphap.head"),
        "department_contributor": board_member(units["sotuphap"], BoardRole.CONTRIBUTOR,
                                               username="sotuphap.contrib"),
        "outsider": UserFactory(username="outsider"),
    }


def test_provincial_article_republished_on_component_portals_and_counted_in_row_14(portals, people, client):
    news = f.NewsPageFactory(parent=portals.section("bacninh", "tin-tuc"), title="Tỉnh chỉ đạo phòng chống bão")

    created = republication_mark(page=news, user=people["province_member"])
    assert [r.target_unit.slug for r in created] == ["sotuphap"]
    copy = created[0].target_page.specific
    assert isinstance(copy, RepublishedPage) and copy.live
    assert copy.get_parent().pk == portals.section("sotuphap", "tin-tuc").pk  # the matching section
    assert copy.unit == portals.units["sotuphap"]
    assert copy.source_attribution == "Theo Cổng TTĐT tỉnh Bắc Ninh"
    assert copy.source_url == f"https://{PROVINCE_HOST}/tin-tuc/{news.slug}/"
    # Marking again changes nothing.
    assert republication_mark(page=news, user=people["province_member"]) == []

    # The component portal shows it in its news section with the source named and linked.
    page = client.get(copy.url_path.replace(portals.homes["sotuphap"].url_path, "/"), HTTP_HOST=SOTUPHAP_HOST)
    assert page.status_code == 200
    assert "Theo Cổng TTĐT tỉnh Bắc Ninh" in page.text and copy.source_url in page.text
    listing = client.get("/tin-tuc/", HTTP_HOST=SOTUPHAP_HOST)
    assert news.title in listing.text
    api = client.get(f"/api/v2/pages/{copy.pk}/", HTTP_HOST=SOTUPHAP_HOST).json()
    assert api["source_attribution"] == "Theo Cổng TTĐT tỉnh Bắc Ninh" and api["source_url"] == copy.source_url

    # Row 14: the component portal and the province's roll-up count it (no deadline, so
    # no on time / overdue); the province's own portal is not a component portal.
    h2 = period_parse("2026-H2")
    department = report_build(unit=portals.units["sotuphap"], period=h2).table1.row("14")
    assert (department.value("on_time"), department.value("overdue"), department.value("count")) == (None, None, 1)
    province = report_build(unit=portals.units["bacninh"], period=h2)
    assert province.table1.row("14").value("count") == 1
    assert [province.items[ref].page_id for ref in province.table1.row("14").cell.count] == [copy.pk]
    assert next(r for r in province.table1.own_rows if r.line.key == "14").applicable is False
    assert province.items[f"republished-{copy.pk}"].url.startswith(f"https://{SOTUPHAP_HOST}/tin-tuc/")
    # Row 2 still counts the original once, on its own portal.
    assert [province.items[ref].page_id for ref in province.table1.row("2").cell.count] == [news.pk]
    assert report_build(unit=portals.units["sotuphap"], period=period_parse("2026-H1")).table1.row("14").value(
        "count") == 0


def test_only_the_provincial_board_marks_for_republication(portals, people, client):
    news = f.NewsPageFactory(parent=portals.section("bacninh", "tin-tuc"))
    for name in ("province_contributor", "department_head", "outsider"):
        with pytest.raises(RepublicationPermissionError):
            republication_mark(page=news, user=people[name])
    department_news = f.NewsPageFactory(parent=portals.section("sotuphap", "tin-tuc"))
    with pytest.raises(ValidationError):
        republication_mark(page=department_news, user=people["province_member"])
    assert not Republication.objects.exists()

    # The admin behaves the same: Wagtail's "permission denied" (back to the dashboard) for a
    # component board, a form then the copies for the province.
    url = reverse("compliance_exchange:republish", args=[news.pk])
    client.force_login(people["department_head"])
    assert client.get(url).url == DENIED
    assert client.post(url).url == DENIED
    assert not Republication.objects.exists()
    client.force_login(people["province_member"])
    assert client.get(url).status_code == 200
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[news.pk]))
    assert url in edit.text  # the header's button
    assert client.post(url).status_code == 302
    assert Republication.objects.filter(source_page=news).count() == 1


def test_component_article_sent_up_accepted_or_declined(portals, people, client):
    section = portals.section("sotuphap", "tin-tuc")
    news = f.NewsPageFactory(parent=section, title="Sở Tư pháp tập huấn hòa giải cơ sở")
    other = f.NewsPageFactory(parent=section, title="Sở Tư pháp kiểm tra công tác chứng thực")

    with pytest.raises(SubmissionPermissionError):
        submission_send(page=news, user=people["outsider"])
    submission = submission_send(page=news, user=people["department_contributor"])
    assert submission.status == SubmissionStatus.PENDING and submission.source_unit.slug == "sotuphap"
    with pytest.raises(ValidationError):
        submission_send(page=news, user=people["department_head"])  # already waiting

    for name in ("department_head", "province_contributor"):
        with pytest.raises(SubmissionPermissionError):
            submission_accept(submission=submission, user=people[name])
    submission = submission_accept(submission=submission, user=people["province_member"])
    assert submission.status == SubmissionStatus.ACCEPTED
    published = submission.published_page.specific
    assert published.live and published.unit.slug == "bacninh"
    assert published.get_parent().pk == portals.section("bacninh", "tin-tuc").pk
    assert published.source_attribution == "Theo Cổng TTĐT Sở Tư pháp"
    page = client.get(f"/tin-tuc/{published.slug}/", HTTP_HOST=PROVINCE_HOST)
    assert "Theo Cổng TTĐT Sở Tư pháp" in page.text and f"https://{SOTUPHAP_HOST}/tin-tuc/{news.slug}/" in page.text
    # Accepted upward articles are not row 14 (that row is the province's articles downward).
    assert report_build(unit=portals.units["bacninh"], period=period_parse("2026")).table1.row("14").value(
        "count") == 0

    declined = submission_send(page=other, user=people["department_head"])
    with pytest.raises(ValidationError) as error:
        submission_decline(submission=declined, user=people["province_member"], reason="  ")
    assert error.value.messages == [str(MESSAGE_REASON_REQUIRED)]
    declined = submission_decline(submission=declined, user=people["province_member"], reason="Trùng nội dung.")
    assert (declined.status, declined.reason, declined.published_page) == (SubmissionStatus.DECLINED,
                                                                            "Trùng nội dung.", None)

    # The admin list: the province decides, the department only sees its own.
    client.force_login(people["department_head"])
    listing = client.get(reverse("compliance_exchange:submissions"))
    assert listing.status_code == 200 and "Trùng nội dung." in listing.text and 'value="accept"' not in listing.text
    again = submission_send(page=other, user=people["department_head"])
    assert client.post(reverse("compliance_exchange:submissions"),
                       {"submission": again.pk, "decision": "accept"}).url == DENIED
    again.refresh_from_db()
    assert again.status == SubmissionStatus.PENDING
    client.force_login(people["province_member"])
    assert client.post(reverse("compliance_exchange:submissions"),
                       {"submission": again.pk, "decision": "accept"}).status_code == 302
    again.refresh_from_db()
    assert again.status == SubmissionStatus.ACCEPTED
