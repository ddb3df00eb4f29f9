"""Điều 8's deadlines on one page: ``item_timeliness`` and the legal-document issuer rule."""

import pytest

from compliance.rules import Timeliness, item_timeliness, portal_is_issuer


@pytest.mark.parametrize("authority, name, short, issuer", [
    ("UBND tỉnh Bắc Ninh", "Ủy ban nhân dân tỉnh Bắc Ninh", "Bắc Ninh", True),
    ("Uỷ ban nhân dân tỉnh Bắc Ninh", "Ủy ban nhân dân tỉnh Bắc Ninh", "Bắc Ninh", True),
    ("Sở Tư pháp", "Sở Tư pháp tỉnh Bắc Ninh", "Sở Tư pháp", True),
    ("UBND huyện Tiên Du", "Huyện Tiên Du", "Tiên Du", True),
    ("UBND tỉnh Bắc Ninh", "Sở Tư pháp tỉnh Bắc Ninh", "Sở Tư pháp", False),
    ("HĐND tỉnh Bắc Ninh", "Ủy ban nhân dân tỉnh Bắc Ninh", "Bắc Ninh", False),
    ("Bộ Tư pháp", "Sở Tư pháp tỉnh Bắc Ninh", "Sở Tư pháp", False),
    ("", "Huyện Tiên Du", "Tiên Du", False),
])
def test_portal_is_issuer(authority, name, short, issuer):
    assert portal_is_issuer(issuing_authority=authority, unit_name=name, unit_short_name=short) is issuer


def test_item_timeliness_of_each_page(scenario):
    p = scenario.pages
    verdict = item_timeliness(p["news_tet_on_time"])
    assert (verdict.status, verdict.days_used, verdict.days_allowed) == (Timeliness.ON_TIME, 1, 2)
    verdict = item_timeliness(p["news_tet_late"])
    assert (verdict.status, verdict.days_used, verdict.days_allowed) == (Timeliness.OVERDUE, 3, 2)
    assert item_timeliness(p["doc_governed"]).days_allowed == 8
    assert item_timeliness(p["doc_own_late"]).days_allowed == 2
    assert item_timeliness(p["gazette_late"]).status == Timeliness.OVERDUE
    assert item_timeliness(p["gazette_same_day"]).status == Timeliness.ON_TIME
    draft = item_timeliness(p["news_draft_pending"])  # information on 2 July, today 3 July
    assert (draft.status, draft.days_left) == (Timeliness.PENDING, 1)
    assert item_timeliness(p["news_draft_overdue"]).status == Timeliness.OVERDUE
    assert item_timeliness(p["services_xa_a"]).status == Timeliness.NOT_APPLICABLE  # 8.1.n: no deadline
    assert item_timeliness(scenario.portals.section("xa-a", "tin-tuc")).status == Timeliness.NOT_APPLICABLE
