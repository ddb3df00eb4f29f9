"""Admin views aimed at another portal's pages or media answer 404 (issue #16 item 2).

Wagtail's stock admin is not tenant-aware everywhere: the page chooser browses any
parent and lists its children with their latest draft titles, ``chosen-multiple`` and
the bulk action confirmation pages print the title of any id they are given. Rather
than override each view, ``AdminObjectGuardMiddleware`` reads the ids an admin URL
carries (its path parameters and ``?id=`` / ``?childOf=``) and answers 404, without a
title, for a page the user may not explore or a document or image the user holds no
permission on. ``page_chooser_queryset`` (the ``construct_page_chooser_queryset`` hook)
keeps the chooser's listings and search to the same pages. Superusers see everything.
``tests/security/test_isolation_admin_urls.py`` requests every admin URL the resolver
knows with another portal's ids.
"""

import posixpath

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

ADMIN_ROUTE_PREFIX = "admin/"
MEDIA_ACTIONS = ["add", "change", "delete", "choose"]

# Path parameters that always hold a page, an image or a document id.
PAGE_PARAMS = {"page_id", "parent_page_id", "page_to_move_id", "page_pk", "destination_id"}
IMAGE_PARAMS = {"image_id"}
DOCUMENT_PARAMS = {"document_id", "doc_id"}
# A ``pk`` parameter's kind, by the start of the URL's namespaced name.
PK_KINDS = (
    ("wagtailadmin_pages:", "page"), ("wagtailadmin_api:pages", "page"),
    ("wagtailimages", "image"), ("wagtailadmin_api:images", "image"),
    ("wagtaildocs", "document"), ("wagtailadmin_api:documents", "document"),
)
# Reports that span every portal with no way to narrow them to one: the page types usage
# report names each type's last edited page, another portal's draft title included.
SUPERUSER_ONLY = {"wagtailadmin_reports:page_types_usage", "wagtailadmin_reports:page_types_usage_results"}
# URLs whose ``?id=`` names objects, and of which kind.
ID_QUERY_KINDS = {
    "wagtailadmin_choose_page_chosen_multiple": "page",
    "wagtailimages_chooser:chosen_multiple": "image",
    "wagtaildocs_chooser:chosen_multiple": "document",
}
BULK_KINDS = {("wagtailcore", "page"): "page", ("wagtailimages", "image"): "image",
              ("wagtaildocs", "document"): "document"}


# Wagtail's explore permissions (PagePermissionPolicy.explorable_instances).
EXPLORE_CODENAMES = frozenset(f"{action}_page" for action in ("add", "change", "publish", "lock", "unlock",
                                                               "bulk_delete"))


def _common_ancestor_path(paths: set[str]) -> str:
    """Tree path of the first common ancestor of the pages at ``paths`` ("" for the
    root), as ``Page.objects.first_common_ancestor_of`` finds it, without a query."""
    parents = [path[: -Page.steplen] for path in paths]
    prefix = posixpath.commonprefix(parents) if parents else ""
    return prefix[: len(prefix) - len(prefix) % Page.steplen]


def visible_pages(user):
    """Pages ``user`` may see in the admin: those it may explore (Wagtail's
    ``explorable_instances``: below a page it may add, change, publish… on, and the
    ancestors of its permission pages under their common ancestor), and every ancestor
    of the pages it may explore from (the tree's root and the provincial root, which
    the chooser walks through).

    Decided on tree paths from the permissions Wagtail caches on the user for the
    request: no query of its own, and one simple filter instead of subqueries (issue
    #24: bench/admin_guard.py measured the subqueries at 3 queries and 4–15 % of an
    admin request on the demo).
    """
    if not user.is_active:
        return Page.objects.none()
    if user.is_superuser:
        return Page.objects.all()
    perms = PagePermissionPolicy().get_cached_permissions_for_user(user)
    granted = {perm.page.path for perm in perms}
    roots = {perm.page.path for perm in perms if perm.permission.codename in EXPLORE_CODENAMES}
    top = _common_ancestor_path(granted)

    def ancestors(path: str) -> set[str]:
        return {path[:end] for end in range(Page.steplen, len(path), Page.steplen)}

    paths = {path for page in granted for path in ancestors(page) if path.startswith(top)}
    paths |= {path for root in roots for path in ancestors(root)}
    visible = Q(path__in=paths)
    for root in roots:
        visible |= Q(path__startswith=root)
    return Page.objects.filter(visible)


def _visible(user, kind: str, ids: list[str]) -> bool:
    pks = {int(pk) for pk in ids if str(pk).isdigit()}
    if not pks:
        return True
    if kind == "page":
        queryset = visible_pages(user)
    else:
        model = get_image_model() if kind == "image" else get_document_model()
        queryset = policy_registry.get_by_type(model).instances_user_has_any_permission_for(user, MEDIA_ACTIONS)
    return queryset.filter(pk__in=pks).count() == len(pks)


def _path_ids(match) -> list[tuple[str, list[str]]]:
    found = []
    for name, value in match.kwargs.items():
        if name in PAGE_PARAMS:
            found.append(("page", [value]))
        elif name in IMAGE_PARAMS:
            found.append(("image", [value]))
        elif name in DOCUMENT_PARAMS:
            found.append(("document", [value]))
        elif name == "pk":
            kind = next((kind for start, kind in PK_KINDS if match.view_name.startswith(start)), None)
            if kind:
                found.append((kind, [value]))
    return found


def _query_ids(match, request) -> list[tuple[str, list[str]]]:
    if match.view_name == "wagtail_bulk_action":
        kind = BULK_KINDS.get((match.kwargs.get("app_label"), match.kwargs.get("model_name")))
        if kind is None:
            return []
        found = [(kind, request.GET.getlist("id"))]
        if kind == "page" and request.GET.get("childOf"):
            found.append(("page", [request.GET["childOf"]]))
        return found
    kind = ID_QUERY_KINDS.get(match.view_name)
    return [(kind, request.GET.getlist("id"))] if kind else []


def _is_wagtails_view(view_func) -> bool:
    module = getattr(getattr(view_func, "view_class", view_func), "__module__", "") or ""
    return module.split(".", 1)[0] in ("wagtail", "wagtail_localize")


class AdminObjectGuardMiddleware:
    """404 for an admin URL naming a page, image or document the user may not see."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated or user.is_superuser:
            return None
        if not (match.route or "").startswith(ADMIN_ROUTE_PREFIX):
            return None  # the public site (document downloads have their own rule)
        if match.view_name in SUPERUSER_ONLY:
            raise PermissionDenied
        if not _is_wagtails_view(view_func):
            # The project's own admin screens (Q&A, consultations, compliance…) apply their
            # board rules themselves, which reach further than the page tree: the
            # provincial board moderates every portal's consultations.
            return None
        for kind, ids in _path_ids(match) + _query_ids(match, request):
            if not _visible(user, kind, ids):
                raise Http404
        return None


def page_chooser_queryset(pages, request):
    """``construct_page_chooser_queryset``: only pages the user may see (not another
    portal's drafts, private pages or draft titles)."""
    if request.user.is_superuser:
        return pages
    return pages.filter(pk__in=visible_pages(request.user).values("pk"))


def _user_media(queryset, user):
    """The images or documents of ``queryset`` in collections ``user`` holds a permission on
    (a list of ids, so that the admin API's ``?search=`` can hand it to the engine)."""
    if user.is_superuser:
        return queryset
    policy = policy_registry.get_by_type(queryset.model)
    collections = policy.collections_user_has_any_permission_for(user, MEDIA_ACTIONS)
    return queryset.filter(collection__in=list(collections.values_list("pk", flat=True)))


def admin_api_endpoints(router):
    """``construct_admin_api`` (run after Wagtail's): the admin API's pages, images and
    documents endpoints list only what the user may see."""
    from wagtail.admin.api.views import PagesAdminAPIViewSet
    from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
    from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

    class TenantPagesAdminAPIViewSet(PagesAdminAPIViewSet):
        def get_base_queryset(self):
            queryset = super().get_base_queryset()
            user = self.request.user
            if user.is_superuser:
                return queryset
            return queryset.filter(pk__in=list(visible_pages(user).values_list("pk", flat=True)))

    class TenantImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
        def get_queryset(self):
            return _user_media(super().get_queryset(), self.request.user)

    class TenantDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
        def get_queryset(self):
            return _user_media(super().get_queryset(), self.request.user)

    router.register_endpoint("pages", TenantPagesAdminAPIViewSet)
    router.register_endpoint("images", TenantImagesAdminAPIViewSet)
    router.register_endpoint("documents", TenantDocumentsAdminAPIViewSet)
