"""The process-local layer in front of the shared cache (tenants.local_cache, issue 18
latency): a kept value serves a request while the shared token holds; a forget in this
process shows at once, one in another process (simulated: the shared entry and token
changed behind this process's back) on the next request."""

import uuid

import pytest
from django.core.cache import cache
from wagtail.models import Site

from tenants import local_cache
from tenants.hosts import site_root_paths
from tenants.local_cache import LOCAL_TOKEN_KEY, local_forget, local_get, request_began, request_ended


@pytest.fixture
def in_request():
    """Run the test inside a request; ``next_request()`` starts the next one."""
    request_began()
    yield lambda: (request_ended(), request_began())
    request_ended()


def another_process_forgets(*keys):
    """What another process's ``local_forget`` leaves in the shared cache."""
    cache.delete_many(list(keys))
    cache.set(LOCAL_TOKEN_KEY, uuid.uuid4().hex, None)


def test_a_kept_value_holds_until_the_token_changes(in_request):
    built = []

    def build():
        built.append(1)
        return f"value {len(built)}"

    next_request = in_request
    assert local_get("test:local", build, seconds=60) == "value 1"
    cache.set("test:local", "changed behind the layer's back")  # no forget: no one said
    next_request()
    assert local_get("test:local", build, seconds=60) == "value 1"  # kept: one token read

    another_process_forgets("test:local")
    assert local_get("test:local", build, seconds=60) == "value 1"  # this request read its token already
    next_request()
    assert local_get("test:local", build, seconds=60) == "value 2"  # the next one sees the change
    assert built == [1, 1]

    local_forget("test:local")  # this process: seen in the same request
    assert local_get("test:local", build, seconds=60) == "value 3"
    assert cache.get("test:local") == "value 3"


def test_outside_a_request_the_token_is_read_at_each_use():
    assert local_get("test:local", lambda: "old", seconds=60) == "old"
    another_process_forgets("test:local")
    assert local_get("test:local", lambda: "new", seconds=60) == "new"
    cache.clear()  # an emptied (or evicted) shared cache: a new token, nothing kept holds
    assert local_get("test:local", lambda: "after clear", seconds=60) == "after clear"
    assert not getattr(local_cache._state, "in_request", False)


@pytest.mark.django_db
def test_site_root_paths_follow_sites_and_root_pages(in_request):
    """A renamed site or site root page is seen on the next use in this process, and on
    the next request after another process changed it."""
    next_request = in_request
    from wagtail.models import Page

    root = Page.get_first_root_node()
    home = root.add_child(instance=Page(title="Cổng thử", slug="cong-thu"))
    site = Site.objects.create(hostname="cong-thu.example", root_page=home)

    def roots():
        return {(entry.root_url, entry.root_path) for entry in site_root_paths() if entry.site_id == site.pk}

    assert roots() == {("http://cong-thu.example", "/cong-thu/")}
    site.hostname = "cong-moi.example"
    site.save()  # this process
    assert roots() == {("http://cong-moi.example", "/cong-thu/")}
    home.slug = "cong-moi"
    home.save()  # a site root page renamed
    assert roots() == {("http://cong-moi.example", "/cong-moi/")}

    next_request()
    Site.objects.filter(pk=site.pk).update(hostname="cong-khac.example")  # another process, no signal here
    Site.clear_site_root_paths_cache()
    assert roots() == {("http://cong-moi.example", "/cong-moi/")}  # kept until the token changes
    cache.set(LOCAL_TOKEN_KEY, uuid.uuid4().hex, None)  # that process's forget renews it
    next_request()
    assert roots() == {("http://cong-khac.example", "/cong-moi/")}


def test_the_kept_entries_are_bounded(monkeypatch):
    monkeypatch.setattr(local_cache, "MAX_ENTRIES", 3)
    for n in range(5):
        local_get(f"test:bounded:{n}", lambda n=n: n, seconds=60)
    assert len(local_cache._entries) <= 3
    assert local_get("test:bounded:4", lambda: "rebuilt", seconds=60) == 4  # still in the shared cache
