"""Demo of the English mirror (Điều 8.2.d), called by seed_demo after the Vietnamese demo
content exists: the provincial portal's introduction, leader profiles and official
contacts translated into English and published through wagtail-localize, as a
translator would; then one more change to the Vietnamese contacts a week ago whose
translation is left overdue, so the dashboard shows every status.

Running it again changes nothing.
"""

from __future__ import annotations

import datetime
import itertools
import re

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation

from cms.models import IntroductionPage, OfficialContact, OfficialContactsPage
from tenants.models import Unit, UnitKind
from translations.models import TranslationTask
from translations.operations import mirror_locale, page_mirror, translation_task_open
from translations.rules import mirror_due_date

EXACT = {
    "Giới thiệu": "Introduction",
    "Thông tin liên hệ cán bộ": "Contacts of officials",
    "Chủ tịch UBND tỉnh": "Chairman of the Provincial People's Committee",
    "Phó Chủ tịch Thường trực UBND tỉnh": "Standing Vice Chairwoman of the Provincial People's Committee",
    "Phó Chủ tịch UBND tỉnh": "Vice Chairman of the Provincial People's Committee",
    "Chánh Văn phòng": "Chief of Office",
    "Phó Chánh Văn phòng": "Deputy Chief of Office",
    "Văn phòng": "Office",
    "UBND tỉnh Bắc Ninh": "Bac Ninh Provincial People's Committee",
    "Lãnh đạo, điều hành chung mọi hoạt động của UBND tỉnh; phụ trách công tác nội chính, quy hoạch.":
        "Leads and directs all activities of the Provincial People's Committee; in charge of internal affairs and planning.",
    "Phụ trách khối kinh tế tổng hợp, tài chính, ngân sách, đầu tư, cải cách hành chính.":
        "In charge of the economy, finance, the budget, investment and administrative reform.",
    "Phụ trách khối văn hóa – xã hội, giáo dục, y tế, khoa học và công nghệ.":
        "In charge of culture and society, education, health, science and technology.",
}
BIO = re.compile(r"^Sinh năm (\d{4})\.")
# Realistic English for the introduction's rich-text fields, paragraph by paragraph.
FIELD_TEXT = {
    "history": (
        "Bac Ninh, the heart of the ancient Kinh Bac region, is the cradle of the Ly dynasty and of Quan ho folk singing.",
        "The province was re-established on 1 January 1997, when Ha Bac province was divided into Bac Ninh and Bac Giang.",
    ),
    "natural_conditions": (
        "Bac Ninh lies in the Red River Delta, 30 km north-east of Hanoi, and is the smallest province of Vietnam by area.",
        "Its flat land, mild tropical monsoon climate and the Duong, Cau and Thai Binh rivers favour farming and industry.",
    ),
    "culture": (
        "Quan ho Bac Ninh folk songs are recognised by UNESCO as an Intangible Cultural Heritage of Humanity.",
        "Traditional craft villages such as Dong Ho folk painting and Phu Lang pottery are still alive today.",
    ),
    "relics_and_landscapes": (
        "The province keeps more than 1,500 historical relics, among them the Do Temple, Phat Tich and But Thap pagodas.",
    ),
    "administrative_apparatus": (
        "The Provincial People's Committee directs 19 departments and agencies and the People's Committees of its districts, towns and cities.",
    ),
    "functions_and_duties": (
        "The Provincial People's Committee is the local state administrative body that carries out the Constitution, laws and the resolutions of the Provincial People's Council.",
    ),
    "organisation_structure": ("The Committee consists of the Chairman, the Vice Chairs and its members.",),
    "introduction": ("Welcome to the Bac Ninh provincial e-portal.",),
}
GENERIC = "Information of the Bac Ninh Provincial People's Committee."


def _english(text: str, field: str, cycles: dict) -> str:
    if field == "slug":
        # The same address as the Vietnamese page under /en/ (/en/gioi-thieu/), not
        # one made from a translated title.
        return text
    if text in EXACT:
        return EXACT[text]
    if (match := BIO.match(text)) is not None:
        return (f"Born in {match.group(1)}. Qualification: Master's degree. Political theory: advanced. "
                "Before taking up the present office, held various posts in the agencies of Bac Ninh province.")
    if field in ("name", "phone", "fax"):
        return text  # people's names and numbers read the same in English
    if field in FIELD_TEXT:
        return next(cycles.setdefault(field, itertools.cycle(FIELD_TEXT[field])))
    return EXACT.get(text, GENERIC)


def _translate_and_publish(*, page: Page) -> None:
    """Fill every string of the page's English translation, then publish it."""
    task = TranslationTask.objects.open().filter(source_page=page).select_related("translation").first()
    translation = task.translation if task else page_mirror(page_id=page.pk, locale_id=mirror_locale().pk)
    cycles: dict = {}
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string", "context"):
        field = segment.context.path.split(".")[-1]
        StringTranslation.objects.update_or_create(
            translation_of=segment.string, locale=translation.target_locale, context=segment.context,
            defaults={"data": _english(segment.string.data, field, cycles), "translation_type": "manual"},
        )
    translation.save_target(publish=True)


def _home_translate(unit: Unit) -> None:
    """The English home page: an alias of the Vietnamese one until translated here."""
    home = unit.site.root_page.specific
    english = Page.objects.filter(translation_key=home.translation_key, locale=mirror_locale()).first()
    if english is not None and english.alias_of_id is None:
        return
    translation = page_mirror(page_id=home.pk, locale_id=mirror_locale().pk)
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string", "context"):
        text = {"title": "Bac Ninh Provincial E-Portal", "slug": segment.string.data}.get(
            segment.context.path, FIELD_TEXT["introduction"][0])
        StringTranslation.objects.update_or_create(
            translation_of=segment.string, locale=translation.target_locale, context=segment.context,
            defaults={"data": text, "translation_type": "manual"},
        )
    translation.save_target(publish=True)


QA_TEXT = {
    "title": "Questions and answers",
    "introduction": "Send your question to the Provincial People's Committee in English; "
                    "the answer is published here in English too.",
}


def _qa_translate(unit: Unit) -> None:
    """The English Q&A page (/en/hoi-dap/): questions sent from it are in English and
    get their answer in English (translations.answers)."""
    from qa.models import QAIndexPage

    page = QAIndexPage.objects.child_of(unit.site.root_page).live().filter(locale=unit.site.root_page.locale).first()
    if page is None or Page.objects.filter(translation_key=page.translation_key, locale=mirror_locale(),
                                           alias_of__isnull=True).exists():
        return
    translation = page_mirror(page_id=page.pk, locale_id=mirror_locale().pk)
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string", "context"):
        text = QA_TEXT.get(segment.context.path, segment.string.data)
        StringTranslation.objects.update_or_create(
            translation_of=segment.string, locale=translation.target_locale, context=segment.context,
            defaults={"data": text, "translation_type": "manual"},
        )
    translation.save_target(publish=True)


def translations_demo_seed(*, today: datetime.date | None = None) -> dict[str, int]:
    """Mirror the provincial portal's introduction and contacts; leave one task overdue."""
    unit = Unit.objects.select_related("site__root_page").filter(kind=UnitKind.PROVINCE, site__isnull=False).first()
    if unit is None:
        return {"translated": 0, "overdue": 0}
    home = unit.site.root_page
    pages = [
        page
        for model in (IntroductionPage, OfficialContactsPage)
        for page in model.objects.child_of(home).live().filter(locale=home.locale)
    ]
    translated = 0
    for page in pages:
        if TranslationTask.objects.filter(source_page=page, completed_at__isnull=False).exists():
            continue
        if not TranslationTask.objects.open().filter(source_page=page).exists():
            with transaction.atomic():
                translation_task_open(page_id=page.pk, published_at=page.last_published_at)
        _translate_and_publish(page=page)
        translated += 1
    _home_translate(unit)
    _qa_translate(unit)

    overdue = 0
    contacts = next((p for p in pages if isinstance(p, OfficialContactsPage)), None)
    if contacts is not None and not TranslationTask.objects.open().filter(source_page=contacts).exists():
        overdue = _contacts_change_left_overdue(contacts=contacts, today=today or timezone.localdate())
    return {"translated": translated, "overdue": overdue, "english_answers": _english_questions_seed(unit)}


# Two questions from foreigners to the provincial portal: one answered in English, one
# whose English answer is still due (Điều 8.2.d, translations.answers).
ENGLISH_QUESTIONS = (
    ("DEMOENG1", "Work permit for a foreign engineer",
     "Which documents does a foreign engineer need to apply for a work permit in Bac Ninh province?",
     "An application form, a valid passport, a health certificate and the degree, all legalised.", True),
    ("DEMOENG2", "Registering a foreign-invested company",
     "Where does a foreign investor register a new company in the industrial parks of Bac Ninh?",
     "", False),
)


def _english_questions_seed(unit: Unit) -> int:
    from django.test import override_settings
    from django.utils import translation

    from demo.qa import _actor
    from qa.models import Petition
    from qa.rules import Competence
    from qa.services import petition_answer, petition_classify, petition_publish, petition_submit
    from translations.answers import answer_translation_complete

    created = 0
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), transaction.atomic():
        actor = _actor()
        for code, subject, content, english_answer, translate in ENGLISH_QUESTIONS:
            if Petition.objects.filter(tracking_code=code).exists():
                continue
            with translation.override("en"):  # the sender wrote in English
                petition = petition_submit(
                    agency=unit, sender_name="John Smith", sender_address="Yen Phong Industrial Park, Bac Ninh",
                    sender_email="", sender_phone="0912 000 111", subject=subject, content=content, field="Đầu tư",
                )
            Petition.objects.filter(pk=petition.pk).update(tracking_code=code)
            petition_classify(petition_id=petition.pk, competence=Competence.WITHIN_COMPETENCE, by=actor)
            petition_answer(petition_id=petition.pk, answered_by_name="Giám đốc Sở Kế hoạch và Đầu tư", by=actor,
                            answer="Hồ sơ và nơi nộp được hướng dẫn tại Trung tâm Phục vụ hành chính công tỉnh.")
            petition = petition_publish(petition_id=petition.pk, by=actor)
            if translate:
                answer_translation_complete(answer_translation_id=petition.answer_translation.pk, subject=subject,
                                            answer=english_answer, by=actor)
            created += 1
    return created


def _contacts_change_left_overdue(*, contacts: OfficialContactsPage, today: datetime.date) -> int:
    """A deputy chief of office added a week ago; nobody has translated the change yet."""
    contacts = OfficialContactsPage.objects.get(pk=contacts.pk)
    contacts.contacts.add(
        OfficialContact(name="Lý Văn Thành", title="Phó Chánh Văn phòng", unit="Văn phòng",
                        phone="0222 3822 570", email="lvthanh@bacninh.gov.vn", sort_order=99)
    )
    week_ago = timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=7), datetime.time(9, 30)))
    with transaction.atomic():
        contacts.save_revision(clean=False).publish(log_action=False)
        TranslationTask.objects.open().filter(source_page=contacts).update(
            published_at=week_ago, source_updated_at=week_ago, due_date=mirror_due_date(week_ago.date())
        )
    return 1
