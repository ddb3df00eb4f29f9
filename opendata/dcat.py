"""The catalogue as DCAT-AP (issue #22 item 4), built with rdflib and served as Turtle
and JSON-LD. Validated in the tests against the official DCAT-AP 3.0.0 SHACL shapes
(``opendata/shapes/dcat-ap-3.0.0``, provenance in ``opendata/shapes/README.md``).

Every IRI is stable and names the publishing portal's own host (``https://<hostname>/``,
whatever alias the visitor used): the dataset is ``<portal>/du-lieu-mo/#<key>``, each
distribution ``<portal>/du-lieu-mo/bang/<document id>.<csv|xlsx|json>``, so the provincial
catalogue and a department's describe the department's dataset with the same IRIs. The
access and download URLs are where the visitor can fetch the file (the same in
production; the ``*.localhost`` alias in development)."""

from __future__ import annotations

import datetime

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from opendata.rules import EU_FILE_TYPE, EU_FREQUENCY
from opendata.selectors import Entry

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
ADMS_PUBLISHER_TYPE = "http://purl.org/adms/publishertype/"
EU_LANGUAGE_VIE = URIRef("http://publications.europa.eu/resource/authority/language/VIE")
IANA = "http://www.iana.org/assignments/media-types/"
# Format → (EU file type, IANA media type).
FORMAT_TERMS = {
    "csv": ("CSV", "text/csv"),
    "xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "json": ("JSON", "application/json"),
}
CATALOGUE_PATH = "du-lieu-mo/"
JSONLD_CONTEXT = {"dcat": str(DCAT), "dct": str(DCTERMS), "foaf": str(FOAF), "vcard": str(VCARD),
                  "xsd": str(XSD)}


def table_url(portal: str, document_id: int, fmt: str) -> str:
    return f"{portal}{CATALOGUE_PATH}bang/{document_id}.{fmt}"


def _vi(text: str) -> Literal:
    return Literal(text, lang="vi")


def _date(day: datetime.date) -> Literal:
    return Literal(day.isoformat(), datatype=XSD.date)


def _language(graph: Graph) -> URIRef:
    graph.add((EU_LANGUAGE_VIE, RDF.type, DCTERMS.LinguisticSystem))  # the range of dct:language
    return EU_LANGUAGE_VIE


def canonical_portal(unit) -> str:
    return f"https://{unit.hostname}/"


def _publisher(graph: Graph, unit) -> URIRef:
    agent = URIRef(f"{canonical_portal(unit)}#co-quan")
    if (agent, RDF.type, FOAF.Agent) not in graph:
        graph.add((agent, RDF.type, FOAF.Agent))
        graph.add((agent, FOAF.name, _vi(unit.name)))
        publisher_type = URIRef(f"{ADMS_PUBLISHER_TYPE}LocalAuthority")
        graph.add((agent, DCTERMS.type, publisher_type))
        # DCAT-AP 3 gives dct:type the range skos:Concept, which must carry a skos:prefLabel.
        graph.add((publisher_type, RDF.type, SKOS.Concept))
        graph.add((publisher_type, SKOS.prefLabel, Literal("Local Authority", lang="en")))
    return agent


def _dataset(graph: Graph, entry: Entry, *, portal: str, licence: URIRef) -> URIRef:
    """``portal``: where the visitor reaches the publisher's portal (download links)."""
    iri = canonical_portal(entry.unit)
    dataset = URIRef(f"{iri}{CATALOGUE_PATH}#{entry.key}")
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCTERMS.identifier, Literal(str(dataset))))
    graph.add((dataset, DCTERMS.title, _vi(entry.title)))
    graph.add((dataset, DCTERMS.description, _vi(entry.description)))
    graph.add((dataset, DCTERMS.publisher, _publisher(graph, entry.unit)))
    graph.add((dataset, DCTERMS.issued, _date(entry.issued)))
    graph.add((dataset, DCTERMS.modified, _date(entry.modified)))
    graph.add((dataset, DCTERMS.language, _language(graph)))
    frequency = URIRef(f"{EU_FREQUENCY}{entry.frequency}")
    graph.add((dataset, DCTERMS.accrualPeriodicity, frequency))
    graph.add((frequency, RDF.type, DCTERMS.Frequency))
    for word in entry.keywords:
        graph.add((dataset, DCAT.keyword, _vi(word)))
    if entry.landing_url:
        landing = URIRef(entry.landing_url)
        graph.add((dataset, DCAT.landingPage, landing))
        graph.add((landing, RDF.type, FOAF.Document))
    contact = BNode()
    graph.add((dataset, DCAT.contactPoint, contact))
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, RDF.type, VCARD.Kind))  # the range DCAT-AP gives dcat:contactPoint
    graph.add((contact, VCARD.fn, _vi(entry.unit.name)))
    graph.add((contact, VCARD.hasURL, URIRef(iri)))
    for table in entry.tables:
        for fmt, (file_type, media_type) in FORMAT_TERMS.items():
            url = URIRef(table_url(iri, table.document_id, fmt))
            link = URIRef(table_url(portal, table.document_id, fmt))
            graph.add((dataset, DCAT.distribution, url))
            graph.add((url, RDF.type, DCAT.Distribution))
            graph.add((url, DCTERMS.title, _vi(f"{table.title} ({file_type})")))
            # DCAT-AP 3 gives both URLs the range rdfs:Resource and its shapes check the
            # class without inference, so the type is stated.
            graph.add((link, RDF.type, RDFS.Resource))
            graph.add((url, DCAT.accessURL, link))
            graph.add((url, DCAT.downloadURL, link))
            graph.add((url, DCTERMS.format, URIRef(f"{EU_FILE_TYPE}{file_type}")))
            graph.add((URIRef(f"{EU_FILE_TYPE}{file_type}"), RDF.type, DCTERMS.MediaTypeOrExtent))
            graph.add((url, DCAT.mediaType, URIRef(f"{IANA}{media_type}")))
            graph.add((URIRef(f"{IANA}{media_type}"), RDF.type, DCTERMS.MediaType))
            graph.add((url, DCTERMS.license, licence))
            graph.add((url, DCTERMS.issued, _date(entry.issued)))
            graph.add((url, DCTERMS.modified, _date(entry.modified)))
    return dataset


def catalogue_graph(*, catalogue, entries: list[Entry], portal_of) -> Graph:
    """The DCAT-AP graph of ``catalogue`` (an ``OpenDataCatalogue``) listing ``entries``;
    ``portal_of(unit)`` gives a unit's portal address ("https://host/")."""
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("vcard", VCARD)
    unit = catalogue.unit
    portal = canonical_portal(unit)
    node = URIRef(f"{portal}{CATALOGUE_PATH}")
    licence = URIRef(catalogue.licence)
    graph.add((licence, RDF.type, DCTERMS.LicenseDocument))
    graph.add((node, RDF.type, DCAT.Catalog))
    graph.add((node, DCTERMS.title, _vi(f"Danh mục dữ liệu mở – {unit.name}")))
    graph.add((node, DCTERMS.description, _vi(catalogue.description or
                                               f"Dữ liệu mở do {unit.name} công bố (Nghị định 47/2020/NĐ-CP).")))
    graph.add((node, DCTERMS.publisher, _publisher(graph, unit)))
    graph.add((node, DCTERMS.language, _language(graph)))
    graph.add((node, DCTERMS.license, licence))
    graph.add((node, FOAF.homepage, URIRef(portal)))
    graph.add((URIRef(portal), RDF.type, FOAF.Document))
    if catalogue.last_reviewed_on:
        # The catalogue changes when it is reviewed (Nghị định 47/2020, Điều 20.3).
        graph.add((node, DCTERMS.modified, _date(catalogue.last_reviewed_on)))
    for entry in entries:
        graph.add((node, DCAT.dataset, _dataset(graph, entry, portal=portal_of(entry.unit), licence=licence)))
    return graph


def catalogue_serialize(graph: Graph, fmt: str) -> bytes:
    if fmt == "ttl":
        return graph.serialize(format="turtle", encoding="utf-8")
    return graph.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=True, encoding="utf-8")
