"""What the public submitted goes with its portal (archive format 3): a restore brings
back petitions (answer, forwarding, private attachment, DMS record, English answer),
consultation comments and survey responses as they were, without e-mailing anyone,
and ``--replace`` loses none of them, not even those newer than the archive."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from wagtail.models import Locale

from consultations.models import CommentStatus, ConsultationComment
from qa.models import DmsDelivery, Petition, PetitionAttachment, PetitionForwarding, PetitionStatus
from surveys.models import SurveyAnswer, SurveyResponse
from surveys.rules import QuestionKind
from tenants.models import Unit, UnitKind
from tests.cms.factories import ConsultationPageFactory
from tests.surveys.factories import SurveyPageFactory, questions_of
from tests.transfer.archives import archive_rewrite
from transfer.services import _portal_remove
from translations.models import AnswerTranslation

SCAN = b"%PDF-1.4 scan of a land-use certificate \x00\xff"
CODE = "7K3M9PQ2XA"
OPEN_CODE = "4TZ8H2RWB6"


def _at(days_ago: int) -> datetime.datetime:
    return timezone.now().replace(microsecond=123456) - datetime.timedelta(days=days_ago)


@pytest.fixture
def portal(portals):
    """The provincial portal (the only one with surveys) with one submission of each
    kind and everything that hangs off them, made the way the apps leave them."""
    unit, sotuphap = portals.units["bacninh"], portals.units["sotuphap"]
    officer = get_user_model().objects.create_user(username="can.bo.tiep.nhan", password="x")
    answered = Petition.objects.create(
        tracking_code=CODE, agency=unit, sender_name="Lê Văn Cường", sender_address="Xã Phù Chẩn, Từ Sơn",
        sender_phone="0912 000 111", sender_email="cuong@example.vn", language="en", subject="Cấp giấy chứng nhận",
        content="Xin hỏi thời hạn cấp giấy chứng nhận quyền sử dụng đất?", field="Đất đai",
        status=PetitionStatus.PUBLISHED, competence="within_competence", received_at=_at(20), due_date=_at(5).date(),
        classified_at=_at(19), classified_by=officer, answer="Thời hạn là 30 ngày.", answered_by_name="Nguyễn Văn Dũng",
        answered_by=officer, answered_at=_at(10), published_at=_at(9), published_by=officer,
    )
    PetitionForwarding.objects.create(
        petition=answered, from_agency=sotuphap, to_agency=unit, forwarded_at=_at(18), forwarded_by=officer, note="Thuộc thẩm quyền tỉnh"
    )
    PetitionAttachment.objects.create(petition=answered, file=ContentFile(SCAN, name="giay-chung-nhan.pdf"),
                                      name="giay-chung-nhan.pdf", size=len(SCAN))
    DmsDelivery.objects.create(petition=answered, created_at=_at(20), attempts=2, last_attempt_at=_at(19),
                               last_error="", delivered_at=_at(19), next_attempt_at=None)
    AnswerTranslation.objects.update_or_create(petition=answered, defaults=dict(
        unit=unit, locale=Locale.objects.get_or_create(language_code="en")[0], subject="Land-use certificate",
        answer="It takes 30 days.", published_at=_at(9), due_date=_at(7).date(), completed_at=_at(8),
        translated_by=officer,
    ))
    AnswerTranslation.objects.filter(petition=answered).update(created_at=_at(9))
    Petition.objects.create(
        tracking_code=OPEN_CODE, agency=unit, sender_name="Phạm Thị Em", sender_address="Phường Đại Phúc",
        sender_phone="", sender_email="em@example.vn", subject="Hộ tịch", content="Xin hỏi về trích lục khai sinh.",
        received_at=_at(2), due_date=_at(-10).date(),
    )

    consultation = ConsultationPageFactory(parent=portals.section("bacninh", "lay-y-kien"), title="Dự thảo quy hoạch")
    ConsultationComment.objects.create(
        consultation=consultation, commenter_name="Hoàng Văn Giang", commenter_email="giang@example.vn",
        organisation="Hội Luật gia", content="Đề nghị bổ sung điều khoản chuyển tiếp.", status=CommentStatus.PUBLISHED,
        moderation_note="Hợp lệ", moderated_by=officer, moderated_at=_at(3), created_at=_at(4), client_ip_hash="ab" * 32,
    )
    survey = SurveyPageFactory(parent=portals.section("bacninh", "khao-sat"), title="Khảo sát dịch vụ công")
    response = SurveyResponse.objects.create(page=survey, submitted_at=_at(1), session_key_hash="cd" * 32, ip_hash="ef" * 32)
    questions = questions_of(survey)
    SurveyAnswer.objects.create(response=response, question=questions[QuestionKind.SINGLE_CHOICE], choices=["Điện thoại"])
    SurveyAnswer.objects.create(response=response, question=questions[QuestionKind.MULTIPLE_CHOICE], choices=["Hộ tịch", "Đất đai"])
    SurveyAnswer.objects.create(response=response, question=questions[QuestionKind.SCALE], value=4)
    SurveyAnswer.objects.create(response=response, question=questions[QuestionKind.FREE_TEXT], text="Cần nhanh hơn.")
    return unit


# --- an id-free picture of the submissions ---------------------------------------------


def _natural(obj, field):
    """A link in words that survive a move: a unit's slug, a user's username."""
    value = getattr(obj, field.name)
    if isinstance(value, Unit):
        return value.slug
    if isinstance(value, get_user_model()):
        return value.username
    return getattr(obj, field.attname)


def _fields(obj, *, without=()) -> dict:
    """Every field but the id and the links to a parent named in ``without``."""
    return {f.name: _natural(obj, f) for f in obj._meta.concrete_fields if f.name not in {"id", *without}}


def _attachment(item) -> tuple:
    with item.file.open("rb") as handle:
        return item.name, item.size, handle.read()


def _petition(petition) -> dict:
    delivery = DmsDelivery.objects.filter(petition=petition).first()
    translation = AnswerTranslation.objects.filter(petition=petition).first()
    return {
        **_fields(petition),
        "forwardings": [_fields(f, without={"petition"}) for f in petition.forwardings.all()],
        "attachments": [_attachment(a) for a in petition.attachments.all()],
        "dms": _fields(delivery, without={"petition"}) if delivery else None,
        "translation": _fields(translation, without={"petition"}) | {"locale": translation.locale.language_code}
        if translation else None,
    }


def _picture(unit) -> dict:
    return {
        "petitions": {p.tracking_code: _petition(p) for p in Petition.objects.filter(agency=unit)},
        "comments": sorted(
            (c.consultation.url_path, tuple(sorted(_fields(c, without={"consultation"}).items())))
            for c in ConsultationComment.objects.filter(consultation__unit=unit)
        ),
        "responses": sorted(
            (r.page.url_path, r.submitted_at, r.session_key_hash, r.ip_hash,
             tuple(sorted((a.question.text, tuple(a.choices), a.value, a.text) for a in r.answers.all())))
            for r in SurveyResponse.objects.filter(page__unit=unit)
        ),
    }


def _counts() -> dict:
    return {model.__name__: model.objects.count() for model in (
        Petition, PetitionForwarding, PetitionAttachment, DmsDelivery, AnswerTranslation,
        ConsultationComment, SurveyResponse, SurveyAnswer,
    )}


def _import(archive, capture, **options):
    """Import with every on-commit callback run, as after a real commit."""
    mail.outbox.clear()
    with capture(execute=True) as callbacks:
        call_command("import_portal", archive, verbosity=0, **options)
    return callbacks


# --- restore ---------------------------------------------------------------------------------


def test_replace_keeps_every_submission_as_it_was(portal, tmp_path, django_capture_on_commit_callbacks):
    archive = tmp_path / "bacninh.zip"
    before, counts = _picture(portal), _counts()
    call_command("export_portal", "bacninh", output=archive, verbosity=0)

    _import(archive, django_capture_on_commit_callbacks, replace=True)
    assert _picture(Unit.objects.get(slug="bacninh")) == before
    assert _counts() == counts
    assert mail.outbox == []
    # The re-attached ones hang off the imported pages, not off deleted ids.
    comment = ConsultationComment.objects.get()
    assert comment.consultation.get_site().root_page == Unit.objects.get(slug="bacninh").site.root_page
    assert all(a.question.page_id == a.response.page_id for a in SurveyAnswer.objects.all())


def test_restore_into_a_database_that_lost_them(portal, tmp_path, django_capture_on_commit_callbacks):
    """As on another installation, or after the unit's petitions were deleted: every
    submission comes from the archive, attachment bytes and all, with no side effect."""
    archive = tmp_path / "bacninh.zip"
    before, counts = _picture(portal), _counts()
    call_command("export_portal", "bacninh", output=archive, verbosity=0)
    old_file = PetitionAttachment.objects.get().file
    _portal_remove(portal)
    Petition.objects.all().delete()
    old_file.storage.delete(old_file.name)
    assert _counts() == dict.fromkeys(counts, 0)

    callbacks = _import(archive, django_capture_on_commit_callbacks)
    assert _picture(Unit.objects.get(slug="bacninh")) == before
    assert _counts() == counts
    # Nothing queued: no e-mail, no DMS webhook. Only cache bookkeeping runs at commit
    # (tenants.hosts: every process reads Wagtail's site root paths again).
    assert mail.outbox == [] and [c for c in callbacks if c.__module__ != "tenants.hosts"] == []
    petition = Petition.objects.get(tracking_code=CODE)
    assert petition.status == PetitionStatus.PUBLISHED and petition.due_date == before["petitions"][CODE]["due_date"]
    assert PetitionAttachment.objects.get().file.storage.exists(PetitionAttachment.objects.get().file.name)


def test_replace_keeps_what_came_after_the_archive(portal, tmp_path, django_capture_on_commit_callbacks):
    archive = tmp_path / "bacninh.zip"
    call_command("export_portal", "bacninh", output=archive, verbosity=0)
    # After the export: the open petition is answered, a comment and a response arrive.
    Petition.objects.filter(tracking_code=OPEN_CODE).update(
        status=PetitionStatus.ANSWERED, answer="Đã trả lời.", answered_at=timezone.now()
    )
    consultation = ConsultationComment.objects.get().consultation
    ConsultationComment.objects.create(consultation=consultation, commenter_name="Người mới", commenter_phone="0900 000 000",
                                       content="Góp ý sau khi sao lưu.")
    SurveyResponse.objects.create(page=SurveyResponse.objects.get().page, session_key_hash="99" * 32)
    before, counts = _picture(portal), _counts()

    _import(archive, django_capture_on_commit_callbacks, replace=True)
    assert _picture(Unit.objects.get(slug="bacninh")) == before
    assert _counts() == counts
    assert Petition.objects.get(tracking_code=OPEN_CODE).answer == "Đã trả lời."
    assert mail.outbox == []


def test_replace_is_refused_when_a_submission_would_lose_its_page(portal, portals, tmp_path):
    archive = tmp_path / "bacninh.zip"
    call_command("export_portal", "bacninh", output=archive, verbosity=0)
    newer = ConsultationPageFactory(parent=portals.section("bacninh", "lay-y-kien"), title="Dự thảo mới")
    ConsultationComment.objects.create(consultation=newer, commenter_name="Người góp ý", commenter_email="a@example.vn",
                                       content="Góp ý cho dự thảo mới.")
    before, counts = _picture(portal), _counts()

    with translation.override("en"), pytest.raises(
            CommandError, match="1 comment or survey response was made on a page that is not in the archive"):
        call_command("import_portal", archive, replace=True, verbosity=0)
    assert _picture(Unit.objects.get(slug="bacninh")) == before
    assert _counts() == counts


def test_an_archive_without_submissions_keeps_the_databases(portal, tmp_path, django_capture_on_commit_callbacks):
    """Format 2 predates submissions: --replace still loses none of them."""
    archive = tmp_path / "bacninh.zip"
    call_command("export_portal", "bacninh", output=archive, verbosity=0)
    old = tmp_path / "bacninh-v2.zip"

    def format_2(manifest):
        manifest["format"] = 2
        del manifest["submissions"]

    archive_rewrite(archive, old, manifest_edit=format_2, keep=lambda name: not name.startswith("private/"))
    before, counts = _picture(portal), _counts()

    _import(old, django_capture_on_commit_callbacks, replace=True)
    assert _picture(Unit.objects.get(slug="bacninh")) == before
    assert _counts() == counts


def test_a_forwarding_between_unknown_agencies_stops_the_import(portal, tmp_path):
    """History is not rewritten: a forwarding from an agency this database lacks
    refuses the import instead of pointing at another agency or being dropped."""
    archive = tmp_path / "bacninh.zip"
    call_command("export_portal", "bacninh", output=archive, verbosity=0)
    moved = tmp_path / "bacninh-moved.zip"
    sotuphap = str(Unit.objects.get(slug="sotuphap").pk)
    archive_rewrite(archive, moved, manifest_edit=lambda manifest: manifest["references"]["units"].update(
        {sotuphap: "so-khong-co"}))
    _portal_remove(portal)
    Petition.objects.all().delete()

    with translation.override("en"), pytest.raises(
            CommandError, match=f"Petition {CODE} names agencies that do not exist here \\(so-khong-co\\)"):
        call_command("import_portal", moved, verbosity=0)
    assert not Petition.objects.exists()


# --- copy ---------------------------------------------------------------------------------------


def test_a_copy_takes_no_personal_data(portal, portals, tmp_path, django_capture_on_commit_callbacks):
    archive = tmp_path / "bacninh.zip"
    call_command("export_portal", "bacninh", output=archive, verbosity=0)
    before, counts = _picture(portal), _counts()
    Unit.objects.create(slug="bacninh-thu", kind=UnitKind.DEPARTMENT, name="Cổng tỉnh (bản thử)", short_name="Bản thử",
                        hostname="thu.bacninh.gov.vn", parent=portal)

    _import(archive, django_capture_on_commit_callbacks, into="bacninh-thu")
    copy = Unit.objects.get(slug="bacninh-thu")
    assert _picture(copy) == {"petitions": {}, "comments": [], "responses": []}
    assert _picture(Unit.objects.get(slug="bacninh")) == before
    assert _counts() == counts
    assert mail.outbox == []
