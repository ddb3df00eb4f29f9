"""What Điều 13 refuses, judged field by field."""

import unicodedata

import pytest
from django.utils import translation

from qa.rules import (
    ANSWER_WORKING_DAYS,
    CONTENT_MIN_WORDS,
    MESSAGE_COMPLAINT,
    MESSAGE_CONTENT_TOO_SHORT,
    MESSAGE_SENDER_ADDRESS_MISSING,
    MESSAGE_SENDER_CONTACT_MISSING,
    MESSAGE_SENDER_NAME_MISSING,
    Competence,
    is_complaint,
    petition_intake_errors,
)
from tests.qa.factories import VALID_QUESTION

INTAKE = {k: v for k, v in VALID_QUESTION.items() if k not in ("field", "anonymous")}


def errors(**changes):
    return petition_intake_errors(**{**INTAKE, **changes})


def test_a_complete_question_is_accepted():
    assert errors() == {}


def test_deadlines_of_article_13():
    assert ANSWER_WORKING_DAYS == {
        Competence.WITHIN_COMPETENCE: 5,
        Competence.INTER_AGENCY: 7,
        Competence.SPECIAL_APPOINTMENT: 10,
    }


def test_sender_name_and_address_are_required():
    result = errors(sender_name=" ", sender_address="")
    assert result["sender_name"] == [str(MESSAGE_SENDER_NAME_MISSING)]
    assert result["sender_address"] == [str(MESSAGE_SENDER_ADDRESS_MISSING)]


def test_phone_or_email_is_enough_but_one_is_required():
    assert errors(sender_email="") == {}
    assert errors(sender_phone="") == {}
    result = errors(sender_phone="", sender_email="")
    assert result["sender_phone"] == result["sender_email"] == [str(MESSAGE_SENDER_CONTACT_MISSING)]


def test_malformed_phone_and_email_are_refused():
    assert "sender_phone" in errors(sender_phone="12ab")
    assert "sender_email" in errors(sender_email="binh@")


def test_content_shorter_than_the_minimum_is_refused():
    short = " ".join(["hỏi"] * (CONTENT_MIN_WORDS - 1))
    with translation.override("vi"):
        assert errors(content=short)["content"] == [str(MESSAGE_CONTENT_TOO_SHORT % {"words": CONTENT_MIN_WORDS})]
    assert "content" not in errors(content=short + " thêm")


@pytest.mark.parametrize(
    "text",
    [
        "Đơn khiếu nại về việc thu hồi đất",
        "Tôi muốn TỐ CÁO cán bộ xã",
        "don khieu nai ve viec thu hoi dat",
        "toi muon to cao can bo xa",
        "Khiếu  nại",
        unicodedata.normalize("NFD", "Khiếu nại"),  # as typed on some keyboards
    ],
)
def test_complaints_and_denunciations_are_detected(text):
    assert is_complaint(text)


@pytest.mark.parametrize(
    "text",
    ["Cây tô cao su", "tố cáoxyz", "toàn cao tầng", "kiến nghị về đường làng", "photo caocap"],
)
def test_other_words_are_not_taken_for_complaints(text):
    assert not is_complaint(text)


def test_complaint_is_refused_on_the_field_that_names_it():
    result = errors(subject="Tố cáo sai phạm")
    assert result == {"subject": [str(MESSAGE_COMPLAINT)]}
    content = "Tôi viết đơn nay gửi tới quý cơ quan để khieu nai quyết định thu hồi đất của gia đình tôi."
    assert errors(content=content) == {"content": [str(MESSAGE_COMPLAINT)]}
