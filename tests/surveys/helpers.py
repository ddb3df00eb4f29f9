"""A known set of responses whose aggregated figures the tests compute by hand."""

from surveys.rules import QuestionKind
from surveys.services import survey_response_submit
from tests.surveys.factories import questions_of

# single choice, multiple choice, scale, free text (None: left unanswered)
KNOWN_RESPONSES = (
    ("Điện thoại", ["Hộ tịch", "Đất đai"], 5, "Thủ tục nhanh gọn."),
    ("Điện thoại", ["Hộ tịch"], 4, None),
    ("Máy tính", ["Đăng ký kinh doanh", "Hộ tịch"], 4, "Cần hướng dẫn rõ hơn."),
    ("Điện thoại", ["Đất đai"], 2, None),
)


def responses_known_set(page) -> None:
    q = questions_of(page)
    kinds = (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE, QuestionKind.SCALE, QuestionKind.FREE_TEXT)
    for number, values in enumerate(KNOWN_RESPONSES):
        answers = {q[kind].pk: value for kind, value in zip(kinds, values) if value is not None}
        survey_response_submit(page=page, answers=answers, session_key=f"known-{number}", client_ip="10.0.0.1")
