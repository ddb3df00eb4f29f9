"""The legal-document search tool (Điều 8.1.e)."""

import math


from cms.models.legal_documents import LegalDocumentPage, document_number_key
from tenants.models import Unit
from search.services import facets as facet_counting
from search.services.facets import facet_counts
from search.services.hits import hits_and_facets
from search.services.outcome import PAGE_SIZE, SearchOutcome
from search.services.running import _run

def legal_documents_search(*, query: str = "", number: str = "", document_type: str = "", authority: str = "",
                           date_from=None, date_to=None, portal: Unit | None = None, page: int = 1,
                           page_size: int = PAGE_SIZE) -> SearchOutcome:
    """Legal documents by number, type, issuing authority, issue date and abstract words."""
    queryset = LegalDocumentPage.objects.live().public()
    if portal is not None:
        queryset = queryset.filter(unit=portal)
    if number:
        queryset = queryset.filter(document_number_key=document_number_key(number))
    if document_type:
        queryset = queryset.filter(document_type=document_type)
    if authority:
        queryset = queryset.filter(issuing_authority=authority)
    if date_from:
        queryset = queryset.filter(issue_date__gte=date_from)
    if date_to:
        queryset = queryset.filter(issue_date__lte=date_to)
    if not query:
        ordered = queryset.order_by("-issue_date", "-pk")
        total = ordered.count()
        start = (page - 1) * page_size
        ids = list(ordered.values_list("pk", flat=True)[start:start + page_size])
        sample = ordered if total <= facet_counting.FACET_HIT_LIMIT else ordered[:facet_counting.FACET_HIT_LIMIT]
        counts, fallback, engine_hits = facet_counts(sample.values("pk")), False, {}
    else:
        def run(backend, queryset, order_by_relevance=True):
            return backend.search(query, queryset, operator="and", order_by_relevance=order_by_relevance)

        result, fallback = _run(run, queryset, page=page, page_size=page_size, query=query)
        ids, total, counts, engine_hits = result.ids, result.total, result.counts, result.engine_hits
    hits, facets = hits_and_facets(queryset, ids, query=query, engine_hits=engine_hits, counts=counts)
    return SearchOutcome(hits=hits, total=total, page=page, num_pages=max(1, math.ceil(total / page_size)),
                         facets=facets, fallback=fallback)
