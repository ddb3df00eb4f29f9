"""Public views of the open-data catalogue at /du-lieu-mo/ on every portal's host
(issue #22 item 4): the browsable page, the DCAT-AP documents and the table downloads."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET
from wagtail.models import Site

from opendata.dcat import catalogue_graph, catalogue_serialize
from opendata.rules import UpdateFrequency
from opendata.selectors import catalogue_entries, catalogue_licence_label, catalogue_of, catalogue_table
from opendata.tables import FORMATS, table_render, table_rows
from tenants.selectors import portal_url, unit_for_site

RDF_TYPES = {"ttl": "text/turtle; charset=utf-8", "jsonld": "application/ld+json; charset=utf-8"}


def _unit(request):
    from cms.chrome import portal_chrome

    # The portal's unit from its chrome, kept per portal (cms.chrome): no query.
    chrome = portal_chrome(page=None, request=request)
    site = Site.find_for_request(request)
    unit = chrome.unit if chrome is not None and site is not None and getattr(chrome.unit, "site_id", None) == site.pk \
        else unit_for_site(site=site)
    if unit is None:
        raise Http404
    return unit


def _filtered(entries, request):
    query = (request.GET.get("q") or "").strip().lower()
    publisher, frequency = request.GET.get("co-quan", ""), request.GET.get("tan-suat", "")
    return [entry for entry in entries
            if (not query or query in entry.title.lower() or query in entry.description.lower())
            and (not publisher or entry.unit.slug == publisher)
            and (not frequency or entry.frequency == frequency)]


@require_GET
def catalogue_page(request):
    unit = _unit(request)
    catalogue = catalogue_of(unit=unit)
    entries = catalogue_entries(unit=unit)
    publishers = sorted({entry.unit for entry in entries}, key=lambda u: (u.kind != "province", u.name))
    return render(request, "opendata/catalogue.html", {
        "unit": unit, "catalogue": catalogue, "entries": _filtered(entries, request), "total": len(entries),
        "publishers": publishers if len(publishers) > 1 else [], "frequencies": UpdateFrequency.choices,
        "licence_label": catalogue_licence_label(catalogue.licence), "today": timezone.localdate(),
        "filter": {"q": request.GET.get("q", "")}, "filter_publisher": request.GET.get("co-quan", ""),
        "filter_frequency": request.GET.get("tan-suat", ""),
    })


@require_GET
def catalogue_rdf(request, fmt: str):
    unit = _unit(request)
    graph = catalogue_graph(catalogue=catalogue_of(unit=unit), entries=catalogue_entries(unit=unit),
                            portal_of=lambda member: portal_url(unit=member, request=request))
    response = HttpResponse(catalogue_serialize(graph, fmt), content_type=RDF_TYPES[fmt])
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def table_download(request, document_id: int, fmt: str):
    unit = _unit(request)
    table = catalogue_table(unit=unit, document_id=int(document_id))
    if table is None:
        raise Http404
    response = HttpResponse(table_render(table_rows(table.document), fmt), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="bang-{document_id}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
