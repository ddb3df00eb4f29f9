"""Publishing a mirrored Vietnamese page opens a translation task with an English draft."""

import datetime

from django.core import mail
from wagtail.models import Locale, Page

from cms.models import IntroductionPage
from tests.cms.factories import LeaderProfileFactory, page_publish
from translations.models import TranslationTask, TranslationTaskStatus


def test_publishing_provincial_introduction_opens_task_and_english_draft(
    portals, people, friday_13_feb, django_capture_on_commit_callbacks
):
    intro = portals.section("bacninh", "gioi-thieu")
    LeaderProfileFactory(page=intro, name="Nguyễn Văn A", title="Chủ tịch UBND tỉnh")
    with django_capture_on_commit_callbacks(execute=True):
        page_publish(intro, history="<p>Bắc Ninh là vùng đất Kinh Bắc.</p>")

    task = TranslationTask.objects.get()
    assert task.unit == portals.units["bacninh"]
    assert task.due_date == datetime.date(2026, 2, 24)  # across Tết 2026
    assert task.status() == TranslationTaskStatus.DUE

    english = IntroductionPage.objects.get(locale__language_code="en")
    assert english.translation_key == intro.translation_key
    assert not english.live
    assert english.leaders.get().locale == Locale.objects.get(language_code="en")

    assert mail.outbox and "bacninh.translator@bacninh.gov.vn" in mail.outbox[0].to
    en_home = Page.objects.get(translation_key=portals.homes["bacninh"].translation_key, locale__language_code="en")
    assert en_home.live
