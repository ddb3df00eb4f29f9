"""The open-data catalogue (issue #22 item 4): DCAT-AP that parses with rdflib and
conforms to the official DCAT-AP 3.0.0 SHACL shapes vendored in opendata/shapes (pySHACL,
0 violations; provenance in opendata/shapes/README.md), the
tables in CSV/XLSX/JSON, the six-monthly review (Nghị định 47/2020, Điều 20.3), the
/du-lieu-mo/ page, and each portal's catalogue its own."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

import opendata
from opendata.models import OpenDataCatalogue, OpenDataset, OpenDatasetTable
from opendata.rules import Licence, UpdateFrequency, months_after, review_due_on, review_is_due
from opendata.wagtail_hooks import catalogues_due
from tenants.models import BoardRole
from tests.cms.factories import CSVDocumentFactory, DocumentFactory, StatisticsDataFileFactory, \
    StatisticsReleasePageFactory
from tests.factories import board_member

pytestmark = pytest.mark.django_db

PROVINCE, SOTUPHAP = "bacninh.gov.vn", "sotuphap.bacninh.gov.vn"
SHAPES = Path(opendata.__file__).parent / "shapes" / "dcat-ap-3.0.0" / "dcat-ap-SHACL.jsonld"


def _xlsx_document():
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Thủ tục", "Hồ sơ tiếp nhận"])
    book.active.append(["Chứng thực bản sao", 1250])
    out = io.BytesIO()
    book.save(out)
    return DocumentFactory(title="Hồ sơ hành chính", file__filename="ho-so.xlsx", file__data=out.getvalue())


@pytest.fixture
def scenario(portals):
    release = StatisticsReleasePageFactory(parent=portals.sections["bacninh"]["thong-ke"], title="Dân số 2025")
    population = StatisticsDataFileFactory(page=release, document=CSVDocumentFactory(), title="Dân số theo năm")
    OpenDataCatalogue.objects.create(unit=portals.units["bacninh"], last_reviewed_on=datetime.date(2026, 3, 1),
                                     statistics_frequency=UpdateFrequency.ANNUAL)
    dataset = OpenDataset.objects.create(unit=portals.units["sotuphap"], title="Hồ sơ hành chính tư pháp",
                                         description="Số hồ sơ tiếp nhận theo thủ tục.", keywords="tư pháp, hồ sơ",
                                         frequency=UpdateFrequency.QUARTERLY, issued=datetime.date(2026, 1, 5),
                                         modified=datetime.date(2026, 10, 1))
    records = OpenDatasetTable.objects.create(dataset=dataset, document=_xlsx_document(), title="Hồ sơ quý III")
    closed = OpenDataset.objects.create(unit=portals.units["sotuphap"], title="Bộ dữ liệu đóng", description="x",
                                        issued=datetime.date(2026, 1, 5), modified=datetime.date(2026, 1, 5),
                                        is_open=False)
    hidden = OpenDatasetTable.objects.create(dataset=closed, document=CSVDocumentFactory(), title="Đóng")
    return portals, release, population.document_id, records.document_id, hidden.document_id


def _graph(client, host, fmt):
    response = client.get(f"/du-lieu-mo/catalog.{fmt}", HTTP_HOST=host)
    assert response.status_code == 200, response.content
    graph = Graph()
    graph.parse(data=response.content.decode("utf-8"), format="turtle" if fmt == "ttl" else "json-ld")
    return graph


def test_dcat_documents_parse_and_conform_to_the_dcat_ap_shapes(scenario, client):
    portals, release, population, records, hidden = scenario
    turtle, jsonld = _graph(client, PROVINCE, "ttl"), _graph(client, PROVINCE, "jsonld")
    assert len(turtle) == len(jsonld) > 50
    shapes = Graph().parse(SHAPES, format="json-ld")
    conforms, results, text = validate(turtle, shacl_graph=shapes)
    assert conforms, text
    assert len(list(results.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#ValidationResult")))) == 0
    assert validate(jsonld, shacl_graph=shapes)[0]

    datasets = set(turtle.subjects(RDF.type, DCAT.Dataset))
    # The provincial catalogue lists the province's release and the department's dataset, not the closed one.
    dataset_id = OpenDatasetTable.objects.get(document_id=records).dataset_id
    assert {str(d).rsplit("#", 1)[1] for d in datasets} == {f"thong-ke-{release.pk}", f"bo-du-lieu-{dataset_id}"}
    for dataset in datasets:
        assert turtle.value(dataset, DCTERMS.publisher) is not None
        assert turtle.value(dataset, DCTERMS.accrualPeriodicity) is not None
        assert turtle.value(dataset, DCTERMS.issued).datatype == URIRef("http://www.w3.org/2001/XMLSchema#date")
        distributions = list(turtle.objects(dataset, DCAT.distribution))
        assert len(distributions) == 3
        assert {str(turtle.value(d, DCTERMS.license)) for d in distributions} == {Licence.CC_BY.value}
    department = next(d for d in datasets if "bo-du-lieu" in str(d))
    assert str(department).startswith("https://sotuphap.bacninh.gov.vn/du-lieu-mo/#")
    assert turtle.value(department, DCTERMS.accrualPeriodicity) == URIRef(
        "http://publications.europa.eu/resource/authority/frequency/QUARTERLY")
    assert str(turtle.value(department, DCTERMS.title)) == "Hồ sơ hành chính tư pháp"

    # The official shapes bite: a dataset without a description, with a second release date
    # that is an IRI, breaks the 1..n description, the 0..1 issued and its literal node kind.
    turtle.remove((department, DCTERMS.description, None))
    turtle.add((department, DCTERMS.issued, URIRef("https://bacninh.gov.vn/mua-thu")))
    conforms, results, _ = validate(turtle, shacl_graph=shapes)
    assert not conforms
    sh = "http://www.w3.org/ns/shacl#"
    found = {(results.value(result, URIRef(f"{sh}focusNode")), results.value(result, URIRef(f"{sh}resultPath")),
              str(results.value(result, URIRef(f"{sh}sourceConstraintComponent"))).removeprefix(sh))
             for result in results.subjects(RDF.type, URIRef(f"{sh}ValidationResult"))}
    assert found == {(department, DCTERMS.description, "MinCountConstraintComponent"),
                     (department, DCTERMS.issued, "MaxCountConstraintComponent"),
                     (department, DCTERMS.issued, "NodeKindConstraintComponent")}

    # The department's own catalogue lists its dataset only, with the same IRI.
    own = _graph(client, SOTUPHAP, "ttl")
    assert set(own.subjects(RDF.type, DCAT.Dataset)) == {department}
    assert validate(own, shacl_graph=shapes)[0]


def test_tables_in_three_formats_utf8_and_only_from_the_catalogue(scenario, client):
    portals, release, population, records, hidden = scenario
    csv_response = client.get(f"/du-lieu-mo/bang/{population}.csv", HTTP_HOST=PROVINCE)
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_response.content.decode("utf-8").splitlines()[1] == "Dân số (nghìn người),1488,1519"
    rows = json.loads(client.get(f"/du-lieu-mo/bang/{population}.json", HTTP_HOST=PROVINCE).content)
    assert rows == [{"Chỉ tiêu": "Dân số (nghìn người)", "Năm 2024": "1488", "Năm 2025": "1519"}]
    sheet = load_workbook(io.BytesIO(client.get(f"/du-lieu-mo/bang/{records}.xlsx", HTTP_HOST=SOTUPHAP).content))
    assert list(sheet.active.iter_rows(values_only=True)) == [("Thủ tục", "Hồ sơ tiếp nhận"),
                                                              ("Chứng thực bản sao", "1250")]
    # The province lists the department's table too; the department never serves the province's.
    assert client.get(f"/du-lieu-mo/bang/{records}.csv", HTTP_HOST=PROVINCE).status_code == 200
    assert client.get(f"/du-lieu-mo/bang/{population}.csv", HTTP_HOST=SOTUPHAP).status_code == 404
    assert client.get(f"/du-lieu-mo/bang/{hidden}.csv", HTTP_HOST=SOTUPHAP).status_code == 404
    assert client.get(f"/du-lieu-mo/bang/{DocumentFactory().pk}.csv", HTTP_HOST=PROVINCE).status_code == 404


def test_catalogue_page_lists_and_filters_in_vietnamese(scenario, client):
    html = client.get("/du-lieu-mo/", HTTP_HOST=PROVINCE).content.decode()
    assert "Dữ liệu mở" in html and "Dân số 2025" in html and "Hồ sơ hành chính tư pháp" in html
    assert "01/09/2026" in html  # next review: six months after 01/03/2026
    html = client.get("/du-lieu-mo/", {"co-quan": "sotuphap"}, HTTP_HOST=PROVINCE).content.decode()
    assert "Hồ sơ hành chính tư pháp" in html and "Dân số 2025" not in html
    html = client.get("/du-lieu-mo/", {"tan-suat": "ANNUAL"}, HTTP_HOST=PROVINCE).content.decode()
    assert "Dân số 2025" in html and "Hồ sơ hành chính tư pháp" not in html


def test_review_falls_due_six_months_after_the_last_and_reminds_the_board(scenario, client):
    portals = scenario[0]
    assert months_after(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert review_due_on(datetime.date(2026, 3, 1)) == datetime.date(2026, 9, 1)
    assert not review_is_due(datetime.date(2026, 3, 1), today=datetime.date(2026, 8, 31))
    assert review_is_due(datetime.date(2026, 3, 1), today=datetime.date(2026, 9, 1))
    head = board_member(portals.units["sotuphap"], BoardRole.HEAD)
    # The department never reviewed its catalogue: due at once; the province's is due from 01/09/2026.
    assert [(unit.slug, due) for unit, due in catalogues_due(head, today=datetime.date(2026, 8, 1))] == [
        ("sotuphap", None)]
    province_head = board_member(portals.units["bacninh"], BoardRole.HEAD)
    assert catalogues_due(province_head, today=datetime.date(2026, 8, 1)) == []
    client.force_login(head)
    assert "open-data-review" in client.get(reverse("wagtailadmin_home")).content.decode()


def test_each_board_edits_only_its_own_datasets(scenario, client):
    portals = scenario[0]
    theirs = OpenDataset.objects.create(unit=portals.units["bacninh"], title="Của tỉnh", description="x",
                                        issued=datetime.date(2026, 1, 1), modified=datetime.date(2026, 1, 1))
    client.force_login(board_member(portals.units["sotuphap"], BoardRole.MEMBER))
    listing = client.get(reverse("open_datasets:index")).content.decode()
    assert "Hồ sơ hành chính tư pháp" in listing and "Của tỉnh" not in listing
    assert client.get(reverse("open_datasets:edit", args=[theirs.pk])).status_code in (302, 403, 404)
    form = client.get(reverse("open_datasets:add")).content.decode()
    assert "Sở Tư pháp" in form and "Ủy ban nhân dân tỉnh Bắc Ninh" not in form
