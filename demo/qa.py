"""Demo petitions in every status on three portals, some overdue (called by seed_demo).

Each demo petition has a fixed tracking code (``DEMO<unit tag><n>``), so running the
seed again skips what exists. They go through the services like real ones; the
demo's e-mails are discarded.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from qa.models import Petition
from qa.rules import Competence
from qa.services import (
    petition_answer,
    petition_classify,
    petition_forward,
    petition_publish,
    petition_refuse,
    petition_submit,
)
from tenants.models import Unit, UnitKind

# Unit slug (None: the province, whatever its slug) → tag in its demo tracking codes.
DEMO_UNITS = {None: "TINH", "sotuphap": "STPH", "tiendu-lienbao": "LBAO"}
DEMO_ACTOR = "qa-demo"


@dataclass(frozen=True)
class Scenario:
    days_ago: int
    steps: tuple[str, ...]  # after submission: classify, inter_agency, forward, answer, publish, refuse
    subject: str
    content: str
    sender_name: str
    anonymous: bool = False


SCENARIOS = (
    Scenario(
        1,
        (),
        "Thủ tục cấp bản sao trích lục khai sinh",
        "Xin hỏi tôi cần chuẩn bị những giấy tờ gì và nộp ở đâu để được cấp bản sao trích lục khai sinh cho con?",
        "Nguyễn Văn An",
    ),
    Scenario(
        21,
        (),
        "Thời hạn cấp giấy chứng nhận quyền sử dụng đất",
        "Gia đình tôi nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất đã ba tháng, xin hỏi thời hạn giải quyết theo quy định là bao lâu?",
        "Trần Thị Bình",
    ),
    Scenario(
        2,
        ("inter_agency",),
        "Hỗ trợ hộ kinh doanh sau thiên tai",
        "Xin hỏi hộ kinh doanh bị thiệt hại do bão có được hỗ trợ vay vốn ưu đãi không và liên hệ cơ quan nào để làm hồ sơ?",
        "Lê Văn Cường",
    ),
    Scenario(
        25,
        ("forward",),
        "Cấp phép xây dựng nhà ở riêng lẻ",
        "Xin hỏi nhà ở riêng lẻ hai tầng tại khu dân cư nông thôn có phải xin giấy phép xây dựng không và hồ sơ gồm những gì?",
        "Phạm Thị Dung",
    ),
    Scenario(
        3,
        ("classify", "answer"),
        "Đăng ký kết hôn có yếu tố nước ngoài",
        "Tôi muốn đăng ký kết hôn với công dân Hàn Quốc, xin hỏi cần nộp hồ sơ tại cơ quan nào và thời gian giải quyết bao lâu?",
        "Hoàng Văn Em",
    ),
    Scenario(
        10,
        ("classify", "answer", "publish"),
        "Chứng thực chữ ký trên giấy ủy quyền",
        "Xin hỏi việc chứng thực chữ ký trên giấy ủy quyền có thể thực hiện tại Ủy ban nhân dân xã nơi tôi tạm trú được không?",
        "Đỗ Thị Giang",
    ),
    Scenario(
        2,
        ("classify", "answer", "publish"),
        "Lệ phí cấp phiếu lý lịch tư pháp",
        "Xin hỏi lệ phí cấp phiếu lý lịch tư pháp hiện nay là bao nhiêu và sinh viên có được miễn giảm lệ phí không?",
        "Vũ Văn Hải",
        anonymous=True,
    ),
    Scenario(
        4,
        ("refuse",),
        "Đề nghị xem xét lại quyết định xử phạt",
        "Tôi không đồng ý với quyết định xử phạt vi phạm hành chính của đội quản lý trật tự đô thị và đề nghị cơ quan xem xét lại.",
        "Bùi Thị Kim",
    ),
)

ANSWER = (
    "Cảm ơn ông/bà đã gửi câu hỏi. Căn cứ quy định hiện hành, ông/bà liên hệ bộ phận một cửa "
    "để được hướng dẫn hồ sơ cụ thể. Nội dung trả lời có giá trị tham khảo."
)
REFUSAL = (
    "Nội dung là khiếu nại đối với quyết định hành chính, được giải quyết theo Luật Khiếu nại, "
    "không thuộc phạm vi Hỏi - Đáp."
)


def _actor():
    user, created = get_user_model().objects.get_or_create(
        username=DEMO_ACTOR, defaults={"is_superuser": True, "email": ""}
    )
    if created:
        user.set_unusable_password()  # acts for the seed only; nobody logs in as it
        user.save()
    return user


def _received_at(days_ago: int) -> datetime.datetime:
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def _forward_target(unit: Unit) -> Unit | None:
    if unit.parent_id:
        return unit.parent
    return Unit.objects.filter(slug="sotuphap").first()


def _play(unit: Unit, code: str, scenario: Scenario, actor) -> None:
    petition = petition_submit(
        agency=unit,
        sender_name=scenario.sender_name,
        sender_address=f"{unit.short_name}, tỉnh Bắc Ninh",
        sender_phone="0912 345 678",
        subject=scenario.subject,
        content=scenario.content,
        field="Tư pháp",
        anonymous=scenario.anonymous,
        received_at=_received_at(scenario.days_ago),
    )
    Petition.objects.filter(pk=petition.pk).update(tracking_code=code)
    for step in scenario.steps:
        if step in ("classify", "inter_agency"):
            competence = Competence.INTER_AGENCY if step == "inter_agency" else Competence.WITHIN_COMPETENCE
            petition_classify(petition_id=petition.pk, competence=competence, by=actor)
        elif step == "forward" and (target := _forward_target(unit)):
            petition_forward(petition_id=petition.pk, to_agency=target, by=actor, note="Chuyển đơn vị có thẩm quyền.")
        elif step == "answer":
            petition_answer(
                petition_id=petition.pk, answer=ANSWER, answered_by_name=f"Lãnh đạo {unit.short_name}", by=actor
            )
        elif step == "publish":
            petition_publish(petition_id=petition.pk, by=actor)
        elif step == "refuse":
            petition_refuse(petition_id=petition.pk, reason=REFUSAL, by=actor)


def qa_demo_seed() -> int:
    """Create the demo petitions that are missing; returns how many were created."""
    units = {None: Unit.objects.filter(kind=UnitKind.PROVINCE).first()}
    units.update({slug: unit for slug in DEMO_UNITS if slug and (unit := Unit.objects.filter(slug=slug).first())})
    created = 0
    # The notifications run when the transaction commits, still inside the override.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), transaction.atomic():
        actor = _actor()
        for key, unit in units.items():
            if unit is None:
                continue
            prefix = f"DEMO{DEMO_UNITS[key]}"
            existing = set(
                Petition.objects.filter(tracking_code__startswith=prefix).values_list("tracking_code", flat=True)
            )
            for number, scenario in enumerate(SCENARIOS, start=1):
                code = f"{prefix}{number:02d}"
                if code not in existing:
                    _play(unit, code, scenario, actor)
                    created += 1
    return created
