"""Editorial boards (Ban Biên tập): which role may do what, on its own portal only.

Every permission here is granted on the unit's own home page (and so its subtree) or
its own media collection, never globally, so a board of one portal cannot see or
change another portal's pages or media in the admin.
"""

from django.contrib.auth.models import Group, Permission
from django.utils import translation
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from tenants import registry
from tenants.models import BoardGroup, BoardRole, Unit

# Page permissions per role. "add" lets a user create pages and submit them for
# moderation; "change" edit anyone's; "publish" approve and publish. Contributors
# (cộng tác viên) may submit but not publish; the head answers for what is published.
PAGE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    BoardRole.HEAD: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"),
    BoardRole.DEPUTY: ("add_page", "change_page", "publish_page", "lock_page"),
    BoardRole.MEMBER: ("add_page", "change_page"),
    BoardRole.CONTRIBUTOR: ("add_page",),
    # Translators work on the English mirror only (issue #16 item 3), below.
    BoardRole.TRANSLATOR: (),
}

_MEDIA_EDIT = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)
COLLECTION_PERMISSIONS: dict[str, tuple[str, ...]] = {
    BoardRole.HEAD: _MEDIA_EDIT + ("wagtailimages.delete_image", "wagtaildocs.delete_document"),
    BoardRole.DEPUTY: _MEDIA_EDIT + ("wagtailimages.delete_image", "wagtaildocs.delete_document"),
    BoardRole.MEMBER: _MEDIA_EDIT,
    BoardRole.CONTRIBUTOR: (
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ),
    BoardRole.TRANSLATOR: ("wagtailimages.choose_image", "wagtaildocs.choose_document"),
}

GLOBAL_PERMISSIONS = ("wagtailadmin.access_admin",)

# The portal's foreign-language mirror (Điều 8.2.d): the board keeps its grants there,
# and translators add and edit English pages but do not publish them (issue #16 item 3:
# with publish, a translator put any English text online unreviewed). What they submit
# goes through a one-step review by the board proper (head, deputy or member), short
# enough for the 2 working days of Điều 8.2.d.
# Wagtail publishes an approved revision as the approver, so every reviewer of the
# mirror holds publish there (members too, who do not publish Vietnamese pages).
MIRROR_PAGE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    **PAGE_PERMISSIONS,
    BoardRole.MEMBER: PAGE_PERMISSIONS[BoardRole.MEMBER] + ("publish_page",),
    BoardRole.TRANSLATOR: ("add_page", "change_page"),
}

def _permission(label: str, cache: dict[str, Permission]) -> Permission:
    if not cache:
        for perm in Permission.objects.select_related("content_type"):
            cache[f"{perm.content_type.app_label}.{perm.codename}"] = perm
    return cache[label]


def board_group_name(*, unit: Unit, role: str) -> str:
    # Group names are shown in the admin, whose editors read Vietnamese; the slug keeps
    # names unique when two communes share a name.
    with translation.override("vi"):
        label = str(BoardRole(role).label)
    return f"{unit.short_name} – {label} [{unit.slug}]"[:150]


def board_sync(*, unit: Unit, home: Page, collection: Collection, perm_cache: dict) -> bool:
    """Create or update the unit's board groups and their permissions.

    Returns True when anything changed, so provisioning can report idempotence.
    """
    changed = False
    groups: dict[str, Group] = {}
    existing = {bg.role: bg for bg in unit.board_groups.select_related("group")}
    # The portal's foreign-language mirror (Điều 8.2.d, issue #5): translations of the
    # home page are separate trees, so each gets the same grants as the home page.
    mirror_home_ids = list(home.get_translations().values_list("pk", flat=True)) if home.pk else []
    for role in BoardRole.values:
        name = board_group_name(unit=unit, role=role)
        board_group = existing.get(role)
        if board_group is None:
            group = Group.objects.create(name=name)
            BoardGroup.objects.create(unit=unit, role=role, group=group)
            changed = True
        else:
            group = board_group.group
            if group.name != name:
                group.name = name
                group.save(update_fields=["name"])
                changed = True
        groups[role] = group

        wanted_global = {_permission(label, perm_cache).pk for label in GLOBAL_PERMISSIONS}
        have_global = set(group.permissions.values_list("pk", flat=True))
        if wanted_global - have_global:
            group.permissions.add(*(wanted_global - have_global))
            changed = True

        changed |= _sync_rows(
            GroupPagePermission.objects.filter(group=group),
            wanted={(home.pk, _permission(f"wagtailcore.{c}", perm_cache).pk) for c in PAGE_PERMISSIONS[role]}
            | {
                (page_id, _permission(f"wagtailcore.{c}", perm_cache).pk)
                for page_id in mirror_home_ids
                for c in MIRROR_PAGE_PERMISSIONS[role]
            },
            key=lambda row: (row.page_id, row.permission_id),
            create=lambda page_id, perm_id: GroupPagePermission(
                group=group, page_id=page_id, permission_id=perm_id
            ),
        )
        changed |= _sync_rows(
            GroupCollectionPermission.objects.filter(group=group),
            wanted={(collection.pk, _permission(label, perm_cache).pk) for label in COLLECTION_PERMISSIONS[role]},
            key=lambda row: (row.collection_id, row.permission_id),
            create=lambda collection_id, perm_id: GroupCollectionPermission(
                group=group, collection_id=collection_id, permission_id=perm_id
            ),
        )

    changed |= _workflows_sync(unit=unit, home=home, mirror_home_ids=mirror_home_ids, groups=groups)
    return changed


def _sync_rows(queryset, *, wanted: set, key, create) -> bool:
    rows = list(queryset)
    have = {key(row): row for row in rows}
    extra = [row.pk for k, row in have.items() if k not in wanted]
    missing = [create(*k) for k in wanted if k not in have]
    if extra:
        queryset.model.objects.filter(pk__in=extra).delete()
    if missing:
        queryset.model.objects.bulk_create(missing)
    return bool(extra or missing)


def _workflows_sync(*, unit: Unit, home: Page, mirror_home_ids: list[int], groups: dict[str, Group]) -> bool:
    """The portal's moderation workflows (its home page's and its mirror's) are the
    moderation app's, which registers them once the board's groups are up to date
    (tenants.registry; issue #24: tenants imports no app above it). True when anything
    changed."""
    return registry.board_workflow_sync(unit=unit, home=home, mirror_home_ids=mirror_home_ids, groups=groups)
