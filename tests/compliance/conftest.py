"""A province with known items for the Điều 15 report, on Friday 3 July 2026.

Portals (with sections): the province ``bacninh``, the department ``sotuphap``, the
district ``tiendu`` and its commune ``xa-a``. Tết 2026 is Monday 16 – Friday 20
February: an item whose information arose on Friday 13 February and published on
Monday 23 February took 1 working day, not 10 calendar days.
"""

import datetime
import zoneinfo

import pytest
from wagtail.models import Page

from cms.models import LeaderProfile
from compliance.models import InformationUpdate
from tests.cms import factories as f
from tests.compliance.helpers import Scenario, answered, d
from tests.qa.factories import PetitionFactory

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = datetime.date(2026, 7, 3)


def vn(day: datetime.date, hour=10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=VN)


def _item(factory, parent, info, published, **fields):
    """A page whose information arose on ``info``, first published on ``published`` (None: a draft)."""
    if published is None:
        return factory(parent=parent, information_date=info, live=False, first_published_at=None,
                       last_published_at=None, **fields)
    return factory(parent=parent, information_date=info, first_published_at=vn(published),
                   last_published_at=vn(published), **fields)


def _publish_skeleton(page, info, published, **fields):
    """Publish a section provisioning left as a draft, as if on ``published``."""
    page = f.page_publish(page, information_date=info, **fields)
    Page.objects.filter(pk=page.pk).update(first_published_at=vn(published), last_published_at=vn(published))
    # The update the publication recorded (issue #20) moves back with it.
    InformationUpdate.objects.filter(page=page).update(published_at=vn(published))
    page.refresh_from_db()
    return page


@pytest.fixture
def today(time_machine):
    time_machine.move_to(vn(TODAY, 9), tick=False)
    return TODAY


@pytest.fixture
def scenario(db, today) -> Scenario:
    portals = f.portal_with_sections(slugs={"bacninh", "sotuphap", "tiendu", "xa-a"})
    s = Scenario(portals)
    sec = portals.section
    p = s.pages

    # --- commune xa-a -----------------------------------------------------------
    news = sec("xa-a", "tin-tuc")
    p["news_tet_on_time"] = _item(f.NewsPageFactory, news, d(2, 13), d(2, 23))  # 1 wd across Tết
    p["news_tet_late"] = _item(f.NewsPageFactory, news, d(2, 12), d(2, 24))  # 3 wd
    p["news_same_day"] = _item(f.NewsPageFactory, news, d(3, 2), d(3, 2))  # 0 wd
    p["news_draft_overdue"] = _item(f.NewsPageFactory, news, d(6, 1), None)  # due 3 June, unpublished
    p["news_draft_pending"] = _item(f.NewsPageFactory, news, d(7, 2), None)  # due 6 July: not yet due
    p["news_h2"] = _item(f.NewsPageFactory, news, d(7, 1), d(7, 2))  # next period
    p["news_2025"] = _item(f.NewsPageFactory, news, d(12, 1, 2025), d(12, 2, 2025))  # previous year
    direction = sec("xa-a", "chi-dao-dieu-hanh")
    p["directive_late"] = _item(f.DirectionPageFactory, direction, d(3, 2), d(3, 5), category="directive")
    p["sanction_on_time"] = _item(f.DirectionPageFactory, direction, d(3, 2), d(3, 3),
                                  category="rewards_and_sanctions")
    p["schedule"] = _item(f.WorkSchedulePageFactory, direction, d(3, 2), d(3, 2), week_start=d(3, 2))
    documents = sec("xa-a", "van-ban")
    # Issued by the province: the commune is governed by it, 8 working days (7 used).
    p["doc_governed"] = _item(f.LegalDocumentPageFactory, documents, d(3, 2), d(3, 11),
                              issuing_authority="UBND tỉnh Bắc Ninh")
    # Issued by the commune itself: 2 working days (3 used).
    p["doc_own_late"] = _item(f.LegalDocumentPageFactory, documents, d(3, 2), d(3, 5),
                              issuing_authority="Xã Thử Nghiệm xa-a")
    p["plan_land_use"] = _item(f.PlanPageFactory, sec("xa-a", "quy-hoach-ke-hoach"), d(3, 2), d(3, 9),
                               category="construction_urban_land_use")
    p["intro_xa_a"] = _publish_skeleton(sec("xa-a", "gioi-thieu"), d(3, 2), d(3, 4),
                                        natural_conditions="<p>Đồng bằng.</p>")
    LeaderProfile.objects.create(page=p["intro_xa_a"], name="Nguyễn Văn Chủ Tịch", title="Chủ tịch UBND xã")
    p["services_xa_a"] = _publish_skeleton(sec("xa-a", "dich-vu-cong"), d(3, 2), d(3, 20))

    # --- district tiendu (its own portal) ----------------------------------------
    p["news_district"] = _item(f.NewsPageFactory, sec("tiendu", "tin-tuc"), d(2, 9), d(2, 11))  # 2 wd
    p["doc_district_late"] = _item(f.LegalDocumentPageFactory, sec("tiendu", "van-ban"), d(3, 2), d(3, 6),
                                   issuing_authority="UBND huyện Tiên Du")  # issuer: 4 wd > 2

    # --- department sotuphap ------------------------------------------------------
    p["sector_plan"] = _item(f.PlanPageFactory, sec("sotuphap", "quy-hoach-ke-hoach"), d(3, 2), d(3, 3),
                             category="sector_plan")
    p["doc_department"] = _item(f.LegalDocumentPageFactory, sec("sotuphap", "van-ban"), d(3, 2), d(3, 4),
                                issuing_authority="Sở Tư pháp")  # issuer: 2 wd
    p["intro_department"] = _publish_skeleton(sec("sotuphap", "gioi-thieu"), d(3, 2), d(3, 3),
                                              organisation_structure="<p>Văn phòng, Thanh tra.</p>",
                                              history="<p>Thành lập năm 1997.</p>")

    # --- province bacninh ---------------------------------------------------------
    gazette = sec("bacninh", "cong-bao")
    p["gazette_same_day"] = _item(f.GazetteIssuePageFactory, gazette, d(3, 2), d(3, 2))
    p["gazette_late"] = _item(f.GazetteIssuePageFactory, gazette, d(3, 2), d(3, 3))  # same day required
    p["statistics"] = _item(f.StatisticsReleasePageFactory, sec("bacninh", "thong-ke"), d(3, 2), d(3, 12))  # 8 wd
    return s


@pytest.fixture
def petitions(scenario):
    """Q&A of xa-a (one in each column of table 2) and one of tiendu answered on time."""
    xa_a, tiendu = scenario.units["xa-a"], scenario.units["tiendu"]
    on_time = PetitionFactory(agency=xa_a, received_at=vn(d(3, 2)))  # due 9 March
    answered(on_time, vn(d(3, 6)))
    late = PetitionFactory(agency=xa_a, received_at=vn(d(3, 2)))
    answered(late, vn(d(3, 12)))
    PetitionFactory(agency=xa_a, received_at=vn(d(3, 2)))  # unanswered, overdue
    PetitionFactory(agency=xa_a, received_at=vn(d(6, 29)))  # due 6 July: not yet due
    PetitionFactory(agency=xa_a, received_at=vn(d(7, 1)))  # next period
    district = PetitionFactory(agency=tiendu, received_at=vn(d(3, 3)))
    answered(district, vn(d(3, 4)))
