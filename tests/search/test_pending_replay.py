"""The queue of missed index updates replays itself once the engine answers again, and
editors see it while it waits (issue #4, robustness; issue #9 item 4, faults).

The engine tests run on the real engines (``engine``, tests/search/conftest.py); the
others point the backend at a closed port, or need no engine at all.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django_tasks import default_task_backend
from django_tasks.signals import task_enqueued
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search import services
from search.models import PendingIndexUpdate
from search.wagtail_hooks import MESSAGE_PAGE_QUEUED, REPAIR_COMMAND
from tests.cms.factories import NewsPageFactory, rich_body

CLOSED_PORT_URL = "http://127.0.0.1:9"
REPLAY_TASK = "pending_replay_task"
PANEL_ID = "search-pending-index-updates"


@pytest.fixture(autouse=True)
def replay_guard():
    """The guard lives in the process-wide memory cache: each test starts without it."""
    cache.delete(services.PENDING_REPLAY_GUARD_KEY)
    yield
    cache.delete(services.PENDING_REPLAY_GUARD_KEY)


@pytest.fixture
def replays_enqueued():
    """The replay tasks enqueued during the test (their ids), in order."""
    enqueued = []

    def receiver(sender, task_result, **kwargs):
        if task_result.task.name == REPLAY_TASK:
            enqueued.append(task_result.id)

    task_enqueued.connect(receiver, weak=False)
    yield enqueued
    task_enqueued.disconnect(receiver)


def down(backends: dict) -> dict:
    """The same backends with the default one pointing at a closed port."""
    return {**backends, "default": {**backends["default"], "URLS": [CLOSED_PORT_URL], "TIMEOUT": 1}}


def news(portals, title, *, unit="bacninh"):
    return NewsPageFactory(parent=portals.section(unit, "tin-tuc"), title=title, body=rich_body("Nội dung."))


def queued_ids() -> set[str]:
    return set(PendingIndexUpdate.objects.values_list("object_id", flat=True))


def engine_ids(query: str) -> set[int]:
    return {page.pk for page in get_search_backend().search(query, Page.objects.all(), operator="and")}


# --- replay (real engine) -----------------------------------------------------------------


@pytest.mark.services
def test_the_queue_replays_itself_once_an_update_succeeds(engine, portals, settings, replays_enqueued):
    up = settings.WAGTAILSEARCH_BACKENDS
    old = news(portals, "Thông báo mất điện khu cũ")
    engine.refresh()
    assert engine_ids("mat dien") == {old.pk}

    settings.WAGTAILSEARCH_BACKENDS = down(up)
    missed = [news(portals, "Thông báo mất điện khu A"), news(portals, "Thông báo mất điện khu B", unit="xa-a")]
    old_pk = old.pk
    old.delete()
    assert queued_ids() == {str(page.pk) for page in missed} | {str(old_pk)}
    assert replays_enqueued == []  # failures enqueue nothing

    # The engine is back: the next publication goes in and brings the queue with it.
    settings.WAGTAILSEARCH_BACKENDS = up
    later = news(portals, "Thông báo mất điện khu C")
    assert not PendingIndexUpdate.objects.exists()  # no command run
    assert len(replays_enqueued) == 1  # the replay's own updates enqueued no other

    engine.refresh()
    assert engine_ids("mat dien") == {page.pk for page in missed} | {later.pk}  # the deleted one is gone


@pytest.mark.services
def test_a_burst_of_updates_enqueues_one_replay_for_the_worker(engine, portals, settings):
    up = settings.WAGTAILSEARCH_BACKENDS
    settings.WAGTAILSEARCH_BACKENDS = down(up)
    missed = [news(portals, f"Kế hoạch phòng chống bão số {n}") for n in (1, 2)]
    assert queued_ids() == {str(page.pk) for page in missed}

    # As in production: the updates run in the worker, which only queues the replay.
    settings.WAGTAILSEARCH_BACKENDS = up
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = get_search_backend()
    sections = list(portals.sections["bacninh"].values())[:6]
    assert len(sections) == 6
    for section in sections:
        backend.add(section)
    replays = [result for result in default_task_backend.results if result.task.name == REPLAY_TASK]
    assert len(replays) == 1
    assert replays[0].args == [] and replays[0].kwargs == {}
    assert queued_ids() == {str(page.pk) for page in missed}  # not run yet

    assert replays[0].task.call() == 2  # what the worker runs
    assert not PendingIndexUpdate.objects.exists()
    engine.refresh()
    assert engine_ids("phong chong bao") == {page.pk for page in missed}


@pytest.mark.services
def test_the_replay_does_not_recurse_without_the_cache_guard(engine, portals, settings, replays_enqueued):
    up = settings.WAGTAILSEARCH_BACKENDS
    settings.WAGTAILSEARCH_BACKENDS = down(up)
    missed = news(portals, "Thông báo lịch tiếp công dân")
    assert queued_ids() == {str(missed.pk)}

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}  # add() always True
    settings.WAGTAILSEARCH_BACKENDS = up
    news(portals, "Thông báo khác")
    assert not PendingIndexUpdate.objects.exists()
    assert len(replays_enqueued) == 1


# --- the guard (no engine) ----------------------------------------------------------------


def test_the_replay_is_enqueued_at_most_once_per_interval(settings, portals, replays_enqueued):
    settings.WAGTAILSEARCH_BACKENDS = down(settings.WAGTAILSEARCH_BACKENDS)
    page = news(portals, "Thông báo khi máy tìm kiếm ngừng")
    assert queued_ids() == {str(page.pk)}
    assert replays_enqueued == []

    # Successes while the guard holds: one replay (run at once here; the engine is still
    # down for it, so the row stays and counts the attempt).
    assert [services.index_update_succeeded() for _ in range(5)] == [True, False, False, False, False]
    assert len(replays_enqueued) == 1
    assert PendingIndexUpdate.objects.get().attempts == 1

    # The interval has passed: the next success enqueues the replay again.
    cache.delete(services.PENDING_REPLAY_GUARD_KEY)
    assert services.index_update_succeeded()
    assert len(replays_enqueued) == 2
    assert PendingIndexUpdate.objects.get().attempts == 2


def test_an_empty_queue_costs_one_query(db, django_assert_num_queries, replays_enqueued):
    with django_assert_num_queries(1):
        assert not services.index_update_succeeded()
    assert replays_enqueued == []
    assert cache.get(services.PENDING_REPLAY_GUARD_KEY) is None  # the guard waits for a queue


def test_a_broken_cache_never_fails_the_update(db, monkeypatch, replays_enqueued):
    class BrokenCache:
        def add(self, *args, **kwargs):
            raise ConnectionError("redis is down")

    PendingIndexUpdate.objects.create(model_label="cms.newspage", object_id="1", action="add")
    monkeypatch.setattr(services.outage, "cache", BrokenCache())
    assert services.index_update_succeeded() is False
    assert replays_enqueued == []


# --- what editors see (no engine) ----------------------------------------------------------


def queue(*object_ids):
    for object_id in object_ids:
        PendingIndexUpdate.objects.create(model_label="cms.newspage", object_id=str(object_id), action="add")


def waiting_paragraph(html: str) -> str | None:
    found = re.search(r"<p data-search-pending-count>(.*?)</p>", html, re.S)
    return found.group(1) if found else None


def test_the_dashboard_shows_the_queue_while_it_is_not_empty(admin_client, database_search):
    home = reverse("wagtailadmin_home")
    html = admin_client.get(home).content.decode()
    assert PANEL_ID not in html

    queue(101, 102, 103)
    html = admin_client.get(home).content.decode()
    assert PANEL_ID in html
    assert re.search(r"\b3\b", waiting_paragraph(html))
    assert REPAIR_COMMAND in html  # a superuser is told the command

    PendingIndexUpdate.objects.all().delete()
    assert PANEL_ID not in admin_client.get(home).content.decode()


def test_editors_see_the_queue_without_the_command(db, client, database_search):
    editor = get_user_model().objects.create_user("bientap", "bientap@bacninh.gov.vn", "mat-khau")
    editor.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    client.force_login(editor)
    queue(7)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert PANEL_ID in html and re.search(r"\b1\b", waiting_paragraph(html))
    assert REPAIR_COMMAND not in html


def message_texts(message) -> set[str]:
    texts = set()
    for language in ("en", "vi"):
        with translation.override(language):
            texts.add(str(message))
    return texts


def test_the_edit_view_warns_about_a_queued_page(admin_client, database_search, portals):
    queued, indexed = news(portals, "Trang đang chờ"), news(portals, "Trang đã có trong tìm kiếm")
    queue(queued.pk)

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[queued.pk]))
    assert response.status_code == 200
    shown = {str(message) for message in get_messages(response.wsgi_request)}
    assert shown & message_texts(MESSAGE_PAGE_QUEUED)
    assert any(escape(text) in response.content.decode() for text in message_texts(MESSAGE_PAGE_QUEUED))

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[indexed.pk]))
    assert response.status_code == 200
    assert not {str(message) for message in get_messages(response.wsgi_request)} & message_texts(MESSAGE_PAGE_QUEUED)
