"""Every comment of one draft as XLSX and DOCX for the drafting agency."""

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from consultations.exports import comments_docx, comments_xlsx
from consultations.services import comment_publish
from tests.consultations.factories import ConsultationCommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def comments(open_consultation, boards):
    first = ConsultationCommentFactory(
        consultation=open_consultation, commenter_name="Vũ Thị Mai", organisation="Hội Phụ nữ tỉnh",
        content="Đề nghị sửa khoản 2 Điều 4: “hộ gia đình” thay cho “hộ dân”.",
    )
    second = ConsultationCommentFactory(consultation=open_consultation, commenter_name="Ngô Văn Đức",
                                        commenter_email="", commenter_phone="0903 222 111")
    comment_publish(comment_id=first.pk, by=boards[("sotuphap", "head")])
    return [first, second]


def test_xlsx_lists_every_comment_with_contact_details(open_consultation, comments):
    book = load_workbook(io.BytesIO(comments_xlsx(open_consultation)))
    values = [cell for row in book.active.iter_rows(values_only=True) for cell in row if cell]

    assert open_consultation.draft_name in " ".join(map(str, values))
    for comment in comments:
        assert comment.content in values and comment.commenter_name in values
    assert "Hội Phụ nữ tỉnh" in values and comments[0].commenter_email in values and "0903 222 111" in values


def test_docx_lists_every_comment_in_a_table(open_consultation, comments):
    document = Document(io.BytesIO(comments_docx(open_consultation)))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]

    assert any(open_consultation.draft_name in p.text for p in document.paragraphs)
    assert len(document.tables[0].rows) == 1 + len(comments)
    for comment in comments:
        assert comment.content in cells and comment.commenter_name in cells


@pytest.mark.parametrize("fmt,opener", [("xlsx", load_workbook), ("docx", Document)])
def test_the_board_downloads_the_export_from_the_admin(client, boards, open_consultation, comments, fmt, opener):
    client.force_login(boards[("sotuphap", "member")])
    response = client.get(reverse("consultations_admin:export", args=[open_consultation.pk, fmt]))

    assert response.status_code == 200
    assert f".{fmt}" in response["Content-Disposition"]
    opener(io.BytesIO(response.content))  # a valid file
    assert client.get(reverse("consultations_admin:export", args=[open_consultation.pk, "pdf"])).status_code == 404
