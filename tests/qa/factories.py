"""Petitions built the way citizens' arrive: through ``petition_submit``."""

import factory

from qa.models import Petition
from qa.services import petition_submit


class PetitionFactory(factory.django.DjangoModelFactory):
    """A valid petition; pass ``agency`` (a Unit) and override any field."""

    class Meta:
        model = Petition

    sender_name = "Nguyễn Văn An"
    sender_address = "Thôn Đông, xã Liên Bão, huyện Tiên Du"
    sender_phone = "0912 345 678"
    sender_email = factory.Sequence(lambda n: f"nguoi.gui{n}@example.vn")
    subject = factory.Sequence(lambda n: f"Câu hỏi số {n} về thủ tục chứng thực")
    content = "Xin hỏi thủ tục chứng thực bản sao từ bản chính cần những giấy tờ gì và nộp ở đâu ạ?"
    field = "Tư pháp"
    anonymous = False

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return petition_submit(**kwargs)


VALID_QUESTION = {
    "sender_name": "Trần Thị Bình",
    "sender_address": "Số 5 đường Lý Thái Tổ, thành phố Bắc Ninh",
    "sender_phone": "0987 654 321",
    "sender_email": "binh@example.vn",
    "subject": "Thủ tục đăng ký khai sinh",
    "content": "Xin hỏi khi đăng ký khai sinh cho con cần mang theo những giấy tờ gì và làm ở đâu ạ?",
    "field": "Hộ tịch",
    "anonymous": False,
}


def qa_page_for(unit):
    """The unit's Q&A page, created under its portal home if the skeleton has none."""
    from qa.models import QAIndexPage

    home = unit.site.root_page.specific
    page = QAIndexPage.objects.child_of(home).first()
    if page is None:
        page = QAIndexPage(title="Hỏi - Đáp", slug="hoi-dap", introduction="Gửi câu hỏi cho Ủy ban.")
        home.add_child(instance=page)
    return page
