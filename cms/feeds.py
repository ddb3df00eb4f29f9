"""RSS feeds of news and legal-document sections (Django's syndication framework).

Each section serves its own feed at ``<section url>feed/`` (a route of the index page),
so a portal's feed lists only that section's live, public pages. Items carry the
page's source attribution (Điều 12) so that sites reusing them cite the portal.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

FEED_ITEMS = 30


def section_feed_items(*, section, limit: int = FEED_ITEMS) -> list:
    """The section's newest live pages that anyone may see (no view restriction)."""
    return list(section.get_items().public()[:limit])


def _as_datetime(day: datetime.date | None) -> datetime.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class SectionFeed(Feed):
    """Base feed of one section page, passed as ``section`` when the feed is called."""

    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, section=None, **kwargs):
        self.request = request
        return super().__call__(request, *args, section=section, **kwargs)

    def get_object(self, request, *args, section=None, **kwargs):
        return section

    def title(self, section):
        home = section.get_parent()
        return f"{section.title} – {home.title}"

    def link(self, section):
        return section.get_full_url(self.request)

    def description(self, section):
        return section.specific.intro or section.title

    def items(self, section):
        return section_feed_items(section=section)

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.source_attribution or None


class NewsFeed(SectionFeed):
    """Tin tức, sự kiện (Điều 8.1.b)."""

    def item_description(self, item):
        text = item.summary or item.search_description
        return f"{text} ({item.source_attribution})" if item.source_attribution else text


class LegalDocumentFeed(SectionFeed):
    """Văn bản (Điều 8.1.e): each item names the document number, issue date and abstract."""

    def item_title(self, item):
        return f"{item.document_number}: {item.title}"

    def item_pubdate(self, item):
        # A document's date is its issue date; publication may come days later.
        return _as_datetime(item.issue_date) or item.first_published_at

    def item_description(self, item):
        parts = [
            f"{_('Document number')}: {item.document_number}",
            f"{_('Issue date')}: {item.issue_date:%d/%m/%Y}",
            f"{_('Issuing authority')}: {item.issuing_authority}",
            item.abstract,
        ]
        if item.source_attribution:
            parts.append(item.source_attribution)
        return " – ".join(parts)

    def item_categories(self, item):
        return [item.get_document_type_display()]
