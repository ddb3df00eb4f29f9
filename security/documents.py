"""Who may download a Wagtail document (issue #9 item 2, issue #8).

Wagtail serves any document to anyone who has its id and file name, and both are
guessable (sequential ids, file names slugged from the title). Issue #8's rule is that
a document becomes public by being published: ``document_is_public`` holds when at
least one live page of the requested portal without a view restriction uses it (a
chooser, a StreamField block, a rich text link, an inline file of the page), as
Wagtail's reference index records it. Anyone else gets 404, so that neither the
document nor its title leaks. Editors who may change or choose documents in its
collection still get it, to preview the pages they are writing.

The reference index is filled when a page is saved (Wagtail's post_save task; in
production queued for ``manage.py db_worker``); data loaded without signals needs
``manage.py rebuild_references_index``. It records what the page row holds, which for
a live page is the published version, so a file only added to a draft stays private.

A page only makes public what its portal may use (issue #16 item 1): a document of the
portal's own library, of the shared library, or of a library shared with its board on
purpose (``security.media.portal_media_collections``). Another portal's document stays
private whichever page links to it.

Wagtail's own ``before_serve_document`` hook for collection view restrictions still
runs after this one. Q&A attachments are not documents: they live in the private
storage and are served by signed URLs (``qa``).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, Exists, OuterRef, Subquery
from django.db.models.functions import Cast, Length, Substr
from django.http import Http404
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.permissions import policy_registry

from security.media import portal_media_collections
from tenants.selectors import unit_for_site

# Editors with one of these on the document's collection see it before it is published.
EDITOR_ACTIONS = ["change", "choose"]


def _by_pages(references):
    """The reference index rows of ``references`` written by pages, each with its
    ``page_id`` as a number (the index keeps object ids as strings)."""
    page_type = ContentType.objects.get_for_model(Page)  # cached by ContentType's manager
    return references.filter(base_content_type=page_type).annotate(page_id=Cast("object_id", BigIntegerField()))


def _pages_using(document):
    """Ids of the pages whose saved content refers to ``document``, as a subquery."""
    return _by_pages(ReferenceIndex.get_references_to(document)).values("page_id")


def _restricted():
    """A view restriction on the outer page or one of its ancestors (an ancestor's
    tree path is a prefix of the page's)."""
    return PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))


def _in_portal(site: Site):
    """The outer page lies under the portal's home or one of its translations (the
    English mirror's home is the Vietnamese home's sibling, not its child)."""
    home_key = Page.objects.filter(pk=site.root_page_id).values("translation_key")
    return Page.objects.filter(translation_key=Subquery(home_key), path=Substr(OuterRef("path"), 1, Length("path")))


def _public_pages(site: Site):
    """Live pages of ``site``'s portal without a view restriction on them or above them."""
    return Page.objects.live().filter(Exists(_in_portal(site))).exclude(Exists(_restricted()))


def _usable_collections(site: Site, model, unit=None):
    return portal_media_collections(unit=unit if unit is not None else unit_for_site(site=site), model=model)


def document_is_public(document, site: Site | None) -> bool:
    """Whether a live, unrestricted page of ``site``'s portal uses ``document``, and the
    portal may use the document's collection (one query each)."""
    if site is None:
        return False
    if not _usable_collections(site, type(document)).filter(pk=document.collection_id).exists():
        return False
    return _public_pages(site).filter(pk__in=_pages_using(document)).exists()


def public_media(queryset, site: Site | None, *, unit=None, collection_ids=None):
    """The documents (or images) of ``queryset`` that ``document_is_public`` would serve on
    ``site``: the public documents and images APIs list what the public may see, and nothing
    whose title would reveal a draft (issue #9; images: issue #16 item 7). The ids are read first (one query) because the API's ``?search=`` hands
    the queryset to the search backend, which filters on plain values only. ``unit``: the
    site's unit when the caller has it already (saves its query); ``collection_ids``: the
    usable collections (``_usable_collections``) the caller narrowed the answer to."""
    if site is None:
        return queryset.none()
    to_documents = ReferenceIndex.objects.filter(
        to_content_type_id=ReferenceIndex._get_base_content_type(queryset.model).pk)
    used = (_by_pages(to_documents).filter(page_id__in=_public_pages(site).values("pk"))
            .values_list("to_object_id", flat=True).distinct())
    if collection_ids is None:
        collection_ids = list(_usable_collections(site, queryset.model, unit).values_list("pk", flat=True))
    return queryset.filter(pk__in=[int(pk) for pk in used], collection__in=collection_ids)


def user_may_preview(user, document) -> bool:
    policy = policy_registry.get_by_type(get_document_model())
    return policy.user_has_any_permission_for_instance(user, EDITOR_ACTIONS, document)


def refuse_unpublished_document(document, request):
    """``before_serve_document`` hook: 404 for a document no public page of this portal
    uses, unless the user edits its collection."""
    if user_may_preview(request.user, document):
        return None
    if not document_is_public(document, Site.find_for_request(request)):
        raise Http404
    return None
