"""Search across every portal (Điều 9, issue #4).

``pages_search`` is the one entry point of the public API and the search page. Every
filter maps onto a real column of ``wagtailcore_page`` that both the engine and the
database backend can filter on:

- portal -> ``path`` prefix of that unit's home page;
- unit kind -> any of the path prefixes of the homes of that kind;
- section (mandated item, e.g. ``8.1.e``) -> the page types serving it (``content_type``);
- page type -> ``content_type``; locale -> ``locale``;
- dates -> ``first_published_at`` (``information_date`` lives on each page type's own
  table, which a search across all types cannot filter on; the legal-document search
  filters its ``issue_date``).

Facet counts cover the best ``FACET_HIT_LIMIT`` hits on every backend: on the engine
as aggregations in the same request as the page of hits (``sampler`` + terms on the
indexed portal home path, content type and publication date), on the database as one
GROUP BY over the ids of the best hits. Only the current page of hits is loaded from the
database (one query per page type). When the engine does not answer, the search runs on the
database backend and the result says so (``fallback``).

The package has one module per concern (issue #24): ``filters`` (what each filter maps
to), ``engine`` (the engine request and its answer), ``running`` (a page of results with
the database fallback), ``facets``, ``urls`` and ``hits`` (presenting hits), ``pages``
(``pages_search``, autocomplete), ``legal_documents``, ``outage`` (the queue of missed
index updates) and ``queries`` (the week's queries). Every public name stays importable
from ``search.services``.
"""

from cms.models.base import portal_page_models  # noqa: F401 (search.api and search.views ask services for it)
from search.services.outcome import (  # noqa: F401
    EngineHit,
    FacetCounts,
    HOME_DEPTH,
    HOME_PATH_LENGTH,
    Hit,
    PAGE_SIZE,
    PortalLabel,
    ResultPage,
    SearchOutcome,
)
from search.services.filters import (  # noqa: F401
    HIDDEN_PAGES_CACHE_KEY,
    PORTAL_ARCHIVES_CACHE_KEY,
    PRIVATE_PATHS_CACHE_KEY,
    HIDDEN_PAGES_SECONDS,
    content_types_filter,
    day_start,
    empty_sections_q,
    hidden_pages_forget,
    home_paths,
    kind_filter,
    page_type_label,
    pages_queryset,
    portal_filter,
    private_paths_forget,
    private_q,
    republished_counts,
    section_models,
)
from search.services.facets import (  # noqa: F401
    FACET_HIT_LIMIT,
    PORTAL_LABELS_CACHE_KEY,
    PORTAL_LABELS_SECONDS,
    facet_counts,
    facets_from_counts,
    portal_labels,
    portal_labels_forget,
)
from search.services.urls import (  # noqa: F401
    PageUrls,
)
from search.services.engine import (  # noqa: F401
    DISPLAY_SOURCE,
    INFORMATION_DATE_SOURCE,
    MARK_CLOSE,
    MARK_OPEN,
    PORTAL_BUCKETS,
    TYPE_BUCKETS,
    engine_aggregations,
    engine_highlight,
    engine_hit,
    fragment_html,
    restore_spelling,
    snippet_columns,
)
from search.services.running import (  # noqa: F401
    FALLBACK_BACKEND,
    fallback_available,
)
from search.services.hits import (  # noqa: F401
    HIT_COLUMNS,
    hits_and_facets,
    republished_count,
)
from search.services.pages import (  # noqa: F401
    FUZZY_MIN_RESULTS,
    pages_autocomplete,
    pages_search,
    query_suggestion,
)
from search.services.legal_documents import (  # noqa: F401
    legal_documents_search,
)
from search.services.outage import (  # noqa: F401
    PENDING_REPLAY_GUARD_KEY,
    PENDING_REPLAY_INTERVAL,
    index_update_defer,
    index_update_succeeded,
    pending_replay_suppressed,
)
from search.services.queries import (  # noqa: F401
    QUERY_FLUSH_SECONDS,
    QUERY_RECORD_LENGTH,
    QueryReport,
    query_record,
    query_records_discard,
    query_records_flush,
    query_records_flush_due,
    week_of,
    weekly_query_report,
)
