"""Issue #20: the Điều 15 report counts every update, only what was posted, as of the
period's cut-off; row 12 counts all English work; row 1.4 is judged like the others.

One scenario, built through the real publication path (``save_revision().publish()``
and saving the contact settings, each at its moment under time-machine), so the update
history is recorded the way editors record it. Every expected figure below was counted
by hand from the dates in the comments (2026; Monday 2 March, Monday 1 June, Tuesday
30 June, Wednesday 1 July; no holiday falls in the weeks used), not by the code under
test.

Portals: the province ``bacninh``, the district ``tiendu`` and its communes ``xa-a``
and ``xa-b``.
"""

import datetime
import hashlib
import importlib
import re
import json
import zoneinfo

import pytest
from django.apps import apps as global_apps
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale

from cms.models import PortalContactSettings
from compliance.models import FrozenReport, InformationUpdate
from compliance.report_form import TABLE1_LINES
from compliance.selectors import items_late, report_build
from compliance.services import frozen_report_diff, report_freeze
from mandate.periods import period_parse
from tests.cms import factories as f
from tests.compliance.helpers import H1, NA, Scenario, answered, d, figures
from tests.qa.factories import PetitionFactory
from translations.models import AnswerTranslation

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
NO_DEADLINE = (None, None, 0)


def vn(month, day, hour=10, year=2026) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=VN)


def publish_at(time_machine, page, when, *, correction_only=False, **fields):
    """Publish ``page`` with ``fields`` at ``when``, as an editor pressing Publish then."""
    time_machine.move_to(when, tick=False)
    page = page.specific
    for name, value in {**fields, "correction_only": correction_only}.items():
        setattr(page, name, value)
    page.save_revision(clean=False).publish()
    page.refresh_from_db()
    return page


def draft(factory, parent, info, **fields):
    return factory(parent=parent, information_date=info, live=False, first_published_at=None,
                   last_published_at=None, **fields)


def save_contacts_at(time_machine, site, when, **fields):
    time_machine.move_to(when, tick=False)
    contact = PortalContactSettings.for_site(site)
    for name, value in {"correction_only": False, **fields}.items():
        setattr(contact, name, value)
    contact.save()
    return contact


def english_answer(unit, petition, published, completed):
    english = Locale.objects.get(language_code="en")
    return AnswerTranslation.objects.create(
        petition=petition, unit=unit, locale=english, subject="Question", published_at=published,
        due_date=published.date(), answer="Answer." if completed else "", completed_at=completed,
    )


@pytest.fixture
def scenario(db, time_machine) -> Scenario:
    time_machine.move_to(vn(3, 1), tick=False)
    portals = f.portal_with_sections(slugs={"bacninh", "tiendu", "xa-a", "xa-b"})
    s = Scenario(portals)
    p, sec = s.pages, portals.section
    english, _ = Locale.objects.get_or_create(language_code="en")

    # --- xa-a: reading 1 on the officials' contacts (8.1.k, row 1.3) ---------------
    contacts = sec("xa-a", "lien-he-can-bo")
    contacts = publish_at(time_machine, contacts, vn(3, 3), information_date=d(3, 2))  # 1 wd: on time
    contacts = publish_at(time_machine, contacts, vn(3, 13), information_date=d(3, 9))  # 4 wd: overdue
    contacts = publish_at(time_machine, contacts, vn(3, 16), correction_only=True,  # a typo: not an update
                          title="Thông tin liên hệ cán bộ xã")
    p["contacts"] = publish_at(time_machine, contacts, vn(6, 2), information_date=d(6, 1))  # 1 wd: on time
    news = sec("xa-a", "tin-tuc")
    a1 = publish_at(time_machine, draft(f.NewsPageFactory, news, d(3, 2)), vn(3, 4))  # 2 wd: on time
    p["news_a1"] = publish_at(time_machine, a1, vn(3, 10))  # the same content again: not an update
    p["news_a2"] = publish_at(time_machine, draft(f.NewsPageFactory, news, d(3, 2)), vn(3, 6))  # 4 wd: overdue
    p["news_a3_draft"] = draft(f.NewsPageFactory, news, d(6, 1))  # due 3 June, never posted: not counted
    p["news_a4_h2"] = publish_at(time_machine, draft(f.NewsPageFactory, news, d(6, 29)), vn(7, 1))  # after cut-off

    # --- xa-b: reading 5, the portal's contact details (8.1.l, row 1.4) ------------
    site = s.units["xa-b"].site
    save_contacts_at(time_machine, site, vn(3, 2), address="Thôn Đông", phone="0222 1",
                     information_date=d(3, 2))  # 0 wd: on time
    save_contacts_at(time_machine, site, vn(3, 12), phone="0222 2", information_date=d(3, 9))  # 3 wd: overdue
    save_contacts_at(time_machine, site, vn(3, 13), fax="0222 3", correction_only=True)  # correction
    save_contacts_at(time_machine, site, vn(3, 20))  # saved unchanged: not an update
    p["news_b1"] = publish_at(time_machine, draft(f.NewsPageFactory, sec("xa-b", "tin-tuc"), d(3, 3)),
                              vn(3, 5))  # 2 wd: on time

    # --- tiendu's own portal ---------------------------------------------------------
    p["news_d1"] = publish_at(time_machine, draft(f.NewsPageFactory, sec("tiendu", "tin-tuc"), d(3, 2)),
                              vn(3, 3))  # 1 wd: on time
    p["doc_d1"] = publish_at(time_machine, draft(f.LegalDocumentPageFactory, sec("tiendu", "van-ban"), d(3, 2),
                                                 issuing_authority="UBND huyện Tiên Du"),
                             vn(3, 6))  # issuer, 2 allowed, 4 used: overdue

    # --- bacninh: row 12 (8.2.d), English pages and English answers -------------------
    intro = publish_at(time_machine, sec("bacninh", "gioi-thieu"), vn(3, 3), information_date=d(3, 2),
                       natural_conditions="<p>Đồng bằng.</p>")  # 1 wd: on time
    english_intro = intro.get_translation(english)  # the mirror's draft, made on publication (translations)
    english_intro = publish_at(time_machine, english_intro, vn(3, 5))  # 2 wd after 3 March: on time
    p["intro"] = publish_at(time_machine, intro, vn(6, 2), information_date=d(6, 1),
                            natural_conditions="<p>Đồng bằng, sông Đuống.</p>")  # 1 wd: on time
    p["english_intro"] = publish_at(time_machine, english_intro, vn(6, 5), information_date=d(6, 1),
                                    natural_conditions="<p>Plains, Đuống river.</p>")  # 3 wd after 2 June: overdue
    p["gazette"] = publish_at(time_machine, draft(f.GazetteIssuePageFactory, sec("bacninh", "cong-bao"), d(3, 2)),
                              vn(3, 2))  # same day: on time

    # --- Q&A (table 2) and the English answers ------------------------------------------
    q, bacninh, xa_a, tiendu = s.petitions, s.units["bacninh"], s.units["xa-a"], s.units["tiendu"]
    q["a_on_time"] = PetitionFactory(agency=xa_a, received_at=vn(3, 2))  # due 9 March
    answered(q["a_on_time"], vn(3, 5))
    q["a_answered_in_july"] = PetitionFactory(agency=xa_a, received_at=vn(6, 29))  # due 6 July
    answered(q["a_answered_in_july"], vn(7, 1))  # after the cut-off: open on 30 June, not yet due
    q["a_open_not_due"] = PetitionFactory(agency=xa_a, received_at=vn(6, 29))  # due 6 July, never answered
    q["a_open_overdue"] = PetitionFactory(agency=xa_a, received_at=vn(6, 15))  # due 22 June, never answered
    q["a_h2"] = PetitionFactory(agency=xa_a, received_at=vn(7, 1))
    q["d_late"] = PetitionFactory(agency=tiendu, received_at=vn(3, 3))  # due 10 March
    answered(q["d_late"], vn(3, 12))
    for name, received, answer_day in (("en1", vn(3, 2), vn(3, 5)), ("en2", vn(6, 3), vn(6, 10)),
                                       ("en3", vn(6, 22), vn(6, 29)), ("en4", vn(6, 18), vn(6, 25))):
        q[name] = PetitionFactory(agency=bacninh, received_at=received)  # each answered by its due date
        answered(q[name], answer_day)
    # English answers: due 2 working days after the Vietnamese answer was published.
    english_answer(bacninh, q["en1"], vn(3, 5), vn(3, 9))  # Fri 6, Mon 9: 2 wd on time (4 calendar days)
    english_answer(bacninh, q["en2"], vn(6, 10), vn(6, 15))  # 3 wd: overdue
    english_answer(bacninh, q["en3"], vn(6, 29), vn(7, 1))  # posted after the cut-off: H2
    english_answer(bacninh, q["en4"], vn(6, 25), None)  # not posted: not counted
    time_machine.move_to(vn(7, 3, 9), tick=False)
    return s


# Expected (on time, overdue, count) per line; NA: "không áp dụng"; None: left blank.
COMMUNE_ZERO = {
    "1": (0, 0, 0), "1.1": (0, 0, 0), "1.1-1": NA, "1.1-2": NA, "1.1-3": (0, 0, 0), "1.1-4": (0, 0, 0),
    "1.2": (0, 0, 0), "1.3": (0, 0, 0), "1.4": (0, 0, 0),
    "2": (0, 0, 0),
    "3": (0, 0, 0), "3.1": (0, 0, 0), "3.2": (0, 0, 0), "3.3": (0, 0, 0), "3.4": (0, 0, 0),
    "4": (0, 0, 0),
    "5": (0, 0, 0), "5.1": NA, "5.2": (0, 0, 0), "5.2-1": (0, 0, 0), "5.2-2": (0, 0, 0), "5.2-3": (0, 0, 0),
    "5.2-4": (0, 0, 0),
    "6": (0, 0, 0), "7": (0, 0, 0), "8": (0, 0, 0),
    "9": NA, "10": NA, "11": NA, "12": NA,
    "13": NO_DEADLINE, "14": NO_DEADLINE,
}
# xa-a: contacts updated three times (a correction not counted), two news items posted
# in H1 (a draft and a July item not counted).
XA_A = {**COMMUNE_ZERO, "1": (2, 1, 3), "1.3": (2, 1, 3), "2": (1, 1, 2)}
# xa-b: its contact details changed twice (a correction and an unchanged save not
# counted), one news item.
XA_B = {**COMMUNE_ZERO, "1": (1, 1, 2), "1.4": (1, 1, 2), "2": (1, 0, 1)}
# tiendu's own portal: one news item on time, one of its own documents late.
TIENDU_OWN = {**COMMUNE_ZERO, "2": (1, 0, 1), "6": (0, 1, 1)}
# tiendu rolled up: itself + xa-a + xa-b.
TIENDU = {**COMMUNE_ZERO, "1": (3, 2, 5), "1.3": (2, 1, 3), "1.4": (1, 1, 2), "2": (3, 1, 4), "6": (0, 1, 1)}
# bacninh's own portal: the introduction updated twice, the gazette, and row 12: the
# English introduction (on time, then overdue) and two English answers (on time, overdue).
BACNINH_OWN = {
    **COMMUNE_ZERO, "1": (2, 0, 2), "1.1": (2, 0, 2), "1.1-4": (2, 0, 2),
    "9": (1, 0, 1), "10": (0, 0, 0), "11": (0, 0, 0), "12": (2, 2, 4), "14": NA,
}
# bacninh rolled up: every portal.
PROVINCE = {
    **COMMUNE_ZERO, "1": (5, 2, 7), "1.1": (2, 0, 2), "1.1-4": (2, 0, 2), "1.3": (2, 1, 3), "1.4": (1, 1, 2),
    "2": (3, 1, 4), "6": (0, 1, 1), "9": (1, 0, 1), "10": (0, 0, 0), "11": (0, 0, 0), "12": (2, 2, 4),
}
TABLE2_COLUMNS = ("received", "answered_on_time", "answered_overdue", "unanswered_not_due", "unanswered_overdue")


def table2(report):
    return [(row.unit.slug if row.unit else "total", *(getattr(row, c) for c in TABLE2_COLUMNS))
            for row in report.table2]


def test_rows_1_to_14_and_table2_per_portal_and_rolled_up(scenario):
    units = scenario.units
    reports = {slug: report_build(unit=units[slug], period=H1) for slug in ("xa-a", "xa-b", "tiendu", "bacninh")}
    assert [row.line.key for row in reports["xa-a"].table1.rows] == [line.key for line in TABLE1_LINES]
    assert figures(reports["xa-a"].table1.rows) == XA_A
    assert figures(reports["xa-b"].table1.rows) == XA_B
    assert figures(reports["tiendu"].table1.own_rows) == TIENDU_OWN
    assert figures(reports["tiendu"].table1.rows) == TIENDU
    assert [figures(child.rows) for child in reports["tiendu"].table1.breakdown] == [XA_A, XA_B]
    assert figures(reports["bacninh"].table1.own_rows) == BACNINH_OWN
    assert figures(reports["bacninh"].table1.rows) == PROVINCE
    assert reports["bacninh"].as_of == d(6, 30)

    assert table2(reports["xa-a"]) == [("xa-a", 4, 1, 0, 2, 1), ("total", 4, 1, 0, 2, 1)]
    assert table2(reports["xa-b"]) == [("xa-b", 0, 0, 0, 0, 0), ("total", 0, 0, 0, 0, 0)]
    assert table2(reports["tiendu"]) == [
        ("tiendu", 1, 0, 1, 0, 0), ("xa-a", 4, 1, 0, 2, 1), ("total", 5, 1, 1, 2, 1),
    ]
    assert table2(reports["bacninh"]) == [
        ("bacninh", 4, 4, 0, 0, 0), ("tiendu", 1, 0, 1, 0, 0), ("xa-a", 4, 1, 0, 2, 1), ("total", 9, 5, 1, 2, 1),
    ]


def test_each_change_is_an_update_and_a_correction_is_not(scenario):
    """Reading 1: three updates of the contacts page, each judged on its own."""
    contacts = scenario.pages["contacts"]
    history = list(InformationUpdate.objects.filter(page=contacts).values_list("information_date", "published_at"))
    assert history == [(d(3, 2), vn(3, 3)), (d(3, 9), vn(3, 13)), (d(6, 1), vn(6, 2))]
    assert InformationUpdate.objects.filter(page=scenario.pages["news_a1"]).count() == 1  # republished unchanged
    report = report_build(unit=scenario.units["xa-a"], period=H1)
    late = [report.items[ref] for ref in report.table1.row("1.3").cell.overdue]
    assert [(item.verdict.due_date, item.verdict.published_on, item.verdict.days_used) for item in late] == [
        (d(3, 11), d(3, 13), 4)
    ]


def test_the_edit_form_offers_the_correction_box_unticked(scenario, client, admin_user):
    client.force_login(admin_user)
    page = scenario.pages["contacts"]
    ticked = page.specific
    ticked.correction_only = True
    ticked.save_revision(clean=False)  # a draft saved with the box ticked
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert edit.status_code == 200
    box = re.search(r'<input[^>]*name="correction_only"[^>]*>', edit.text)
    assert box is not None and "checked" not in box.group(0)
    # The deadline panel lists the page's three updates, the late one with its delay.
    assert "13/03/2026" in edit.text and "02/06/2026" in edit.text and "16/03/2026" not in edit.text


def test_only_what_was_posted_counts(scenario):
    """Reading 2: the overdue draft is a late item for the editors, not a figure."""
    draft_page = scenario.pages["news_a3_draft"]
    report = report_build(unit=scenario.units["xa-a"], period=H1)
    assert all(item.page_id != draft_page.pk for item in report.items.values())
    late = items_late(units={scenario.units["xa-a"].pk: scenario.units["xa-a"]}, period=H1)
    assert draft_page.pk in {item.page_id for item in late if not item.posted}


def test_the_report_is_the_same_whenever_it_is_produced(scenario, time_machine, tmp_path):
    """Reading 3: run on 3 July and again in December, after more work was done in H2."""
    first, second = tmp_path / "july.json", tmp_path / "december.json"
    call_command("portal_report", "--portal", "bacninh", "--period", "2026-H1", "--format", "json",
                 "--output", str(first))
    answered(scenario.petitions["a_open_not_due"], vn(8, 3))  # answered in H2, late
    publish_at(time_machine, scenario.pages["news_a3_draft"], vn(8, 3))  # the draft posted at last, in H2
    time_machine.move_to(vn(12, 15), tick=False)
    call_command("portal_report", "--portal", "bacninh", "--period", "2026-H1", "--format", "json",
                 "--output", str(second))
    assert first.read_bytes() == second.read_bytes()
    assert json.loads(first.read_bytes())["as_of"] == "2026-06-30"


def test_an_explicit_cut_off(scenario, tmp_path):
    """``--as-of 2026-03-31``: only what was posted by then; questions judged on that day."""
    target = tmp_path / "march.json"
    call_command("portal_report", "--portal", "xa-a", "--period", "2026-H1", "--as-of", "2026-03-31",
                 "--format", "json", "--output", str(target))
    data = json.loads(target.read_text())
    rows = {row["key"]: (row["on_time"], row["overdue"], row["count"]) for row in data["table1"]}
    assert rows["1.3"] == (1, 1, 2) and rows["2"] == (1, 1, 2)
    # Questions received by 31 March only: the one answered on time.
    assert [(row["unit"], *(row[c] for c in TABLE2_COLUMNS)) for row in data["table2"]] == [
        ("xa-a", 1, 1, 0, 0, 0), (None, 1, 1, 0, 0, 0),
    ]
    assert data["as_of"] == "2026-03-31"


def test_half_years_cut_off_on_the_14th(scenario, settings):
    """A province counting 15/12–14/6: questions received 15 and 29 June fall in H2."""
    settings.COMPLIANCE_HALF_YEAR_ENDS = ((6, 14), (12, 14))
    period = period_parse("2026-H1")
    assert (period.start, period.end) == (d(12, 15, 2025), d(6, 14))
    report = report_build(unit=scenario.units["xa-a"], period=period)
    assert table2(report) == [("xa-a", 1, 1, 0, 0, 0), ("total", 1, 1, 0, 0, 0)]
    assert figures(report.table1.rows)["1.3"] == (2, 1, 3)


def test_a_frozen_report_downloads_unchanged_and_diffs_against_now(scenario, time_machine, tmp_path, capsys):
    province = scenario.units["bacninh"]
    frozen = report_freeze(unit=province, period="2026-H1")
    assert frozen.sha256 == hashlib.sha256(bytes(frozen.content)).hexdigest()
    assert frozen_report_diff(frozen=frozen) == []

    time_machine.move_to(vn(12, 15), tick=False)
    scenario.pages["news_a2"].delete()  # removed after submission: its late update goes with it
    target = tmp_path / "frozen.json"
    call_command("report_freeze", "--download", str(frozen.pk), "--output", str(target))
    assert target.read_bytes() == bytes(FrozenReport.objects.get(pk=frozen.pk).content)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == frozen.sha256

    changes = frozen_report_diff(frozen=frozen)
    row2 = [(c["unit"], c["table"], c["column"], c["frozen"], c["current"]) for c in changes
            if c["line"] == "2" and c["table"] == "table1"]
    assert ("bacninh", "table1", "overdue", 1, 0) in row2 and ("bacninh", "table1", "count", 4, 3) in row2
    assert ("xa-a", "table1", "overdue", 1, 0) in row2
    capsys.readouterr()
    call_command("report_freeze", "--diff", str(frozen.pk))
    assert '"frozen": 1' in capsys.readouterr().out


def test_the_provincial_office_freezes_from_the_admin(scenario, client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("compliance_admin:freeze"), {"portal": "tiendu", "period": "2026-H1"})
    assert response.status_code == 302
    frozen = FrozenReport.objects.get(unit=scenario.units["tiendu"])
    download = client.get(reverse("compliance_admin:frozen_download", args=[frozen.pk]))
    assert download.content == bytes(frozen.content)
    assert client.get(reverse("compliance_admin:frozen_list")).status_code == 200
    diff = client.get(reverse("compliance_admin:frozen_diff", args=[frozen.pk]))
    assert diff.status_code == 200 and diff.context["changes"] == []


def test_row_12_in_calendar_days(scenario, settings):
    """Reading 4, the literal reading of 8.2.d: the first English answer (4 calendar
    days after the Vietnamese one) becomes overdue."""
    settings.COMPLIANCE_FOREIGN_LANGUAGE_WORKING_DAYS = False
    report = report_build(unit=scenario.units["bacninh"], period=H1)
    assert figures(report.table1.rows)["12"] == (1, 3, 4)


def test_row_12_counts_english_pages_and_answers(scenario):
    report = report_build(unit=scenario.units["bacninh"], period=H1)
    refs = report.table1.row("12").cell
    kinds = sorted(ref.split("-")[0] for ref in refs.count)
    assert kinds == ["answer", "answer", "update", "update"]
    assert sorted(ref.split("-")[0] for ref in refs.on_time) == ["answer", "update"]


def test_row_1_4_drills_down_to_the_settings(scenario):
    report = report_build(unit=scenario.units["xa-b"], period=H1)
    items = [report.items[ref] for ref in report.table1.row("1.4").cell.count]
    site_id = scenario.units["xa-b"].site_id
    assert {item.admin_url for item in items} == {f"/admin/settings/cms/portalcontactsettings/{site_id}/"}


def test_the_backfill_keeps_the_figures(scenario):
    """The data migration rebuilds the history from the publication log."""
    before = figures(report_build(unit=scenario.units["bacninh"], period=H1).table1.rows)
    InformationUpdate.objects.all().delete()
    migration = importlib.import_module("compliance.migrations.0004_information_update_backfill")
    migration.backfill(global_apps, None)
    after = figures(report_build(unit=scenario.units["bacninh"], period=H1).table1.rows)
    # The contact details had no log: one update, dated their last change (info 9 March,
    # saved 20 March: overdue), so 1.4 and 1 differ; every other figure is the same.
    assert after["1.4"] == (0, 1, 1) and after["1"] == (4, 2, 6)
    assert {k: v for k, v in after.items() if k not in ("1", "1.4")} == {
        k: v for k, v in before.items() if k not in ("1", "1.4")
    }
    assert InformationUpdate.objects.filter(page=scenario.pages["contacts"]).count() == 3
