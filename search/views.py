"""The public search page of the reference front end (issue #4).

One box searching every portal (Điều 9), a switch to this portal only, facet links and
the legal-document search form (Điều 8.1.e). The views read the form and hand off to
``search.services``; the notice about the fallback comes from the outcome.
"""

import datetime

from django.shortcuts import render
from django.utils.http import urlencode
from wagtail.models import Site

from search import services
from search.forms import SCOPE_PORTAL, LegalDocumentSearchForm, SearchForm
from tenants.models import Unit
from tenants.selectors import unit_for_site


def current_unit(request) -> Unit | None:
    return unit_for_site(site=Site.find_for_request(request))


def search_page(request):
    form = SearchForm(request.GET or None)
    unit = current_unit(request)
    outcome = None
    if form.is_valid():
        data = form.cleaned_data
        portal = unit if data["scope"] == SCOPE_PORTAL else Unit.objects.filter(slug=data["portal"]).first()
        date_from, date_to = data["date_from"], data["date_to"]
        if data["year"]:
            date_from, date_to = datetime.date(data["year"], 1, 1), datetime.date(data["year"], 12, 31)
        outcome = services.pages_search(
            query=data["q"], portal=portal, kind=data["kind"], section=data["section"],
            page_type=data["type"] if data["type"] in services_page_types() else "",
            date_from=date_from, date_to=date_to, page=data["page"] or 1,
        )
        if (data["page"] or 1) == 1:  # issue 18: the week's queries of the portal searched on
            services.query_record(query=data["q"], portal=unit, found=outcome.total)
    return render(request, "search/search_page.html", {
        "form": form, "outcome": outcome, "unit": unit, "facet_links": facet_links(request, outcome),
        "page_links": page_links(request, outcome),
    })


def legal_documents_page(request):
    form = LegalDocumentSearchForm(request.GET or None)
    outcome = None
    if form.is_valid() and any(v for k, v in form.cleaned_data.items() if k != "page"):
        data = form.cleaned_data
        outcome = services.legal_documents_search(
            query=data["q"], number=data["number"], document_type=data["document_type"],
            authority=data["authority"], date_from=data["date_from"], date_to=data["date_to"], page=data["page"] or 1,
        )
    return render(request, "search/legal_documents_page.html", {
        "form": form, "outcome": outcome, "page_links": page_links(request, outcome),
    })


def services_page_types() -> set[str]:
    return {services.page_type_label(m) for m in services.portal_page_models()}


FACET_PARAMS = {"portal": "portal", "kind": "kind", "section": "section", "type": "type", "year": "year"}


def facet_links(request, outcome) -> dict:
    """Each facet value with the URL that applies it (and resets paging)."""
    if outcome is None:
        return {}
    links = {}
    for facet, param in FACET_PARAMS.items():
        links[facet] = []
        for item in outcome.facets.get(facet, []):
            query = request.GET.copy()
            query[param] = item["value"]
            query.pop("page", None)
            if param == "portal":
                query.pop("scope", None)
            active = request.GET.get(param) == item["value"]
            links[facet].append({**item, "url": "?" + query.urlencode(), "active": active})
    return links


def page_links(request, outcome) -> list[dict]:
    if outcome is None or outcome.num_pages <= 1:
        return []
    links = []
    for number in range(1, outcome.num_pages + 1):
        query = {k: v for k, v in request.GET.items() if k != "page"}
        query["page"] = number
        links.append({"number": number, "url": "?" + urlencode(query), "current": number == outcome.page})
    return links
