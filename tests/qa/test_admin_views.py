"""The boards' Q&A screens: each board its own agency, the province all of them."""

import pytest
from django.urls import reverse

from qa.models import PetitionStatus
from qa.rules import Competence
from qa.services import petition_forward
from tests.qa.conftest import vn_time
from tests.qa.factories import PetitionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def petitions(units, now):
    return {
        "a_late": PetitionFactory(agency=units["xa-a"], received_at=vn_time(2026, 2, 2), sender_name="Người Gửi A"),
        "a_new": PetitionFactory(agency=units["xa-a"], sender_name="Người Gửi Mới"),
        "b": PetitionFactory(agency=units["xa-b"], sender_name="Người Gửi B", sender_phone="0900 111 222"),
    }


def detail(petition):
    return reverse("qa_admin:detail", args=[petition.pk])


def test_board_lists_only_its_agency(client, boards, petitions):
    client.force_login(boards[("xa-a", "member")])
    html = client.get(reverse("qa_admin:index")).content.decode()
    assert petitions["a_late"].tracking_code in html and petitions["a_new"].tracking_code in html
    assert petitions["b"].tracking_code not in html


def test_provincial_board_sees_all_overdue_first(client, boards, petitions):
    client.force_login(boards[("bacninh", "head")])
    listed = list(client.get(reverse("qa_admin:index")).context["page_obj"])
    assert listed[0] == petitions["a_late"] and listed[0].overdue
    assert set(listed) == set(petitions.values())


def test_another_communes_board_cannot_read_personal_data_or_act(client, boards, petitions):
    client.force_login(boards[("xa-a", "head")])
    other = petitions["b"]

    assert client.get(detail(other)).status_code == 404
    client.post(detail(other), {"action": "classify", "classify-competence": Competence.INTER_AGENCY})
    other.refresh_from_db()
    assert other.status == PetitionStatus.RECEIVED
    assert client.get(reverse("qa_admin:attachment", args=[other.pk, 1])).status_code == 404


def test_contributors_have_no_qa_screens(client, boards, petitions):
    client.force_login(boards[("xa-a", "contributor")])
    assert client.get(reverse("qa_admin:index")).status_code in (302, 403)
    assert client.get(detail(petitions["a_new"])).status_code in (302, 403)


def test_board_sees_personal_data_and_classifies(client, boards, petitions):
    client.force_login(boards[("xa-a", "member")])
    petition = petitions["a_new"]
    response = client.get(detail(petition))
    assert "Người Gửi Mới" in response.content.decode()
    assert set(response.context["forms"]) == {"classify", "forward", "refuse"}  # members do not publish

    response = client.post(detail(petition), {"action": "classify", "classify-competence": Competence.INTER_AGENCY})

    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.competence == Competence.INTER_AGENCY and str(petition.due_date) == "2026-03-11"


def test_forwarded_petition_stays_visible_to_the_sender_agency_without_actions(client, boards, petitions, units):
    petition = petitions["a_new"]
    petition_forward(petition_id=petition.pk, to_agency=units["sotuphap"], by=boards[("xa-a", "member")])

    client.force_login(boards[("xa-a", "member")])
    response = client.get(detail(petition))
    assert response.status_code == 200 and "Người Gửi Mới" in response.content.decode()
    assert response.context["forms"] == {}

    client.force_login(boards[("xa-b", "head")])
    assert client.get(detail(petition)).status_code == 404


def test_provincial_board_sees_personal_data_of_every_agency(client, boards, petitions):
    client.force_login(boards[("bacninh", "member")])
    assert "0900 111 222" in client.get(detail(petitions["b"])).content.decode()


def test_menu_item_shows_for_boards_only(client, boards, petitions):
    client.force_login(boards[("xa-a", "deputy")])
    assert reverse("qa_admin:index") in client.get(reverse("wagtailadmin_home")).content.decode()


def test_saved_classification_and_answer_are_shown_again(client, boards, petitions):
    """Issue #19 item 3: after saving, the board sees what it saved in the forms."""
    client.force_login(boards[("xa-a", "head")])
    petition = petitions["a_new"]
    client.post(detail(petition), {"action": "classify", "classify-competence": Competence.INTER_AGENCY})
    form = client.get(detail(petition)).context["forms"]["classify"]
    assert form["competence"].value() == Competence.INTER_AGENCY
    assert f'value="{Competence.INTER_AGENCY}" selected' in str(form["competence"])

    answer = "Kính gửi ông/bà, Ủy ban trả lời như sau: hồ sơ đã được tiếp nhận."
    client.post(detail(petition), {"action": "answer", "answer-answer": answer, "answer-answered_by_name": "Nguyễn Văn A"})
    response = client.get(detail(petition))
    assert response.context["forms"]["answer"]["answer"].value() == answer
    html = response.content.decode()
    assert "Công khai câu trả lời</button>" in html


def test_forward_list_is_grouped_by_kind_of_unit(client, boards, petitions):
    client.force_login(boards[("xa-a", "head")])
    from django.utils import translation

    with translation.override("vi"):
        html = str(client.get(detail(petitions["a_new"])).context["forms"]["forward"]["to_agency"])
    groups = [html.index(f'<optgroup label="{label}">') for label in ("Sở, ban, ngành", "Huyện, thị xã, thành phố", "Xã, phường, thị trấn")]
    assert groups == sorted(groups)
    assert "data-qa-searchable" in html
    assert html.index("Sở Tư pháp") < groups[1] < html.index("Tiên Du") < groups[2]


def test_list_export_is_the_boards_own_rows_without_personal_data_and_inert(client, boards, petitions, units):
    """Issue #24 item 4: the list is Wagtail's IndexView; its CSV keeps the list's rules."""
    formula = PetitionFactory(agency=units["xa-a"], subject="=HYPERLINK(\"http://evil.example\")")
    client.force_login(boards[("xa-a", "member")])
    response = client.get(reverse("qa_admin:index"), {"export": "csv"})
    assert response.status_code == 200
    csv_text = b"".join(response.streaming_content).decode()
    assert petitions["a_late"].tracking_code in csv_text and petitions["b"].tracking_code not in csv_text
    assert "Người Gửi A" not in csv_text  # the sender is on the petition's screen only
    assert "'=HYPERLINK" in csv_text and formula.tracking_code in csv_text

    overdue = client.get(reverse("qa_admin:index"), {"overdue": "true"}).context["page_obj"]
    assert [petition.pk for petition in overdue] == [petitions["a_late"].pk]
