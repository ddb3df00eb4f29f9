"""The public search page of the reference front end (issue #4).

One box searching every portal (Điều 9), a switch to this portal only, facet links and
the legal-document search form (Điều 8.1.e). The views read the form and hand off to
``search.services``; the notice about the fallback comes from the outcome.
"""

import dataclasses
import datetime

from django.shortcuts import render
from django.utils.http import urlencode
from wagtail.models import Site

from search import services
from search.forms import SCOPE_ALL, SCOPE_ARCHIVED, SCOPE_PORTAL, LegalDocumentSearchForm, SearchForm
from tenants.hosts import url_for_visitor
from tenants.models import Unit
from tenants.selectors import unit_for_site

# The portal facet shows this many portals; the rest sit behind "more…" (issue #17).
PORTAL_FACET_TOP = 10
# Page links either side of the current one.
PAGE_LINKS_AROUND = 2


def current_unit(request) -> Unit | None:
    return unit_for_site(site=Site.find_for_request(request))


def search_page(request):
    data = request.GET.copy()
    if data:
        # The scope radio shows its default when the address does not name one.
        data.setdefault("scope", SCOPE_ALL)
    form = SearchForm(data or None)
    unit = current_unit(request)
    outcome = None
    if form.is_valid():
        data = form.cleaned_data
        if data["scope"] == SCOPE_PORTAL:
            portal = unit
        else:  # no query for a search across all portals (the search page's query count)
            portal = Unit.objects.filter(slug=data["portal"]).first() if data["portal"] else None
        date_from, date_to = data["date_from"], data["date_to"]
        if data["year"]:
            date_from, date_to = datetime.date(data["year"], 1, 1), datetime.date(data["year"], 12, 31)
        outcome = services.pages_search(
            query=data["q"], portal=portal, kind=data["kind"], section=data["section"],
            page_type=data["type"] if data["type"] in services_page_types() else "",
            date_from=date_from, date_to=date_to, page=data["page"] or 1,
            archived=data["scope"] == SCOPE_ARCHIVED,
        )
        hits_for_visitor(outcome, request)
        if (data["page"] or 1) == 1:  # issue 18: the week's queries of the portal searched on
            services.query_record(query=data["q"], portal=unit, found=outcome.total)
    links = facet_links(request, outcome)
    return render(request, "search/search_page.html", {
        "form": form, "outcome": outcome, "unit": unit, "facet_links": links,
        "portal_facet_top": links.get("portal", [])[:PORTAL_FACET_TOP],
        "portal_facet_more": links.get("portal", [])[PORTAL_FACET_TOP:],
        "facets_active": any(request.GET.get(param) for param in FACET_PARAMS.values()),
        "page_links": page_links(request, outcome),
        "suggestion_url": suggestion_url(request, outcome),
    })


def suggestion_url(request, outcome) -> str:
    """The same search with the suggested words ("Có phải bạn muốn tìm"), first page."""
    if outcome is None or not outcome.suggestion:
        return ""
    query = {k: v for k, v in request.GET.items() if k != "page"}
    query["q"] = outcome.suggestion
    return "?" + urlencode(query)


def hits_for_visitor(outcome, request) -> None:
    """Hit links on the host the visitor came by (an alias, 127.0.0.1), not only on
    each portal's real hostname (tenants.hosts, issue #17)."""
    outcome.hits = [dataclasses.replace(hit, url=url_for_visitor(url=hit.url, request=request)) for hit in outcome.hits]
    outcome.promotions = [dataclasses.replace(p, url=url_for_visitor(url=p.url, request=request))
                          for p in outcome.promotions]


def legal_documents_page(request):
    form = LegalDocumentSearchForm(request.GET or None)
    outcome = None
    if form.is_valid() and any(v for k, v in form.cleaned_data.items() if k != "page"):
        data = form.cleaned_data
        outcome = services.legal_documents_search(
            query=data["q"], number=data["number"], document_type=data["document_type"],
            authority=data["authority"], date_from=data["date_from"], date_to=data["date_to"], page=data["page"] or 1,
        )
        hits_for_visitor(outcome, request)
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
    """Links to the first, previous, nearby, next and last pages of results; ``gap``
    entries stand for the pages left out."""
    if outcome is None or outcome.num_pages <= 1:
        return []
    current, last = outcome.page, outcome.num_pages
    shown = sorted({1, last, *range(max(1, current - PAGE_LINKS_AROUND), min(last, current + PAGE_LINKS_AROUND) + 1)})

    def url(number):
        query = {k: v for k, v in request.GET.items() if k != "page"}
        query["page"] = number
        return "?" + urlencode(query)

    links = []
    if current > 1:
        links.append({"rel": "prev", "number": current - 1, "url": url(current - 1)})
    previous = 0
    for number in shown:
        if number - previous > 1:
            links.append({"gap": True})
        links.append({"number": number, "url": url(number), "current": number == current})
        previous = number
    if current < last:
        links.append({"rel": "next", "number": current + 1, "url": url(current + 1)})
    return links
