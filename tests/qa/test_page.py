"""A portal's Q&A page: the form, the tracking lookup and the published answers."""

import pytest
from django.test import override_settings
from django.utils import translation

from cms.models import PortalHomePage
from qa.forms import PetitionForm
from qa.models import Petition, QAIndexPage
from qa.rules import MESSAGE_COMPLAINT, MESSAGE_RATE_LIMITED, MESSAGE_SENDER_NAME_MISSING, Competence
from qa.services import petition_answer, petition_classify, petition_publish
from tests.qa.factories import VALID_QUESTION, PetitionFactory, qa_page_for

pytestmark = pytest.mark.django_db

HOST = "xa-a.bacninh.gov.vn"


@pytest.fixture
def page(units):
    return qa_page_for(units["xa-a"])


def url(page):
    return page.get_url_parts()[2]  # the path on the portal's own host


def submit(client, page, data, **extra):
    return client.post(url(page), data, HTTP_HOST=HOST, **extra)


def test_page_sits_once_under_a_portal_home(page):
    assert QAIndexPage.parent_page_types == ["cms.PortalHomePage"]
    assert QAIndexPage.max_count_per_parent == 1
    assert QAIndexPage in PortalHomePage.allowed_subpage_models()


def test_question_sent_from_the_form_reaches_the_portals_unit(client, page, units, now):
    response = submit(client, page, {**VALID_QUESTION, "website": ""})

    assert response.status_code == 302
    petition = Petition.objects.get()
    assert petition.agency == units["xa-a"]
    shown = client.get(response["Location"], HTTP_HOST=HOST).content.decode()
    assert petition.tracking_code in shown
    # The code is shown once, not to whoever opens the page later.
    assert petition.tracking_code not in client.get(response["Location"], HTTP_HOST=HOST).content.decode()


def test_refusals_are_shown_next_to_the_fields_in_vietnamese(client, page):
    response = submit(client, page, {**VALID_QUESTION, "sender_name": "", "subject": "Tố cáo cán bộ"})

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["sender_name"] == ["Vui lòng nhập họ và tên người gửi."]
    assert form.errors["subject"] == [str(MESSAGE_COMPLAINT)]
    html = response.content.decode()
    assert "Luật Khiếu nại" in html and "Vui lòng nhập họ và tên người gửi." in html
    assert not Petition.objects.exists()


def test_form_refuses_in_english_on_the_english_mirror():
    # Pages take their language from the URL (/en/ is the English mirror).
    with translation.override("en"):
        form = PetitionForm(data={**VALID_QUESTION, "sender_name": "", "content": "Khieu nai ve dat dai cua thon"})
        assert not form.is_valid()
        assert (
            form.errors["sender_name"] == [str(MESSAGE_SENDER_NAME_MISSING)] == ["Please enter the sender's full name."]
        )
        assert any("Law on Complaints" in message for message in form.errors["content"])


def test_honeypot_is_hidden_and_a_filled_one_stores_nothing(client, page):
    html = client.get(url(page), HTTP_HOST=HOST).content.decode()
    assert 'name="website"' in html and 'aria-hidden="true"' in html

    response = submit(client, page, {**VALID_QUESTION, "website": "spam"})

    assert response.status_code == 302
    assert not Petition.objects.exists()


@override_settings(QA_SUBMISSIONS_PER_IP=1)
def test_rate_limited_form_says_so_in_vietnamese(client, page):
    submit(client, page, VALID_QUESTION)
    response = submit(client, page, VALID_QUESTION)
    assert response.status_code == 429
    assert "Vui lòng thử lại sau" in response.content.decode()
    assert str(MESSAGE_RATE_LIMITED) in response.content.decode()
    assert Petition.objects.count() == 1


def test_lookup_and_published_answers_with_anonymous_senders(client, page, units, boards, now):
    head = boards[("xa-a", "head")]
    named = PetitionFactory(agency=units["xa-a"], subject="Hỏi về chứng thực", sender_name="Lê Văn Cường")
    hidden = PetitionFactory(
        agency=units["xa-a"], subject="Hỏi về hộ tịch", sender_name="Phạm Thị Dung", anonymous=True
    )
    waiting = PetitionFactory(agency=units["xa-a"], subject="Hỏi về đất đai", sender_name="Đỗ Văn Em")
    for petition in (named, hidden):
        petition_classify(petition_id=petition.pk, competence=Competence.WITHIN_COMPETENCE, by=head)
        petition_answer(
            petition_id=petition.pk, answer=f"Trả lời {petition.subject}", answered_by_name="Chủ tịch", by=head
        )
        petition_publish(petition_id=petition.pk, by=head)

    html = client.get(url(page), HTTP_HOST=HOST).content.decode()
    assert "Lê Văn Cường" in html and "Trả lời Hỏi về chứng thực" in html
    assert "Phạm Thị Dung" not in html and "Ẩn danh" in html
    assert "Hỏi về đất đai" not in html
    assert named.sender_phone not in html and named.sender_address not in html

    html = client.get(url(page), {"code": waiting.tracking_code.lower()}, HTTP_HOST=HOST).content.decode()
    assert "Hỏi về đất đai" in html and "Đã tiếp nhận" in html
    assert "Đỗ Văn Em" not in html
    html = client.get(url(page), {"code": "KHONGCOMA1"}, HTTP_HOST=HOST).content.decode()
    assert "Không có câu hỏi nào mang mã tra cứu này." in html
