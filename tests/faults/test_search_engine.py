"""The search engine dies while editors publish (issue #9 item 4).

The real OpenSearch sits behind a FaultProxy; the editor publishes portal home pages
through Wagtail's admin edit view, and the proxy is cut part-way: every publication
succeeds and is live, the editor is told the page will reach search once the engine is
back, and after the engine is back and the queue replayed, every published page is
found in the real engine (counted).
"""

import io
import os
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from search.models import PendingIndexUpdate
from search.parity import fingerprint, index_parity
from search.wagtail_hooks import MESSAGE_INDEX_DEFERRED
from settings.search import search_backends
from tenants.models import Unit
from tests.factories import province_rows, provision
from tests.faults.conftest import require_service
from tests.search.indexes import page_index_reset

pytestmark = [pytest.mark.services, pytest.mark.django_db]

# An index of this module's own, so a concurrent run of tests/search is not disturbed.
INDEX_PREFIX = "portal_test_faults_"
NEW_TITLE = "Cổng thông tin {slug} phiên bản mới"


@pytest.fixture
def engine_behind_proxy(settings, fault_proxy):
    """WAGTAILSEARCH_BACKENDS on the real engine through a proxy; a fresh, empty index."""
    require_service("OPENSEARCH_URLS")
    target = urlsplit(os.environ["OPENSEARCH_URLS"].split(",")[0])
    proxy = fault_proxy(target.hostname, target.port)
    engine = getattr(settings, "SEARCH_BACKEND", "opensearch2")
    backends = search_backends(engine=engine, urls=[proxy.url], index_prefix=INDEX_PREFIX, timeout=2)
    settings.WAGTAILSEARCH_BACKENDS = backends
    index = page_index_reset()
    yield proxy
    proxy.restore()
    index.delete()




@pytest.fixture
def editor(client):
    get_user_model().objects.create_superuser("bientap", "bientap@bacninh.gov.vn", "mat-khau-bien-tap")
    assert client.login(username="bientap", password="mat-khau-bien-tap")
    return client


def publish_from_admin(client, home, title: str):
    """What the editor does: change the title in the edit view and press Publish."""
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[home.pk]),
        {"title": title, "slug": home.slug, "introduction": "", "action-publish": "publish"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return [str(message) for message in get_messages(response.wsgi_request)]


def deferred_message(title: str) -> str:
    with translation.override("vi"):
        return str(MESSAGE_INDEX_DEFERRED % {"title": title})


def test_publishing_while_the_engine_is_down_loses_nothing(engine_behind_proxy, editor):
    proxy = engine_behind_proxy
    provision(province_rows())
    assert proxy.accepted, "the app must reach the engine through the proxy"  # five portals: the province, a department, a district, two communes
    homes = [unit.site.root_page.specific for unit in Unit.objects.select_related("site__root_page").order_by("pk")]
    assert len(homes) == 5
    titles = {home.pk: NEW_TITLE.format(slug=unit_slug(home)) for home in homes}

    # Engine up: published and indexed at once, no warning.
    messages = publish_from_admin(editor, homes[0], titles[homes[0].pk])
    assert not any(deferred_message(titles[homes[0].pk]) == m for m in messages)

    # The engine dies (connections closed, new ones refused) while three more are published.
    proxy.cut()
    for home in homes[1:4]:
        messages = publish_from_admin(editor, home, titles[home.pk])
        assert deferred_message(titles[home.pk]) in messages
    assert PendingIndexUpdate.objects.count() == 3

    # Back: the next publication goes straight in and brings the three queued ones with it
    # (search.tasks.pending_replay_task, run at once in tests): nobody runs a command.
    proxy.restore()
    messages = publish_from_admin(editor, homes[4], titles[homes[4].pk])
    assert deferred_message(titles[homes[4].pk]) not in messages
    assert not PendingIndexUpdate.objects.exists()

    live = Page.objects.filter(pk__in=titles, live=True)
    assert {page.pk: page.title for page in live} == titles  # every publication is live

    # The operator's full check (docs/deploy.md, nightly cron) finds the queue empty.
    out = io.StringIO()
    call_command("search_parity", "--repair", stdout=out, verbosity=0)
    assert "queued updates 0" in out.getvalue()
    assert not PendingIndexUpdate.objects.exists()

    # Counted in the real engine: each published page, in its published version.
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    backend.get_index_for_model(Page).refresh()
    assert index_parity().in_step
    documents = backend.document_fingerprints(Page)
    published = Page.objects.filter(pk__in=titles)
    assert {str(page.pk): fingerprint(page) for page in published} == {
        pk: documents.get(pk) for pk in map(str, titles)
    }
    found = {page.pk for page in backend.search("phien ban moi", Page.objects.live(), operator="and")}
    assert found == set(titles)


def unit_slug(home) -> str:
    return Unit.objects.get(site__root_page=home).slug
