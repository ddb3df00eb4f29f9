"""Role rules (issue #16 item 3): translators work on the English mirror only and what
they write is reviewed before it is published; contributors and translators of the
province do not oversee other portals; one module holds the board-membership rule,
and provisioning and the data migration give installed portals the same grants."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, WorkflowPage

from cms.coverage import coverage_units_for_user
from consultations import permissions as consultation_permissions
from moderation.services import mirror_workflow_name
from qa import permissions as qa_permissions
from surveys import permissions as survey_permissions
from tenants import membership
from tenants.boards import board_sync
from tenants.models import BoardGroup, BoardRole
from tests.cms.factories import NewsPageFactory, page_publish
from tests.factories import board_member
from translations import permissions as translation_permissions
from translations.models import TranslationTask

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def people(portals):
    return {
        (slug, role): board_member(portals.units[slug], role, username=f"roles.{slug}.{role}")
        for slug in ("bacninh", "sotuphap")
        for role in BoardRole.values
    }


@pytest.fixture
def english_intro(portals, django_capture_on_commit_callbacks):
    """The provincial introduction published in Vietnamese, so its English draft exists."""
    intro = portals.section("bacninh", "gioi-thieu")
    with django_capture_on_commit_callbacks(execute=True):
        page_publish(intro, history="<p>Bắc Ninh là vùng đất Kinh Bắc.</p>")
    assert TranslationTask.objects.filter(source_page=intro).exists()
    return Page.objects.get(translation_key=intro.translation_key, locale__language_code="en").specific


# --- Translators and the Vietnamese tree ------------------------------------------------


@pytest.mark.parametrize("slug", ["bacninh", "sotuphap"])
def test_translators_cannot_edit_or_add_vietnamese_pages(client, portals, people, slug):
    translator = people[(slug, BoardRole.TRANSLATOR)]
    news = NewsPageFactory(parent=portals.section(slug, "tin-tuc"), title="Tin tiếng Việt")
    home = portals.units[slug].site.root_page

    perms = news.permissions_for_user(translator)
    assert not perms.can_edit() and not perms.can_publish() and not perms.can_delete()
    assert not home.permissions_for_user(translator).can_add_subpage()
    client.force_login(translator)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[news.pk])).status_code in (302, 403, 404)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[news.pk]), {"title": "Đổi", "slug": news.slug})
    news.refresh_from_db()
    assert response.status_code in (302, 403, 404) and news.title == "Tin tiếng Việt"


def test_no_translator_group_holds_a_permission_on_a_vietnamese_home(portals):
    for unit in portals.units.values():
        translator_group = BoardGroup.objects.get(unit=unit, role=BoardRole.TRANSLATOR).group
        assert not GroupPagePermission.objects.filter(group=translator_group, page=unit.site.root_page).exists()


# --- The English mirror goes through review ------------------------------------------


def test_a_translator_edits_but_cannot_publish_english_pages(english_intro, people):
    perms = english_intro.permissions_for_user(people[("bacninh", BoardRole.TRANSLATOR)])
    assert perms.can_edit() and not perms.can_publish()
    # The board keeps its grants there; a translator of another portal has none.
    assert english_intro.permissions_for_user(people[("bacninh", BoardRole.HEAD)]).can_publish()
    assert not english_intro.permissions_for_user(people[("sotuphap", BoardRole.TRANSLATOR)]).can_edit()


def test_the_english_mirror_has_a_one_step_review(english_intro, portals):
    workflow = english_intro.get_workflow()
    assert workflow is not None and workflow.name == mirror_workflow_name(portals.units["bacninh"])
    [task] = [t.specific for t in workflow.tasks]
    reviewers = {bg.role for bg in BoardGroup.objects.filter(group__in=task.groups.all())}
    assert reviewers == set(membership.MIRROR_REVIEW_ROLES)


def test_a_translators_english_page_is_published_only_after_a_member_approves(client, english_intro, people):
    translator = people[("bacninh", BoardRole.TRANSLATOR)]
    client.force_login(translator)

    # wagtail-localize's publish is refused; submitting for review is the way.
    response = client.post(reverse("translations_admin:submit", args=[english_intro.pk]))
    assert response.status_code == 302
    english_intro.refresh_from_db()
    assert not english_intro.live
    state = english_intro.current_workflow_state
    assert state is not None and state.requested_by == translator
    assert state.current_task_state.revision.user == translator  # the translation as submitted

    member = people[("bacninh", BoardRole.MEMBER)]
    client.force_login(member)
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[english_intro.pk, "approve", state.current_task_state.pk]),
        {"comment": ""},
    )
    assert response.status_code in (200, 302), response.content[:500]
    english_intro.refresh_from_db()
    assert english_intro.live and english_intro.live_revision_id == state.current_task_state.revision_id


def test_a_translator_cannot_submit_a_vietnamese_page(client, portals, people):
    client.force_login(people[("bacninh", BoardRole.TRANSLATOR)])
    news = NewsPageFactory(parent=portals.section("bacninh", "tin-tuc"))
    response = client.post(reverse("translations_admin:submit", args=[news.pk]))
    assert response.status_code in (302, 403, 404)
    assert news.current_workflow_state is None


# --- Compliance and coverage: only the board proper oversees other portals -----------


@pytest.mark.parametrize("role", [BoardRole.CONTRIBUTOR, BoardRole.TRANSLATOR])
def test_provincial_contributors_and_translators_cannot_download_other_portals_reports(client, portals, people,
                                                                                       role):
    user = people[("bacninh", role)]
    assert {unit.slug for unit in coverage_units_for_user(user)} == {"bacninh"}
    client.force_login(user)
    response = client.get(reverse("compliance_admin:report"), {"portal": "sotuphap", "format": "xlsx",
                                                              "period": "2026-H1"})
    assert "spreadsheetml" not in response.get("Content-Type", "")
    assert client.get(reverse("compliance_admin:overview")).status_code in (302, 403, 404)


@pytest.mark.parametrize("role", [BoardRole.HEAD, BoardRole.DEPUTY, BoardRole.MEMBER])
def test_the_provincial_board_proper_still_downloads_every_portals_report(client, portals, people, role):
    client.force_login(people[("bacninh", role)])
    response = client.get(reverse("compliance_admin:report"), {"portal": "sotuphap", "format": "xlsx",
                                                              "period": "2026-H1"})
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]


# --- One module for the rule ---------------------------------------------------------


def test_every_app_asks_the_one_membership_module():
    assert qa_permissions.HANDLING_ROLES is membership.BOARD_ROLES
    assert qa_permissions.PUBLISHING_ROLES is membership.PUBLISHING_ROLES
    assert consultation_permissions.MODERATING_ROLES is membership.BOARD_ROLES
    assert survey_permissions.RESULTS_ROLES is membership.BOARD_ROLES
    assert translation_permissions.PROVINCIAL_OVERSIGHT_ROLES is membership.BOARD_ROLES
    # No app reads board groups for a user's memberships on its own any more.
    offenders = [
        str(path.relative_to(ROOT))
        for app in ("qa", "consultations", "translations", "compliance", "surveys", "cms", "search", "transfer")
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and "BoardGroup.objects.filter(group__user" in path.read_text()
    ]
    assert offenders == []


def test_membership_rules(portals, people):
    head, contributor = people[("sotuphap", BoardRole.HEAD)], people[("sotuphap", BoardRole.CONTRIBUTOR)]
    provincial_member = people[("bacninh", BoardRole.MEMBER)]
    provincial_translator = people[("bacninh", BoardRole.TRANSLATOR)]
    sotuphap = portals.units["sotuphap"].pk

    assert membership.holds_role(head, unit_ids={sotuphap})
    assert not membership.holds_role(contributor, unit_ids={sotuphap})
    assert membership.holds_role(provincial_member, unit_ids={sotuphap})  # provincial oversight
    assert not membership.holds_role(provincial_translator, unit_ids={sotuphap})
    assert membership.reaches_every_portal(provincial_member)
    assert not membership.reaches_every_portal(provincial_translator)
    assert membership.on_board_of(contributor, sotuphap)


# --- Provisioning and the data migration ---------------------------------------------


def _grants(unit) -> set:
    return set(
        GroupPagePermission.objects.filter(group__board_group__unit=unit)
        .values_list("group__board_group__role", "page_id", "permission__codename")
    )


def test_provisioning_is_idempotent_and_gives_the_corrected_grants(portals, english_intro):
    unit = portals.units["bacninh"]
    english_home = english_intro.get_parent()
    assert board_sync(unit=unit, home=unit.site.root_page, collection=unit.collection, perm_cache={}) is False
    grants = _grants(unit)
    assert not any(role == BoardRole.TRANSLATOR and page == unit.site.root_page_id for role, page, _ in grants)
    assert (BoardRole.TRANSLATOR, english_home.pk, "change_page") in grants
    assert (BoardRole.TRANSLATOR, english_home.pk, "publish_page") not in grants
    assert (BoardRole.MEMBER, english_home.pk, "publish_page") in grants  # reviewers publish when they approve
    assert WorkflowPage.objects.filter(page=english_home).exists()


def test_the_data_migration_fixes_a_portal_provisioned_before(portals, english_intro):
    unit = portals.units["bacninh"]
    english_home = english_intro.get_parent()
    translator_group = BoardGroup.objects.get(unit=unit, role=BoardRole.TRANSLATOR).group
    # As provisioning left it before issue #16: change on the Vietnamese home, publish
    # on the English one, and no review workflow on the mirror.
    for codename, page in (("add_page", unit.site.root_page), ("change_page", unit.site.root_page),
                           ("publish_page", english_home)):
        GroupPagePermission.objects.create(group=translator_group, page=page,
                                           permission=Permission.objects.get(codename=codename))
    member_group = BoardGroup.objects.get(unit=unit, role=BoardRole.MEMBER).group
    GroupPagePermission.objects.filter(group=member_group, page=english_home,
                                       permission__codename="publish_page").delete()
    WorkflowPage.objects.filter(page=english_home).delete()
    assert english_intro.get_workflow() is None or english_intro.get_workflow().name != mirror_workflow_name(unit)

    migration = importlib.import_module("tenants.migrations.0002_translators_mirror_only")
    migration.forwards(django_apps, None)

    assert not GroupPagePermission.objects.filter(group=translator_group, page=unit.site.root_page).exists()
    assert not GroupPagePermission.objects.filter(group=translator_group, page=english_home,
                                                  permission__codename="publish_page").exists()
    assert GroupPagePermission.objects.filter(group=member_group, page=english_home,
                                              permission__codename="publish_page").exists()
    assert english_intro.get_workflow().name == mirror_workflow_name(unit)
    # And provisioning agrees with what the migration left: nothing to change.
    assert board_sync(unit=unit, home=unit.site.root_page, collection=unit.collection, perm_cache={}) is False
