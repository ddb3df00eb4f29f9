"""A demo survey on the provincial portal with about thirty responses (called by seed_demo).

The survey is open (it opened ten days ago and closes in twenty), so a visitor can
answer it, and its results screen has figures to show. Responses go through
``survey_response_submit`` like real ones, from made-up sessions, with answers drawn
from a fixed seed so every run gives the same results. Running it again changes
nothing.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from surveys.models import SurveyIndexPage, SurveyPage, SurveyQuestion, SurveyResponse
from surveys.rules import QuestionKind
from surveys.services import survey_response_submit
from tenants.models import Unit, UnitKind
from tenants.sections import sections_for

DEMO_SLUG = "muc-do-hai-long-dich-vu-hanh-chinh-cong-2026"
DEMO_RESPONSES = 30
DEMO_REQUESTER_SLUG = "sonoivu"  # Sở Nội vụ measures satisfaction with public services
SEED = 2026

QUESTIONS = (
    dict(
        text="Ông/bà đã thực hiện thủ tục hành chính qua hình thức nào?",
        kind=QuestionKind.SINGLE_CHOICE,
        choices="\n".join(
            ("Trực tiếp tại Trung tâm Phục vụ hành chính công", "Dịch vụ công trực tuyến",
             "Qua dịch vụ bưu chính công ích")
        ),
    ),
    dict(
        text="Ông/bà nhận thông tin về thủ tục từ những nguồn nào?",
        kind=QuestionKind.MULTIPLE_CHOICE,
        choices="\n".join(
            ("Cổng Thông tin điện tử tỉnh", "Cán bộ tiếp nhận hồ sơ", "Báo, đài phát thanh, truyền hình",
             "Người thân, bạn bè")
        ),
    ),
    dict(
        text="Mức độ hài lòng của ông/bà với thái độ phục vụ của cán bộ",
        kind=QuestionKind.SCALE,
        scale_min_label="Rất không hài lòng",
        scale_max_label="Rất hài lòng",
    ),
    dict(
        text="Ông/bà có góp ý gì để nâng cao chất lượng phục vụ?",
        kind=QuestionKind.FREE_TEXT,
        required=False,
    ),
)
SUGGESTIONS = (
    "Nên niêm yết rõ thời gian trả kết quả.",
    "Cán bộ hướng dẫn nhiệt tình, chu đáo.",
    "Đề nghị tăng thêm quầy tiếp nhận vào buổi sáng.",
    "Cổng dịch vụ công cần đơn giản hóa bước đăng nhập.",
    "",
)


def survey_index_ensure(home: Page) -> SurveyIndexPage:
    """The portal's surveys section, created (published) if the skeleton lacks it."""
    index = SurveyIndexPage.objects.child_of(home).first()
    if index is not None:
        return index
    section = next(s for s in sections_for(UnitKind.PROVINCE) if s.item == SurveyIndexPage.mandate_item)
    index = SurveyIndexPage(title=section.title, slug=section.slug, live=True)
    home.add_child(instance=index)
    return index


def _answers(page: SurveyPage, rng: random.Random) -> dict[int, object]:
    single, multiple, scale, text = page.questions.all()
    answers: dict[int, object] = {
        single.pk: rng.choices(single.choice_list, weights=(5, 4, 1))[0],
        multiple.pk: rng.sample(multiple.choice_list, rng.randint(1, 3)),
        scale.pk: rng.choices((1, 2, 3, 4, 5), weights=(1, 1, 3, 6, 5))[0],
    }
    if suggestion := rng.choice(SUGGESTIONS):
        answers[text.pk] = suggestion
    return answers


def surveys_demo_seed() -> int:
    """Create the demo survey and its responses if missing; returns responses created."""
    province = Unit.objects.filter(kind=UnitKind.PROVINCE, site__isnull=False).select_related("site").first()
    if province is None:
        return 0
    with transaction.atomic():
        index = survey_index_ensure(province.site.root_page)
        page = SurveyPage.objects.child_of(index).filter(slug=DEMO_SLUG).first()
        if page is None:
            page = _survey_create(index)
        if SurveyResponse.objects.filter(page=page).exists():
            return 0
        rng = random.Random(SEED)
        start = page.opens_at
        created = []
        for number in range(DEMO_RESPONSES):
            response = survey_response_submit(
                page=page, answers=_answers(page, rng), session_key=f"surveys-demo-{number}", client_ip=""
            )
            created.append(response.pk)
            # Spread over the days the survey has been open, as real answers would be.
            moment = start + datetime.timedelta(hours=6 + number * 7)
            SurveyResponse.objects.filter(pk=response.pk).update(submitted_at=min(moment, timezone.now()))
    return len(created)


def _survey_create(index: SurveyIndexPage) -> SurveyPage:
    now = timezone.now()
    requester = Unit.objects.filter(slug=DEMO_REQUESTER_SLUG).first()
    page = SurveyPage(
        title="Khảo sát mức độ hài lòng với dịch vụ hành chính công năm 2026",
        slug=DEMO_SLUG,
        live=False,
        requesting_agency=requester,
        requesting_agency_name="" if requester else "Sở Nội vụ tỉnh Bắc Ninh",
        intro=(
            "Nhằm nâng cao chất lượng phục vụ người dân và doanh nghiệp, Sở Nội vụ tổ chức khảo sát "
            "mức độ hài lòng với dịch vụ hành chính công. Phiếu khảo sát không thu thập thông tin cá nhân."
        ),
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now + datetime.timedelta(days=20),
        information_date=timezone.localdate() - datetime.timedelta(days=10),
    )
    page.questions = [SurveyQuestion(sort_order=order, **fields) for order, fields in enumerate(QUESTIONS)]
    index.add_child(instance=page)
    page.save_revision(clean=False, log_action=False).publish(log_action=False)
    return page
