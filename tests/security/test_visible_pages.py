"""``visible_pages`` decides on tree paths (issue #24): the same pages as Wagtail's
``explorable_instances`` plus the ancestors of the pages a user explores from, for
every role of a board, and for a user on two boards (whose permission pages have a
higher common ancestor); building it costs no query beyond the permissions Wagtail
caches on the user for the request."""

from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from security.admin_guard import visible_pages
from tenants.models import BoardRole
from tests.factories import board_member
from tests.security.conftest import OTHER, OWN


def wagtails_visible(user) -> set[int]:
    """The pages the guard showed before issue #24, by Wagtail's own querysets."""
    policy = PagePermissionPolicy()
    pages = set(policy.explorable_instances(user).values_list("pk", flat=True))
    for root in policy.instances_with_direct_explore_permission(user):
        pages |= set(Page.objects.ancestor_of(root).values_list("pk", flat=True))
    return pages


def test_visible_pages_are_wagtails_explorable_pages_and_their_ancestors(portals, django_assert_max_num_queries):
    own, other = portals.units[OWN], portals.units[OTHER]
    users = {role: board_member(own, role=role) for role in BoardRole.values}
    both = board_member(own, role=BoardRole.HEAD)
    both.groups.add(other.board_groups.get(role=BoardRole.MEMBER).group)
    users["head here, member of the province"] = both
    own_pages = set(Page.objects.descendant_of(own.site.root_page, inclusive=True).values_list("pk", flat=True))
    other_pages = set(Page.objects.descendant_of(other.site.root_page, inclusive=True).values_list("pk", flat=True))
    for label, user in users.items():
        expected = wagtails_visible(user)
        fresh = type(user).objects.get(pk=user.pk)  # nothing cached on it yet
        with django_assert_max_num_queries(1):  # the permissions, which Wagtail's views load anyway
            pages = visible_pages(fresh)
        assert set(pages.values_list("pk", flat=True)) == expected, label
        if label in (BoardRole.HEAD, BoardRole.MEMBER):
            assert own_pages <= expected and not (other_pages - {other.site.root_page_id}) & expected, label
    assert other_pages <= wagtails_visible(both)
