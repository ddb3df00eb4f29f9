"""The demo seed fills every mandated section of the four demo portals (demo.cms)."""

import datetime
import time

import pytest
from django.utils import timezone

from cms.coverage import mandate_coverage
from demo.cms import DECISION_96_FILE, DECISION_96_NUMBER, DEMO_PORTALS, cms_demo_seed
from mandate.items import mandate_items_for
from cms.models import (
    ConsultationPage,
    IntroductionPage,
    LegalDocumentPage,
    OfficialContactsPage,
    PortalContactSettings,
    ProjectPage,
    StatisticsReleasePage,
    WorkSchedulePage,
)
from cms.models.legal_documents import DocumentStatus
from cms.models.projects import ProjectStatus
from tenants.models import Unit
from tests.factories import province_rows, provision

# Items demo.cms does not seed: the English mirror (8.2.d, demo.translations) and
# online surveys (8.2.đ, demo.surveys).
KNOWN_PENDING = {"8.2.d", "8.2.đ"}


@pytest.fixture
def seeded(db):
    # Seeding four portals takes a minute or more: one seed serves every check below.
    """The four demo portals (province, department, district, commune) with sections, seeded."""
    provision(province_rows(communes_under_district=("tiendu-lienbao",)), with_sections=True)
    started = time.monotonic()
    created = cms_demo_seed()
    return {"created": created, "seconds": time.monotonic() - started,
            "units": {unit.slug: unit for unit in Unit.objects.all()}}


def check_every_applicable_item_is_present_on_the_four_portals(seeded):
    assert set(seeded["units"]) == set(DEMO_PORTALS)
    coverage = mandate_coverage(units=seeded["units"].values())
    missing = {(row.unit.slug, row.item.key) for row in coverage
               if row.is_missing and row.item.key not in KNOWN_PENDING}
    assert missing == set()
    for slug, unit in seeded["units"].items():
        keys = {row.item.key for row in coverage if row.unit.slug == slug}
        assert keys == {item.key for item in mandate_items_for(unit.kind)}
    # The brief asks for < 60 s on an idle machine; a loaded CI box is given slack.
    assert seeded["seconds"] < 240


def check_seed_is_idempotent(seeded):
    assert seeded["created"] > 60
    before = LegalDocumentPage.objects.count()
    assert cms_demo_seed() == 0
    assert LegalDocumentPage.objects.count() == before


def check_decision_96_is_published_with_its_text(seeded):
    decision = LegalDocumentPage.objects.live().get(document_number=DECISION_96_NUMBER, unit__slug="bacninh")
    assert decision.issue_date == datetime.date(2021, 3, 18)
    assert decision.issuing_authority == "UBND tỉnh Bắc Ninh"
    assert decision.revisions.exists()
    document = decision.files.get().document
    with document.open_file() as handle:
        assert handle.read() == DECISION_96_FILE.read_bytes()
    assert decision.gazette_entries.exists()
    replaced = LegalDocumentPage.objects.filter(status=DocumentStatus.REPLACED, unit__slug="bacninh").get()
    assert replaced.replaced_by.document_number == "12/2021/QĐ-UBND"


def check_each_portal_has_the_content_the_law_describes(seeded):
    now = timezone.now()
    for slug in DEMO_PORTALS:
        consultations = ConsultationPage.objects.live().filter(unit__slug=slug)
        assert {c.comment_deadline > now for c in consultations} == {True, False}
        assert set(ProjectPage.objects.live().filter(unit__slug=slug).values_list("status", flat=True)) == set(
            ProjectStatus.values)
        schedule = WorkSchedulePage.objects.live().get(unit__slug=slug)
        assert schedule.week_start == timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
        intro = IntroductionPage.objects.live().get(unit__slug=slug)
        assert 2 <= intro.leaders.count() <= 4
        contacts = OfficialContactsPage.objects.live().get(unit__slug=slug).contacts.all()
        assert contacts and all(contact.email.endswith("@bacninh.gov.vn") for contact in contacts)
        setting = PortalContactSettings.for_site(seeded["units"][slug].site)
        assert setting.is_filled and setting.email.endswith("@bacninh.gov.vn")
    department_intro = IntroductionPage.objects.get(unit__slug="sotuphap")
    assert department_intro.organisation_chart is not None
    assert department_intro.organisation_chart.collection == seeded["units"]["sotuphap"].collection


def check_statistics_release_has_csv_and_xlsx_tables(seeded):
    release = StatisticsReleasePage.objects.live().get(unit__slug="bacninh")
    tables = {f.document.file_extension: f.table for f in release.data_files.all()}
    assert set(tables) == {"csv", "xlsx"}
    assert tables["csv"] == tables["xlsx"]
    assert tables["csv"][1][0] == "Dân số trung bình"


def test_demo_seed(seeded):
    """One seed, every property a newcomer relies on (the seed is too slow to repeat)."""
    check_every_applicable_item_is_present_on_the_four_portals(seeded)
    check_decision_96_is_published_with_its_text(seeded)
    check_each_portal_has_the_content_the_law_describes(seeded)
    check_statistics_release_has_csv_and_xlsx_tables(seeded)
    check_seed_is_idempotent(seeded)  # last: it seeds again
