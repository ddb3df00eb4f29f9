"""Fixtures of the security suites (issue #9 items 2 and 3).

Two portals with their sections, provisioned once per module and rolled back at its
end (as in ``tests/cms/conftest.py``): the department ``sotuphap``, whose board
attacks, and the provincial portal ``bacninh``, whose content must stay out of reach.
``victim`` fills the provincial portal with one of everything an attacker could want:
a live page with an unpublished draft on top, a never-published draft, a private
page, a scheduled page, an archived legal document, media in its collection and a
petition carrying personal data and an attachment.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from compliance.archiving import page_archive
from tests.cms import factories as f
from tests.cms.factories import portal_with_sections, portals_lookup
from tests.factories import UserFactory
from tests.qa.factories import VALID_QUESTION, PetitionFactory

OWN = "sotuphap"
OTHER = "bacninh"
OWN_HOST = "sotuphap.bacninh.gov.vn"
OTHER_HOST = "bacninh.gov.vn"
# A word in every secret title, so one search finds all of them.
SECRET = "Bímật"


@pytest.fixture(scope="module")
def _portals(django_db_setup, django_db_blocker):
    """Provisioned portals and the victim's content, once per module; each test's own
    writes are rolled back after it by ``db`` (a savepoint inside this transaction)."""
    with django_db_blocker.unblock(), transaction.atomic():
        portal_with_sections(slugs={OWN, OTHER})
        ids = _victim_build(portals_lookup())
        yield ids
        transaction.set_rollback(True)


@pytest.fixture
def portals(_portals, db):
    return portals_lookup()


@dataclass
class Victim:
    """What the provincial portal holds that the department's board must not reach."""

    live: Page  # live, with a newer unpublished revision
    draft: Page  # never published
    private: Page  # live, behind a password
    login_only: Page  # live, for logged-in users only
    scheduled: Page  # approved, going live next week
    archived: Page  # published once, then archived (Điều 10.4)
    image: object
    document: object
    petition: object
    attachment: object
    promotion: object  # the provincial board's promoted search result (issue 18 item 5)
    # An answered information request (issue #22 item 1): requester's data, answer, file.
    information_request: object = None
    information_file: object = None

    @property
    def hidden_pages(self) -> dict[str, Page]:
        """Pages no public channel may show."""
        return {"draft": self.draft, "private": self.private, "login_only": self.login_only,
                "scheduled": self.scheduled, "archived": self.archived}


def _scheduled(parent, title):
    page = f.NewsPageFactory(parent=parent, title=title, live=False, first_published_at=None, last_published_at=None)
    page.go_live_at = timezone.now() + datetime.timedelta(days=7)
    revision = page.save_revision(clean=False)
    revision.publish()  # with go_live_at in the future Wagtail only schedules it
    page.refresh_from_db()
    assert not page.live
    return page


@pytest.fixture
def victim(_portals, portals) -> Victim:
    """Fresh instances of the victim's content (built once per module)."""
    from wagtail.documents.models import Document
    from wagtail.images.models import Image

    from information_requests.models import InformationRequest, InformationRequestFile
    from qa.models import Petition, PetitionAttachment
    from search.models import PortalSearchPromotion

    ids = _portals
    pages = {name: Page.objects.get(pk=pk).specific for name, pk in ids["pages"].items()}
    return Victim(**pages, image=Image.objects.get(pk=ids["image"]), document=Document.objects.get(pk=ids["document"]),
                  petition=Petition.objects.get(pk=ids["petition"]),
                  attachment=PetitionAttachment.objects.get(pk=ids["attachment"]),
                  promotion=PortalSearchPromotion.objects.get(pk=ids["promotion"]),
                  information_request=InformationRequest.objects.get(pk=ids["information_request"]),
                  information_file=InformationRequestFile.objects.get(pk=ids["information_file"]))


def _victim_build(portals) -> dict:
    from wagtail.models import PageViewRestriction

    unit = portals.units[OTHER]
    news = portals.section(OTHER, "tin-tuc")
    documents = portals.section(OTHER, "van-ban")
    collection = unit.collection

    live = f.NewsPageFactory(parent=news, title=f"Tin công khai {SECRET} đã đăng")
    live.title = f"Bản nháp chưa duyệt {SECRET} của tỉnh"
    live.save_revision()
    draft = f.NewsPageFactory(parent=news, title=f"Nháp {SECRET} chưa đăng", live=False,
                              first_published_at=None, last_published_at=None)
    draft.save_revision()
    private = f.page_make_private(f.NewsPageFactory(parent=news, title=f"Tin nội bộ {SECRET} có mật khẩu"))
    login_only = f.NewsPageFactory(parent=news, title=f"Tin nội bộ {SECRET} cần đăng nhập")
    PageViewRestriction.objects.create(page=login_only, restriction_type=PageViewRestriction.LOGIN)
    scheduled = _scheduled(news, f"Tin hẹn giờ {SECRET} tuần sau")
    archived = f.LegalDocumentPageFactory(parent=documents, document_number="99/QĐ-UBND",
                                          title=f"Quyết định {SECRET} đã lưu trữ")
    archived.save_revision().publish()
    page_archive(page=archived, user=UserFactory(is_superuser=True), skip_permission_checks=True)
    archived.refresh_from_db()
    assert not archived.live

    image = f.ImageFactory(title=f"Ảnh {SECRET} của tỉnh", collection=collection, file=get_test_image_file())
    document = f.DocumentFactory(title=f"Tài liệu {SECRET} của tỉnh", collection=collection)
    petition = PetitionFactory(
        agency=unit, **dict(VALID_QUESTION, sender_name="Lê Thị Riêngtư", sender_phone="0911 222 333",
                            sender_email="rieng.tu@example.vn"),
        attachments=[SimpleUploadedFile("cmnd.pdf", b"%PDF-1.4 personal", content_type="application/pdf")],
    )
    from search.models import PortalSearchPromotion
    from search.promotions import promotion_save

    promotion = promotion_save(promotion=PortalSearchPromotion(page=live, description=f"Mô tả {SECRET} của tỉnh"),
                               query=f"tin {SECRET} của tỉnh", unit=unit)
    information_request = _information_request_answered(unit)
    pages = {"live": live, "draft": draft, "private": private, "login_only": login_only, "scheduled": scheduled,
             "archived": archived}
    return {"pages": {name: page.pk for name, page in pages.items()}, "image": image.pk, "document": document.pk,
            "petition": petition.pk, "attachment": petition.attachments.get().pk, "promotion": promotion.pk,
            "information_request": information_request.pk, "information_file": information_request.files.get().pk}


def _information_request_answered(unit):
    from information_requests.services import information_request_answer
    from tests.information_requests.factories import request_submit

    receipt = request_submit(unit, requester_name=f"Lê Thị {SECRET}", information_requested=(
        f"Biên bản họp {SECRET} về quy hoạch sử dụng đất năm 2025"))
    information_request_answer(
        request_id=receipt.information_request.pk, answer=f"Trả lời {SECRET} kèm biên bản",
        files=[SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 requested", content_type="application/pdf")],
        by=UserFactory(is_superuser=True),
    )
    return receipt.information_request
