"""reorganisation.batching: the two batching helpers that keep a large plan fast (issue #21 benchmark) keep it
correct too: Wagtail's site root paths are dropped when, and only when, what they are
made of changes; search updates are queued once per object after the commit, none on
a rollback, and the usual per-save updates come back after the block."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import TestCase
from django_tasks import default_task_backend
from wagtail.models import Page, Site
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION

from reorganisation.batching import search_updates_deferred, site_root_paths_kept_while_unchanged
from tenants.models import Unit
from tests.factories import province_rows, provision

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(db):
    provision(province_rows(communes_under_district=("xa-a",)))
    return {u.slug: u for u in Unit.objects.select_related("site")}


def cached_roots():
    return cache.get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)


def test_site_root_paths_survive_saves_that_change_nothing_of_them(units):
    site, home = units["xa-a"].site, Page.objects.get(pk=units["xa-a"].site.root_page_id)
    original = Site.__dict__["clear_site_root_paths_cache"]
    Site.get_site_root_paths()
    with site_root_paths_kept_while_unchanged():
        site.site_name = "Xã A (mới)"
        site.save()
        home.title = "Xã A (mới)"
        home.save()
        assert cached_roots() is not None  # Wagtail alone would have dropped it twice

        site.hostname = "xa-a-moi.bacninh.gov.vn"
        site.save()
        assert cached_roots() is None  # the host is part of the paths: dropped
        roots = Site.get_site_root_paths()
        assert any(r.root_url == "http://xa-a-moi.bacninh.gov.vn" for r in roots)

        Site.objects.create(hostname="xa-a.bacninh.gov.vn", port=80, root_page=home, site_name="Xã A")
        assert cached_roots() is None  # a new site: dropped
    assert Site.__dict__["clear_site_root_paths_cache"] is original
    Site.get_site_root_paths()
    site.save()
    assert cached_roots() is None  # Wagtail's own rule is back


def test_search_updates_are_queued_once_after_commit_and_none_on_rollback(units, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    home = Page.objects.get(pk=units["xa-a"].site.root_page_id).specific
    other = Page.objects.get(pk=units["sotuphap"].site.root_page_id).specific

    def queued():
        return [tuple(r.args) for r in default_task_backend.results if r.task.name.endswith("insert_or_update_object_task")]

    with TestCase.captureOnCommitCallbacks(execute=True):
        with transaction.atomic(), search_updates_deferred():
            for title in ("Xã A", "Xã A mới"):
                home.title = title
                home.save()
            other.save()
            assert queued() == []  # nothing while the plan runs
    label = (home._meta.app_label, home._meta.model_name)
    assert sorted(queued()) == sorted([(*label, str(home.pk)), (other._meta.app_label, other._meta.model_name, str(other.pk))])

    default_task_backend.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic(), search_updates_deferred():
            home.save()
            raise RuntimeError("plan refused half-way")
    assert queued() == []  # rolled back: nothing to index

    home.save()
    assert queued() == [(*label, str(home.pk))]  # the per-save update is back
