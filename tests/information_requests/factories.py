"""Information requests built the way requesters' arrive: through the intake service."""

from information_requests.models import InformationRequestPage
from information_requests.rules import DeliveryForm, RequesterKind
from information_requests.services import information_request_submit
from tests.cms.factories import AccessToInformationPageFactory

VALID_REQUEST = {
    "requester_kind": RequesterKind.CITIZEN,
    "requester_name": "Trần Thị Bình",
    "organisation_name": "",
    "representative_name": "",
    "requester_address": "Số 5 đường Lý Thái Tổ, thành phố Bắc Ninh",
    "requester_id_number": "027190001234",
    "requester_phone": "0987 654 321",
    "requester_email": "binh@example.vn",
    "information_requested": "Quyết định phê duyệt quy hoạch sử dụng đất năm 2025 của huyện Tiên Du",
    "purpose": "Tìm hiểu quy hoạch trước khi mua đất ở",
    "delivery_form": DeliveryForm.EMAIL,
    "concerns_own_rights": False,
}


def request_submit(agency, **overrides):
    """A received request: returns the service's receipt (request and secret)."""
    return information_request_submit(agency=agency, **{**VALID_REQUEST, **overrides})


def request_page_for(unit):
    """The unit's request page under its 'Tiếp cận thông tin' page, created if missing."""
    from cms.models import AccessToInformationPage

    home = unit.site.root_page.specific
    parent = AccessToInformationPage.objects.child_of(home).first()
    if parent is None:
        parent = AccessToInformationPageFactory(parent=home, slug="tiep-can-thong-tin")
    page = InformationRequestPage.objects.child_of(parent).first()
    if page is None:
        page = InformationRequestPage(title="Yêu cầu cung cấp thông tin", slug="yeu-cau-cung-cap-thong-tin")
        parent.add_child(instance=page)
    return page
