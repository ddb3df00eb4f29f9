"""The demo: the provincial introduction and contacts in English, one task overdue."""

import pytest
from django.utils import timezone

from cms.models import IntroductionPage, OfficialContactsPage
from demo.translations import translations_demo_seed
from tests.cms.factories import LeaderProfileFactory, OfficialContactFactory, page_publish, portal_with_sections
from translations.models import AnswerTranslation, TranslationTask, TranslationTaskStatus


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_demo_translates_and_leaves_one_overdue():
    # Real commits (notifications run on commit), so not the module's shared province.
    portals = portal_with_sections(slugs={"bacninh", "sotuphap"})
    intro = portals.section("bacninh", "gioi-thieu")
    LeaderProfileFactory(page=intro, name="Trần Quang Minh", title="Chủ tịch UBND tỉnh", short_bio="Sinh năm 1970. Trình độ.")
    page_publish(intro, history="<p>Lịch sử.</p><p>Tái lập năm 1997.</p>")
    contacts = portals.section("bacninh", "lien-he-can-bo")
    OfficialContactFactory(page=contacts, name="Nguyễn Thị Hương", title="Chánh Văn phòng", unit="Văn phòng")
    page_publish(contacts)

    assert translations_demo_seed() == {"translated": 2, "overdue": 1, "english_answers": 2}
    assert translations_demo_seed() == {"translated": 0, "overdue": 0, "english_answers": 0}  # idempotent

    english_intro = IntroductionPage.objects.get(locale__language_code="en")
    assert english_intro.live and english_intro.title == "Introduction"
    assert english_intro.leaders.get().title == "Chairman of the Provincial People's Committee"
    english_contacts = OfficialContactsPage.objects.get(locale__language_code="en")
    assert english_contacts.live and english_contacts.contacts.get().title == "Chief of Office"

    # Questions written in English: one answered in English, one English answer still due.
    answers = {a.petition.tracking_code: a for a in AnswerTranslation.objects.select_related("petition")}
    assert answers["DEMOENG1"].completed_at is not None and answers["DEMOENG1"].petition.language == "en"
    assert answers["DEMOENG1"].petition.shown_in("en")[1].startswith("An application form")
    assert answers["DEMOENG2"].completed_at is None

    statuses = [task.status(timezone.localdate()) for task in TranslationTask.objects.order_by("pk")]
    assert statuses.count(TranslationTaskStatus.DONE) == 2
    assert statuses.count(TranslationTaskStatus.OVERDUE) == 1
