"""Provisioning units and portals: creation, idempotence, refusal of bad rows."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageLogEntry,
    Revision,
    Site,
    Workflow,
)

from cms.models import PortalHomePage, ProvincialRootPage
from tenants.models import BoardRole, Unit
from tenants.provisioning import ProvisioningError, portals_provision, unit_rows_read
from tests.factories import UnitRowFactory, province_rows, provision

pytestmark = pytest.mark.django_db

COUNTED = (Unit, Page, Site, Collection, Group, GroupPagePermission, GroupCollectionPermission,
           Workflow, PageLogEntry, Revision)


def snapshot():
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_each_unit_gets_a_portal_under_the_provincial_root():
    result = provision(province_rows())

    assert sorted(result.created) == ["bacninh", "sotuphap", "tiendu", "xa-a", "xa-b"]
    root = ProvincialRootPage.objects.get()
    for unit in Unit.objects.all():
        home = unit.site.root_page.specific
        assert isinstance(home, PortalHomePage)
        assert home.get_parent().pk == root.pk
        assert home.unit == unit
        assert unit.site.hostname == unit.hostname
        assert unit.collection is not None
        assert set(unit.board_groups.values_list("role", flat=True)) == set(BoardRole.values)
    # One query spans every portal.
    assert PortalHomePage.objects.descendant_of(root).count() == 5
    assert Site.objects.get(is_default_site=True).unit.slug == "bacninh"
    assert Unit.objects.get(slug="xa-a").parent.slug == "tiendu"


def test_provisioning_twice_changes_nothing():
    provision(province_rows())
    before = snapshot()

    result = provision(province_rows())

    assert result.created == [] and result.updated == []
    assert len(result.unchanged) == 5
    assert snapshot() == before


def test_changed_rows_update_unit_site_and_home_page():
    provision(province_rows())
    rows = province_rows()
    rows[1] = UnitRowFactory(slug="sotuphap", kind="department", name="Sở Tư pháp (đổi tên)",
                             hostname="stp.bacninh.gov.vn", parent="bacninh")

    result = provision(rows)

    assert result.updated == ["sotuphap"]
    unit = Unit.objects.get(slug="sotuphap")
    assert unit.site.hostname == "stp.bacninh.gov.vn"
    assert unit.site.site_name == "Sở Tư pháp (đổi tên)"
    assert unit.site.root_page.title == "Sở Tư pháp (đổi tên)"
    assert "Sở Tư pháp (đổi tên)" in unit.board_groups.get(role="head").group.name


def test_communes_may_sit_directly_under_the_province():
    provision(province_rows(communes_under_province=("phuong-moi",)))
    assert Unit.objects.get(slug="phuong-moi").parent.slug == "bacninh"

    # The 2025 reform moves a commune from its district to the province: data only.
    rows = province_rows(communes_under_district=("xa-b",), communes_under_province=("phuong-moi", "xa-a"))
    page_path = Unit.objects.get(slug="xa-a").site.root_page.url_path
    provision(rows)
    moved = Unit.objects.get(slug="xa-a")
    assert moved.parent.slug == "bacninh"
    assert moved.site.root_page.url_path == page_path


BAD_FILES = {
    "unknown parent": ("""units:
  - {slug: bacninh, kind: province, name: Tỉnh Bắc Ninh, hostname: bacninh.gov.vn}
  - {slug: xa-a, kind: commune, name: Xã A, hostname: a.bacninh.gov.vn, parent: khong-co}
""", 3, "parent", "khong-co"),
    "duplicate slug": ("""units:
  - {slug: bacninh, kind: province, name: Tỉnh Bắc Ninh, hostname: bacninh.gov.vn}
  - {slug: sotuphap, kind: department, name: Sở Tư pháp, hostname: stp.bacninh.gov.vn, parent: bacninh}
  - {slug: sotuphap, kind: department, name: Sở Nội vụ, hostname: snv.bacninh.gov.vn, parent: bacninh}
""", 4, "slug", "3"),
    "duplicate hostname": ("""units:
  - {slug: bacninh, kind: province, name: Tỉnh Bắc Ninh, hostname: bacninh.gov.vn}
  - {slug: sotuphap, kind: department, name: Sở Tư pháp, hostname: stp.bacninh.gov.vn, parent: bacninh}
  - {slug: sonoivu, kind: department, name: Sở Nội vụ, hostname: STP.bacninh.gov.vn, parent: bacninh}
""", 4, "hostname", "stp.bacninh.gov.vn"),
    "unknown kind": ("""units:
  - {slug: bacninh, kind: province, name: Tỉnh Bắc Ninh, hostname: bacninh.gov.vn}
  - {slug: thon-a, kind: village, name: Thôn A, hostname: thona.bacninh.gov.vn, parent: bacninh}
""", 3, "kind", "village"),
    "empty name": ("""units:
  - {slug: bacninh, kind: province, name: Tỉnh Bắc Ninh, hostname: bacninh.gov.vn}
  - slug: sotuphap
    kind: department
    name: "  "
    hostname: stp.bacninh.gov.vn
    parent: bacninh
""", 3, "name", ""),
}


@pytest.mark.parametrize("content,line,field,fragment", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_bad_rows_are_refused_with_their_line_and_leave_nothing(tmp_path, content, line, field, fragment):
    provision(province_rows())  # existing data must survive untouched too
    before = snapshot()
    path = tmp_path / "units.yaml"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(ProvisioningError) as excinfo:
        portals_provision(unit_rows_read(path))

    errors = excinfo.value.errors
    assert [(e.line, e.field) for e in errors] == [(line, field)]
    assert fragment in errors[0].message
    assert str(line) in str(excinfo.value)
    assert snapshot() == before


def test_csv_rows_report_their_physical_line(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text(
        "slug,kind,name,short_name,hostname,parent\n"
        "bacninh,province,Tỉnh Bắc Ninh,Bắc Ninh,bacninh.gov.vn,\n"
        "sotuphap,department,Sở Tư pháp,STP,stp.bacninh.gov.vn,bacninh\n"
        "xa-a,commune,,A,a.bacninh.gov.vn,sotuphap\n",
        encoding="utf-8",
    )
    with pytest.raises(ProvisioningError) as excinfo:
        portals_provision(unit_rows_read(path))
    assert {(e.line, e.field) for e in excinfo.value.errors} == {(4, "name"), (4, "parent")}
    assert Unit.objects.count() == 0 and Site.objects.filter(unit__isnull=False).count() == 0


def test_hostname_of_another_existing_unit_is_refused():
    provision(province_rows())
    rows = province_rows() + [UnitRowFactory(slug="xa-c", parent="tiendu", hostname="sotuphap.bacninh.gov.vn", line=99)]
    with pytest.raises(ProvisioningError) as excinfo:
        provision(rows)
    assert [(e.line, e.field) for e in excinfo.value.errors] == [(99, "hostname")]
    assert not Unit.objects.filter(slug="xa-c").exists()


def test_a_failure_midway_rolls_back_the_whole_run(monkeypatch):
    import tenants.provisioning as provisioning

    original = provisioning._portal_provision

    def fail_on_commune(row, **kwargs):
        if row.slug == "xa-b":
            raise RuntimeError("disk full")
        return original(row, **kwargs)

    monkeypatch.setattr(provisioning, "_portal_provision", fail_on_commune)
    before = snapshot()
    with pytest.raises(RuntimeError):
        provision(province_rows())
    assert snapshot() == before


def test_names_are_stored_as_nfc_and_legacy_encodings_converted():
    import unicodedata

    rows = province_rows()
    rows[1] = UnitRowFactory(slug="sotuphap", kind="department", parent="bacninh",
                             name=unicodedata.normalize("NFD", "Sở Tư pháp tỉnh Bắc Ninh"), short_name="Sở Tư pháp")
    # TCVN3 (ABC) text pasted from a .VnTime document.
    rows[3] = UnitRowFactory(slug="xa-a", parent="tiendu", name="X· Liªn B·o huyÖn Tiªn Du", short_name="Liªn B·o")
    provision(rows)

    assert Unit.objects.get(slug="sotuphap").name == unicodedata.normalize("NFC", "Sở Tư pháp tỉnh Bắc Ninh")
    commune = Unit.objects.get(slug="xa-a")
    assert commune.name == "Xã Liên Bão huyện Tiên Du"
    assert commune.site.root_page.title == "Xã Liên Bão huyện Tiên Du"


def test_unconvertible_legacy_text_is_refused_with_its_line():
    rows = province_rows()
    rows[3] = UnitRowFactory(slug="xa-a", parent="tiendu", name="Xã Th«ng", line=42)
    with pytest.raises(ProvisioningError) as excinfo:
        provision(rows)
    assert [(e.line, e.field) for e in excinfo.value.errors][0] == (42, "name")
    assert Unit.objects.count() == 0
