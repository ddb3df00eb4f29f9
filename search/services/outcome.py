"""What a search returns: hits, facet counts, the outcome (shared by every step)."""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils import timezone
from wagtail.models import Page


PAGE_SIZE = 20

HOME_DEPTH = 3  # root (1) > provincial root (2) > portal home (3)
HOME_PATH_LENGTH = Page.steplen * HOME_DEPTH


class PortalLabel(NamedTuple):
    """What a facet or a hit shows of a portal's unit."""

    slug: str
    name: str
    short_name: str
    kind: str


@dataclass(frozen=True)
class Hit:
    id: int
    page_type: str  # "app_label.model_name"
    title: str
    url: str
    portal: PortalLabel | None
    section: str
    date: datetime.date | None
    snippet: str  # HTML: escaped text with <mark> around matched words
    also_on: int = 0  # live republished copies on other portals (one hit per document)


@dataclass(frozen=True)
class EngineHit:
    """What the engine returns of a hit besides its id: no page needs loading to show it."""

    snippet: str
    information_date: datetime.date | None


@dataclass
class SearchOutcome:
    hits: list[Hit]
    total: int
    page: int
    num_pages: int
    facets: dict[str, list[dict]] = field(default_factory=dict)
    fallback: bool = False  # True: the engine was down and the database answered
    suggestion: str = ""  # "Có phải bạn muốn tìm: …" (set when the fuzzy fallback answered)
    fuzzy: bool = False  # True: the strict query found too little and the fuzzy fallback ran
    # Hits with every word as typed (or folded) and document-number matches; with
    # ``fuzzy`` they come first, the fallback's closer results after them.
    exact_total: int = 0
    page_size: int = PAGE_SIZE
    # Issue 18 item 5: the board's promoted results for this query and scope (first page only).
    promotions: list = field(default_factory=list)


@dataclass
class FacetCounts:
    """Hits per portal home path, content type id and publication year (local time)."""

    homes: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    years: Counter = field(default_factory=Counter)

    def merged(self, other: "FacetCounts") -> "FacetCounts":
        return FacetCounts(homes=self.homes + other.homes, types=self.types + other.types,
                           years=self.years + other.years)

    def add_page(self, page) -> None:
        if len(page.path or "") >= HOME_PATH_LENGTH:
            self.homes[page.path[:HOME_PATH_LENGTH]] += 1
        self.types[page.content_type_id] += 1
        if page.first_published_at:
            self.years[timezone.localtime(page.first_published_at).year] += 1


@dataclass
class ResultPage:
    """One page of a search: its hit ids (best first), the total and, if asked, facet counts.

    ``engine_hits``: what the engine returned to show each hit (empty on the database).
    ``watch``: page ids the caller wants located (the document-number matches it puts
    first); ``found`` are those among all hits, ``sampled`` those the facets counted.
    """

    ids: list[int]
    total: int
    counts: FacetCounts | None = None
    engine_hits: dict[int, EngineHit] = field(default_factory=dict)
    found: set = field(default_factory=set)
    sampled: set = field(default_factory=set)
