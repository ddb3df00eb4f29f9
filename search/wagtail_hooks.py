"""Tell the editor when a page they publish could not reach the search engine
(issue #9 item 4, faults).

Publishing never waits for the engine: when it is down, the backend queues the page in
``PendingIndexUpdate`` and the page is live at once (issue #4). Without a word the
editor would search for the new page, not find it and publish it again; this warning
says why and that nothing is lost (``search_parity --repair`` replays the queue).
"""

from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from search.models import PendingIndexUpdate

MESSAGE_INDEX_DEFERRED = _(
    "Search engine unreachable: '%(title)s' is published and will appear in search results "
    "once the engine is back; nothing is lost."
)


def index_deferred(page) -> bool:
    """Whether this publication of ``page`` failed to reach the engine and waits in the queue."""
    queued = PendingIndexUpdate.objects.filter(model_label=page._meta.label_lower, object_id=str(page.pk)).first()
    # An older failure, already replayed or superseded by this publication, does not count.
    return queued is not None and (page.last_published_at is None or queued.created_at >= page.last_published_at)


@hooks.register("after_publish_page")
def warn_when_index_deferred(request, page):
    if index_deferred(page):
        messages.warning(request, MESSAGE_INDEX_DEFERRED % {"title": page.get_admin_display_title()})
