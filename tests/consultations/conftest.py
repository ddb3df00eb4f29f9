"""Three portals with their sections (provisioned once per module), their boards, and
consultations on the department's portal: one open, one closed.

``sotuphap`` holds the consultations; ``tiendu`` is another portal whose board must
not reach them; ``bacninh`` is the province, whose board oversees every portal.
"""

import datetime

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from tenants.models import BoardRole
from tests.cms.factories import ConsultationPageFactory, portal_with_sections, portals_lookup
from tests.factories import board_member

HOST = "sotuphap.bacninh.gov.vn"
OTHER_HOST = "tiendu.bacninh.gov.vn"


@pytest.fixture(scope="module")
def _three_portals(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        portal_with_sections(slugs={"bacninh", "sotuphap", "tiendu"})
        yield
        transaction.set_rollback(True)


@pytest.fixture
def portals(_three_portals, db):
    return portals_lookup()


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def open_consultation(portals):
    return ConsultationPageFactory(
        parent=portals.section("sotuphap", "lay-y-kien"),
        title="Lấy ý kiến dự thảo Quy định hỗ trợ chuyển đổi số",
        receiving_email="vanban@stp.bacninh.gov.vn",
    )


@pytest.fixture
def closed_consultation(portals):
    return ConsultationPageFactory(
        parent=portals.section("sotuphap", "lay-y-kien"),
        title="Lấy ý kiến dự thảo Kế hoạch môi trường",
        comment_deadline=timezone.now() - datetime.timedelta(days=1),
    )


@pytest.fixture
def boards(portals):
    """A user per role that matters on each of the three portals: boards[(slug, role)]."""
    return {
        (slug, role): board_member(portals.units[slug], role, username=f"{slug}.{role}")
        for slug in ("bacninh", "sotuphap", "tiendu")
        for role in (BoardRole.HEAD, BoardRole.MEMBER, BoardRole.CONTRIBUTOR)
    }


VALID_COMMENT = {
    "commenter_name": "Nguyễn Thị Hoa",
    "organisation": "Hội Luật gia tỉnh Bắc Ninh",
    "commenter_email": "hoa.nt@example.vn",
    "commenter_phone": "0912 345 678",
    "content": "Đề nghị bổ sung quy định về thời hạn giải quyết hồ sơ tại Điều 7 của dự thảo.",
}
