"""Export and import of one portal as a zip archive (issue #8 item 7).

Archive layout::

    manifest.json    format, unit, site, collection, pages (tree order), images,
                     documents, submissions (``transfer.submissions``), records
                     (``transfer.records``: the English mirror's localize sources and
                     strings, translation tasks, compliance records, page and media
                     history, review comments and page subscriptions), references (what the pages, submissions and records
                     point at outside the portal)
    files/<name>     every image and document file, under its storage name
    private/<name>   every petition attachment, under its private storage name

Import gives every page, revision, inline child, image and document a new id and
rewrites every id held in page data and revision content (foreign keys, StreamField
chooser blocks, rich-text links and embeds; see ``transfer.remap``), so an archive goes
into any database whatever ids are taken there: the portal's own database after the
portal was deleted (a restore), another installation (a move), or, with ``--into``,
another unit of the same database (a copy).

What the pages point at outside the portal is matched by natural key: other portals'
pages by URL path, units by slug, users by username, images and documents by file
contents (the archive carries their files; a match is reused, otherwise the item is
created in the portal's collection). No match empties the reference. Editors' review
comments travel beside the pages, not in them (``transfer.records``); the board's
groups and permissions are re-granted on the imported home page. What the public submitted (petitions, comments, survey
responses) goes with the portal and is never lost by ``--replace``: see
``transfer.submissions``. So do the records kept about the pages outside them, with
their ids remapped the same way: see ``transfer.records``.
"""

import datetime
import hashlib
import json
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import F, ProtectedError
from django.utils.translation import gettext_lazy as _
from modelcluster.models import get_all_child_relations
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import COMMENTS_RELATION_NAME, Collection, Locale, Page, Revision, Site

from cms.models import ProvincialRootPage
from tenants.models import Unit
from transfer import records, submissions
from transfer.errors import PortalTransferError
from transfer.remap import child_kind, data_rewrite
from transfer.summary import ImportSummary

# 3: with the public's submissions. 4: with the records about the pages kept outside
# them (transfer.records: localize sources, translation tasks, compliance records, page
# and media history) and revision ids. 1 to 3 are still read (as having none of them).
ARCHIVE_FORMAT = 5
READABLE_FORMATS = (1, 2, 3, 4, 5)
MANIFEST_NAME = "manifest.json"
FILES_PREFIX = "files/"

EXPORT_NO_PORTAL = _("Unit %(slug)s has no portal to export.")
IMPORT_BAD_ARCHIVE = _("%(path)s is not a portal archive (format %(format)s expected).")
IMPORT_PORTAL_EXISTS = _(
    "Portal %(slug)s already exists; pass --replace to replace its pages and media, "
    "or --into with another unit's slug to import a copy there."
)
IMPORT_NO_PARENT_UNIT = _("Unit %(slug)s needs its parent unit %(parent)s, which does not exist.")
IMPORT_NO_ROOT = _("There is no provincial root page to import under.")
IMPORT_NO_UNIT = _("Unit %(slug)s does not exist; create it first (provision_portals) to import a copy into it.")
IMPORT_HOSTNAME_TAKEN = _("Hostname %(hostname)s is already served by another site; free it or import with --into.")
IMPORT_PAGES_PROTECTED = _(
    "Portal %(slug)s cannot be replaced: content outside it points at its pages (%(objects)s)."
)
IMPORT_SUBMISSIONS_ORPHANED = submissions.IMPORT_SUBMISSIONS_ORPHANED
IMPORT_NO_LOCALE_ROOT = _("The archive has pages in language %(locale)s, which this installation does not have.")

Progress = Callable[[int], None]
MEDIA_KINDS = (("images", "image", get_image_model), ("documents", "document", get_document_model))


class _ArchiveEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a restore should not shift them."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _noop(_: int) -> None:
    pass


def _model_of(label: str):
    return ContentType.objects.get_by_natural_key(*label.split(".")).model_class()


# --- export ------------------------------------------------------------------------


def _portal_trees(home: Page) -> list[Page]:
    """The portal's pages in tree order: its home's subtree, then the subtrees of the
    home's translations (the foreign-language mirror, issue #5), which are separate trees."""
    pages = list(home.get_descendants(inclusive=True).specific().order_by("path"))
    for translation in home.get_translations().order_by("path"):
        pages += list(translation.get_descendants(inclusive=True).specific().order_by("path"))
    return pages


def _page_record(page: Page) -> dict:
    revisions = Revision.page_revisions.filter(object_id=str(page.pk)).order_by("created_at", "pk")
    revision_ids = [revision.pk for revision in revisions]
    return {
        "id": page.pk,
        "parent_id": page.get_parent().pk,
        "content_type": page.specific_class._meta.label_lower,
        "locale": page.locale.language_code,
        "data": page.serializable_data(),
        "revisions": [
            {
                "id": revision.pk,
                "content": revision.content,
                "created_at": revision.created_at,
                "approved_go_live_at": revision.approved_go_live_at,
                "object_str": revision.object_str,
                "user_id": revision.user_id,
            }
            for revision in revisions
        ],
        "latest_revision": revision_ids.index(page.latest_revision_id) if page.latest_revision_id in revision_ids else None,
        "live_revision": revision_ids.index(page.live_revision_id) if page.live_revision_id in revision_ids else None,
    }


def _referenced_ids(page_records: list[dict]) -> dict[str, set]:
    """Every id the pages and their revisions hold, by kind (``transfer.remap``)."""
    found: dict[str, set] = defaultdict(set)

    def record(kind, value):
        found[kind].add(value)
        return value

    for page in page_records:
        model = _model_of(page["content_type"])
        data_rewrite(model, page["data"], record, self_kind="page")
        for revision in page["revisions"]:
            data_rewrite(model, revision["content"], record, self_kind="page")
            if revision["user_id"]:
                found["user"].add(revision["user_id"])
    return found


def _references(found: dict[str, set], own_pages: set[int]) -> dict:
    """Natural keys of what the pages point at outside the portal, by old id."""

    def keyed(queryset, key):
        return {str(pk): value for pk, value in queryset.values_list("pk", key)}

    external_pages = {i for i in found["page"] if isinstance(i, int)} - own_pages
    return {
        "pages": keyed(Page.objects.filter(pk__in=external_pages), "url_path"),
        "units": keyed(Unit.objects.filter(pk__in=found["unit"]), "slug"),
        "users": keyed(get_user_model().objects.filter(pk__in=found["user"]), get_user_model().USERNAME_FIELD),
        "locales": keyed(Locale.objects.filter(pk__in=found["locale"]), "language_code"),
        "contenttypes": {
            str(ct.pk): ct.app_label + "." + ct.model for ct in ContentType.objects.filter(pk__in=found["contenttype"])
        },
    }


def _media_to_export(model, collection, referenced: set) -> list[tuple[object, bool]]:
    """The portal's media, then items of other collections its pages use (``shared``)."""
    own = list(model.objects.filter(collection=collection).order_by("pk")) if collection else []
    own_ids = {item.pk for item in own}
    shared = model.objects.filter(pk__in={i for i in referenced if isinstance(i, int)} - own_ids).order_by("pk")
    return [(item, False) for item in own] + [(item, True) for item in shared]


def portal_export_count(*, unit_slug: str) -> int:
    """Items ``portal_export`` reports progress on: pages, images and documents."""
    unit = Unit.objects.select_related("site", "collection").get(slug=unit_slug)
    if unit.site is None:
        raise PortalTransferError(EXPORT_NO_PORTAL % {"slug": unit_slug})
    pages = len(_portal_trees(unit.site.root_page))
    media = sum(m.objects.filter(collection=unit.collection).count() for _k, _n, m in _media_models())
    return pages + (media if unit.collection else 0)


def _media_models():
    return [(key, kind, get_model()) for key, kind, get_model in MEDIA_KINDS]


def portal_export(*, unit_slug: str, output: Path, progress: Progress = _noop) -> dict:
    """Write the portal of ``unit_slug`` to the zip ``output``; returns the manifest."""
    unit = Unit.objects.select_related("site__root_page", "collection", "parent").get(slug=unit_slug)
    if unit.site is None:
        raise PortalTransferError(EXPORT_NO_PORTAL % {"slug": unit_slug})
    manifest = {
        "format": ARCHIVE_FORMAT,
        "unit": {
            "id": unit.pk, "slug": unit.slug, "kind": unit.kind, "name": unit.name, "short_name": unit.short_name,
            "hostname": unit.hostname, "parent": unit.parent.slug if unit.parent else None,
        },
        "site": {
            "hostname": unit.site.hostname, "port": unit.site.port, "site_name": unit.site.site_name,
            "is_default_site": unit.site.is_default_site,
        },
        "collection": {"id": unit.collection_id, "name": unit.collection.name if unit.collection else None},
        "pages": [],
        "images": [],
        "documents": [],
    }
    for page in _portal_trees(unit.site.root_page):
        manifest["pages"].append(_page_record(page))
        progress(1)
    manifest["submissions"] = submissions.collect(unit, [page["id"] for page in manifest["pages"]])
    found = _referenced_ids(manifest["pages"])
    for kind, ids in submissions.referenced_ids(manifest["submissions"]).items():
        found[kind] |= ids
    media = {key: _media_to_export(model, unit.collection, found[kind]) for key, kind, model in _media_models()}
    found["user"] |= {item.uploaded_by_user_id for items in media.values() for item, _ in items} - {None}
    own_media = {kind: [item.pk for item, shared in media[key] if not shared] for key, kind, _m in _media_models()}
    manifest["records"] = records.collect(unit, [page["id"] for page in manifest["pages"]], own_media)
    for kind, ids in records.referenced_ids(manifest["records"]).items():
        found[kind] |= ids
    manifest["references"] = _references(found, {page["id"] for page in manifest["pages"]})
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for key, _kind, _model in _media_models():
            for item, shared in media[key]:
                with item.file.open("rb") as handle:
                    content = handle.read()
                archive.writestr(FILES_PREFIX + item.file.name, content)
                (record,) = serializers.serialize("python", [item])
                manifest[key].append({**record, "shared": shared, "sha1": hashlib.sha1(content).hexdigest()})
                if not shared:
                    progress(1)
        submissions.attachments_write(archive, manifest["submissions"])
        archive.writestr(MANIFEST_NAME, json.dumps(manifest, cls=_ArchiveEncoder, ensure_ascii=False, indent=1))
    return manifest


# --- import ------------------------------------------------------------------------


def archive_manifest(*, path: Path) -> dict:
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read(MANIFEST_NAME))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise PortalTransferError(IMPORT_BAD_ARCHIVE % {"path": path, "format": ARCHIVE_FORMAT}) from error
    if manifest.get("format") not in READABLE_FORMATS:
        raise PortalTransferError(IMPORT_BAD_ARCHIVE % {"path": path, "format": ARCHIVE_FORMAT})
    return _manifest_upgrade(manifest)


def _manifest_upgrade(manifest: dict) -> dict:
    """Format 1 (ids kept) lacks the natural keys of outside references and the unit's
    id: what is outside the portal is then emptied, and the home page names the unit."""
    if manifest["format"] == 1:
        refs = {"pages": {}, "units": {}, "users": {}, "locales": {}, "contenttypes": {}}
        for page in manifest["pages"]:
            refs["locales"][str(page["data"]["locale"])] = page["locale"]
            refs["contenttypes"][str(page["data"]["content_type"])] = page["content_type"]
        manifest["references"] = refs
        manifest["unit"]["id"] = manifest["pages"][0]["data"].get("unit")
    if manifest["format"] < 3:
        # Made before submissions were exported: the database's own are kept (see
        # transfer.submissions), the archive brings none.
        manifest["submissions"] = submissions.empty()
    if manifest["format"] < 4:
        # Made before the records outside the pages were exported: the archive brings
        # none (a --replace still keeps the database's, see transfer.records).
        manifest["records"] = records.empty()
    if manifest["format"] < 5:
        # Made before review comments and page subscriptions were exported.
        manifest["records"] = {**records.empty(), **manifest["records"]}
    manifest["format"] = ARCHIVE_FORMAT
    return manifest


def _portal_remove(unit: Unit) -> None:
    """Delete the portal's pages (its Site goes with its root page; its mirror trees
    too) and media."""
    if unit.site is not None:
        home = unit.site.root_page
        for translation in home.get_translations():
            _tree_delete(translation, unit)
        _tree_delete(home, unit)
    if unit.collection is not None:
        for _key, _kind, model in _media_models():
            # Wagtail deletes each file (and an image's renditions) once the row is gone.
            for item in model.objects.filter(collection=unit.collection):
                item.delete()


def _parent_page_id(obj) -> int | None:
    from modelcluster.fields import ParentalKey

    for field in obj._meta.concrete_fields:
        if isinstance(field, ParentalKey):
            return getattr(obj, field.attname)
    return None


def _tree_delete(top: Page, unit: Unit) -> None:
    """Delete ``top`` and its subtree. Gazette entries no longer protect their legal
    documents (they keep a copy of them and lose only the link: see
    ``cms.models.legal_documents.GazetteEntry``), so nothing in the models protects a
    page today; should an inline child protect a page of the same tree again, it would
    go with the tree anyway and is deleted first. Anything outside the tree that
    protects one of its pages stops the import."""
    inside = set(top.get_descendants(inclusive=True).values_list("pk", flat=True))
    for _attempt in range(5):
        try:
            with transaction.atomic():
                Page.objects.get(pk=top.pk).delete()
            return
        except ProtectedError as error:
            blockers = list(error.protected_objects)
            outside = [obj for obj in blockers if _parent_page_id(obj) not in inside]
            if outside:
                raise PortalTransferError(
                    IMPORT_PAGES_PROTECTED % {"slug": unit.slug, "objects": ", ".join(map(str, outside[:5]))}
                ) from error
            for obj in blockers:
                obj.delete()
    Page.objects.get(pk=top.pk).delete()


def _unit_for(manifest: dict, into: str | None) -> Unit:
    if into:
        unit = Unit.objects.filter(slug=into).first()
        if unit is None:
            raise PortalTransferError(IMPORT_NO_UNIT % {"slug": into})
        return unit
    data = manifest["unit"]
    unit = Unit.objects.filter(slug=data["slug"]).first()
    if unit is not None:
        return unit
    parent = None
    if data["parent"]:
        parent = Unit.objects.filter(slug=data["parent"]).first()
        if parent is None:
            raise PortalTransferError(IMPORT_NO_PARENT_UNIT % {"slug": data["slug"], "parent": data["parent"]})
    return Unit.objects.create(
        slug=data["slug"], kind=data["kind"], name=data["name"], short_name=data["short_name"],
        hostname=data["hostname"], parent=parent,
    )


def _collection_for(unit: Unit, manifest: dict) -> Collection:
    if unit.collection is None:
        name = manifest["collection"]["name"] if unit.slug == manifest["unit"]["slug"] else None
        unit.collection = Collection.get_first_root_node().add_child(name=name or f"{unit.name} [{unit.slug}]")
        unit.save(update_fields=["collection"])
    return unit.collection


def _has_media(collection: Collection) -> bool:
    return any(m.objects.filter(collection=collection).exists() for _k, _n, m in _media_models())


def _shared_match(model, record: dict):
    """An item of this database with the same file contents as the archived one."""
    fields = record["fields"]
    candidates = model.objects.filter(models.Q(file_hash=record["sha1"]) | models.Q(title=fields["title"]))
    for candidate in candidates:
        if candidate.file_hash == record["sha1"]:
            return candidate
        try:
            with candidate.file.open("rb") as handle:
                if hashlib.sha1(handle.read()).hexdigest() == record["sha1"]:
                    return candidate
        except OSError:
            continue
    return None


def _media_import(
    archive: zipfile.ZipFile, manifest: dict, collection: Collection, users: dict, progress: Progress
) -> dict[str, dict]:
    """Create the archive's images and documents with new ids; returns old id -> new id."""
    ids: dict[str, dict] = {}
    for key, kind, model in _media_models():
        ids[kind] = {}
        storage = model._meta.get_field("file").storage
        for record in manifest[key]:
            if record.get("shared"):
                match = _shared_match(model, record)
                if match is not None:
                    ids[kind][record["pk"]] = match.pk
                    continue
            fields = {**record["fields"], "collection": collection.pk}
            fields["file"] = storage.save(fields["file"], ContentFile(archive.read(FILES_PREFIX + record["fields"]["file"])))
            if "uploaded_by_user" in fields:
                fields["uploaded_by_user"] = users.get(fields["uploaded_by_user"])
            for item in serializers.deserialize("python", [{**record, "pk": None, "fields": fields}], ignorenonexistent=True):
                item.save()
                ids[kind][record["pk"]] = item.object.pk
            if not record.get("shared"):
                progress(1)
    return ids


def _key_map(references: dict, queryset, key: str) -> dict:
    """Old id -> id in this database of the object with the same natural key."""
    found = dict(queryset.filter(**{f"{key}__in": set(references.values())}).values_list(key, "pk"))
    return {int(old): found.get(value) for old, value in references.items()}


def _translation_keys(manifest: dict, *, fresh: bool) -> dict:
    """Translation keys (pages' and translatable inline children's) that would clash,
    as a copy's do next to its original, get new ones: the same new one for every
    translation of an object, so the foreign-language mirror stays linked."""
    keys = set()

    def record(kind, value):
        if kind == "translation_key":
            keys.add(str(value))
        return value

    for page in manifest["pages"]:
        data_rewrite(_model_of(page["content_type"]), page["data"], record)
    taken = keys if fresh else {
        str(k) for k in Page.objects.filter(translation_key__in=keys).values_list("translation_key", flat=True)
    }
    return {key: (str(uuid.uuid4()) if key in taken else key) for key in keys}


class _IdMaps:
    """Old id -> new id, by kind. An unknown id maps to None (the reference is
    emptied); an unknown translation key is kept (it clashes with nothing here)."""

    def __init__(self, maps: dict[str, dict]):
        self.maps = maps

    def swap(self, kind: str, old):
        if kind == "translation_key":
            return self.maps["translation_key"].get(str(old), old)
        if kind == "revision":
            return None  # set once the page's revisions exist
        return self.maps.get(kind, {}).get(old)

    def records_swap(self, kind: str, old):
        """As ``swap``, revisions included (the records are imported after them)."""
        if kind == "revision":
            return self.maps.get("revision_ids", {}).get(old)
        return self.swap(kind, old)


def _id_maps(manifest: dict, unit: Unit, *, fresh_keys: bool) -> _IdMaps:
    refs = manifest["references"]
    user_model = get_user_model()
    units = _key_map(refs["units"], Unit.objects.all(), "slug")
    units[manifest["unit"]["id"]] = unit.pk
    contenttypes = {}
    for old, label in refs["contenttypes"].items():
        try:
            contenttypes[int(old)] = ContentType.objects.get_by_natural_key(*label.split(".")).pk
        except ContentType.DoesNotExist:
            contenttypes[int(old)] = None
    return _IdMaps({
        "page": _key_map(refs["pages"], Page.objects.all(), "url_path"),
        "unit": units,
        "user": _key_map(refs["users"], user_model.objects.all(), user_model.USERNAME_FIELD),
        "locale": _key_map(refs["locales"], Locale.objects.all(), "language_code"),
        "contenttype": contenttypes,
        "translation_key": _translation_keys(manifest, fresh=fresh_keys),
    })


def _page_insert(page: Page, *, parent: Page) -> None:
    """Insert the new ``page`` as the last child of ``parent``, keeping the data as
    exported: treebeard's ``add_child`` goes through ``Page.save``, which validates and
    recomputes fields (the portal unit, draft state) that the archive already holds."""
    # Not parent.get_last_child(): it trusts the in-memory numchild, stale here.
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    page.depth = parent.depth + 1
    page.path = last._inc_path() if last else Page._get_path(parent.path, page.depth, 1)
    page.numchild = 0
    page.set_url_path(parent)
    page._state.adding = True
    models.Model.save(page)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)


def _unsaved(page: Page) -> Page:
    """Forget ``page``'s ids (its own and its parent-table links) so it saves as new."""
    page.pk = page.id = None
    for field in page._meta.parents.values():
        if field is not None:
            setattr(page, field.attname, None)
    return page


def _without_children(model, data: dict) -> dict:
    return {**data, **{r.get_accessor_name(): [] for r in get_all_child_relations(model)}}


def _parent_for(record: dict, maps: _IdMaps, root: Page) -> Page:
    new_parent = maps.maps["page"].get(record["parent_id"])
    if new_parent is not None:
        return Page.objects.get(pk=new_parent)
    # A home page (or a mirror home): under the provincial root, or its translation.
    if record["locale"] == root.locale.language_code:
        return root
    locale_root = root.get_translations().filter(locale__language_code=record["locale"]).first()
    if locale_root is None:
        raise PortalTransferError(IMPORT_NO_LOCALE_ROOT % {"locale": record["locale"]})
    return locale_root


def _pages_place(manifest: dict, root: Page, maps: _IdMaps, *, home_slug: str | None, progress: Progress) -> None:
    """First pass: every page in the tree, with a new id, so that the second pass can
    point references at pages later in the archive."""
    page_map = maps.maps["page"]
    for record in manifest["pages"]:
        model = _model_of(record["content_type"])
        data = data_rewrite(model, _without_children(model, record["data"]), maps.swap)
        page = _unsaved(model.from_serializable_data(data, check_fks=True, strict_fks=False))
        page.latest_revision = page.live_revision = None
        page.content_type = ContentType.objects.get_for_model(model)
        page.locale = Locale.objects.get(language_code=record["locale"])
        parent = _parent_for(record, maps, root)
        if home_slug and parent.depth == root.depth:
            page.slug = home_slug  # a copy's home is named after its unit, next to the original
        _page_insert(page, parent=parent)
        page_map[record["id"]] = page.pk
        progress(1)


def _is_complete(obj) -> bool:
    """False for an inline child whose required link is gone (its target was not in
    the archive and has no match here): it cannot be saved without one."""
    return all(
        getattr(obj, field.attname) is not None
        for field in obj._meta.concrete_fields
        if field.is_relation and not field.null and not field.primary_key
        and not getattr(field.remote_field, "parent_link", False)
    )


def _children_commit(page: Page, maps: _IdMaps) -> None:
    """Save the page's inline children as new rows and map their old ids to the new
    ones, which the revisions' copies of them then take (so publishing a revision
    updates these rows instead of another portal's)."""
    for relation in get_all_child_relations(page):
        if relation.get_accessor_name() == COMMENTS_RELATION_NAME:
            continue
        manager = getattr(page, relation.get_accessor_name())
        children = [child for child in manager.all() if _is_complete(child)]
        old_ids = [child.pk for child in children]
        for child in children:
            child.pk = None
        manager.set(children)
        manager.commit()
        kind_map = maps.maps.setdefault(child_kind(relation.related_model), {})
        for old, child in zip(old_ids, children, strict=True):
            if old is not None:
                kind_map[old] = child.pk


def _revisions_create(page: Page, record: dict, maps: _IdMaps) -> None:
    model = type(page)
    revisions = [
        Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            content=data_rewrite(model, rev["content"], maps.swap, self_kind="page"),
            approved_go_live_at=rev["approved_go_live_at"],
            object_str=rev["object_str"] or page.title,
            user_id=maps.swap("user", rev["user_id"]) if rev["user_id"] else None,
        )
        for rev in record["revisions"]
    ]
    # created_at is auto_now_add: restore the original times afterwards.
    revision_map = maps.maps.setdefault("revision_ids", {})
    for revision, rev in zip(revisions, record["revisions"], strict=True):
        Revision.objects.filter(pk=revision.pk).update(created_at=rev["created_at"])
        if rev.get("id") is not None:  # format 4
            revision_map[rev["id"]] = revision.pk
    latest = revisions[record["latest_revision"]] if record["latest_revision"] is not None else None
    live = revisions[record["live_revision"]] if record["live_revision"] is not None else None
    Page.objects.filter(pk=page.pk).update(latest_revision=latest, live_revision=live)


def _pages_fill(manifest: dict, maps: _IdMaps) -> None:
    """Second pass: every page's fields with all ids rewritten, then its inline
    children and its revisions."""

    def keep_child_ids(kind, old):
        # Children keep their old ids until saved, to tell which new row is which.
        return old if kind.startswith("child:") else maps.swap(kind, old)

    for record in manifest["pages"]:
        model = _model_of(record["content_type"])
        placed = Page.objects.get(pk=maps.maps["page"][record["id"]])
        data = data_rewrite(model, record["data"], keep_child_ids, self_kind="page")
        page = model.from_serializable_data(data, check_fks=True, strict_fks=False)
        for name in ("path", "depth", "numchild", "url_path", "slug", "content_type_id", "locale_id"):
            setattr(page, name, getattr(placed, name))
        page.latest_revision = page.live_revision = None
        models.Model.save(page, force_update=True)
        _children_commit(page, maps)
        _revisions_create(page, record, maps)


def portal_import_count(*, manifest: dict) -> int:
    return len(manifest["pages"]) + sum(1 for key in ("images", "documents") for r in manifest[key] if not r.get("shared"))


def _site_for(unit: Unit, manifest: dict, home: Page, *, copy: bool) -> Site:
    data = manifest["site"]
    hostname = unit.hostname if copy else data["hostname"]
    port = 80 if copy else data["port"]
    if Site.objects.filter(hostname=hostname, port=port).exists():
        raise PortalTransferError(IMPORT_HOSTNAME_TAKEN % {"hostname": hostname})
    default = data["is_default_site"] and not copy and not Site.objects.filter(is_default_site=True).exists()
    return Site.objects.create(
        hostname=hostname, port=port, site_name=unit.name if copy else data["site_name"], root_page=home,
        is_default_site=default,
    )


def _portal_page_ids(unit: Unit) -> list[int]:
    return [page.pk for page in _portal_trees(unit.site.root_page)] if unit.site is not None else []


def _submissions_import(path: Path, manifest: dict, maps: _IdMaps, held: dict, *, unit: Unit, copy: bool,
                        summary: ImportSummary) -> None:
    """The submissions held from the replaced pages first (they are the latest), then
    the archive's that are not here yet; a copy takes none of the archive's."""
    new_pages = set(maps.maps["page"].values())
    done = summary.submissions
    orphaned = submissions.page_submissions_import(held, submissions.held_swap(held, new_pages), taken := set(), done,
                                                   held=True)
    if orphaned:
        raise PortalTransferError(IMPORT_SUBMISSIONS_ORPHANED % {"slug": unit.slug, "count": orphaned})
    archived = manifest["submissions"]
    if copy:
        done.not_copied = submissions.count(archived)
        return
    with zipfile.ZipFile(path) as archive:
        submissions.petitions_import(archive, archived["petitions"], maps.swap, manifest["references"]["units"],
                                     done.petitions)
    submissions.page_submissions_import(archived, maps.swap, taken, done)


def _media_by_sha1(manifest: dict, maps: _IdMaps) -> dict[str, dict]:
    """The imported images and documents by the SHA-1 of their file, and by SHA-1 and
    title (``transfer.records.held_swap``)."""
    found: dict[str, dict] = {}
    for key, kind, _model in _media_models():
        found[kind] = {}
        for record in manifest[key]:
            if record.get("sha1"):
                new = maps.maps[kind].get(record["pk"])
                found[kind].setdefault(record["sha1"], new)
                found[kind][(record["sha1"], record["fields"]["title"])] = new
    return found


@transaction.atomic
def portal_import(
    *, path: Path, replace: bool = False, into: str | None = None, progress: Progress = _noop,
    summary: ImportSummary | None = None,
) -> Unit:
    """Import the portal in the archive ``path`` under the provincial root, with new
    ids, and link it to its Unit (created from the archive when missing), a Site and a
    collection. An existing portal of that unit is replaced only with ``replace``.

    ``into`` names another, existing unit to receive a copy of the portal (its own
    hostname and collection): the way to bring a portal into the database it still
    lives in, since a second portal for the same unit is not possible.

    ``summary`` (``transfer.summary.ImportSummary``) receives how many submissions were
    created, kept and not copied (``transfer.submissions``), and the same for the
    records (``transfer.records``). A copy takes the localize work only."""
    from tenants.boards import board_sync

    manifest = archive_manifest(path=path)
    root = ProvincialRootPage.objects.first()
    if root is None:
        raise PortalTransferError(IMPORT_NO_ROOT)
    unit = _unit_for(manifest, into)
    copy = unit.slug != manifest["unit"]["slug"]
    if (unit.site is not None or (unit.collection and _has_media(unit.collection))) and not replace:
        raise PortalTransferError(IMPORT_PORTAL_EXISTS % {"slug": unit.slug})
    # Comments and responses go with the pages, and so do the pages' translation tasks,
    # localize work, history and compliance links: hold them to re-attach them after.
    old_pages = _portal_page_ids(unit)
    held = submissions.hold(old_pages)
    held_records = records.hold(unit, old_pages) if unit.site is not None else None
    _portal_remove(unit)
    unit.refresh_from_db()
    collection = _collection_for(unit, manifest)
    maps = _id_maps(manifest, unit, fresh_keys=copy)
    with zipfile.ZipFile(path) as archive:
        maps.maps.update(_media_import(archive, manifest, collection, maps.maps["user"], progress))
    _pages_place(manifest, root, maps, home_slug=unit.slug if copy else None, progress=progress)
    _pages_fill(manifest, maps)
    home = Page.objects.get(pk=maps.maps["page"][manifest["pages"][0]["id"]]).specific
    unit.site = _site_for(unit, manifest, home, copy=copy)
    unit.save(update_fields=["site"])
    # The board's page permissions and workflow were on the old home page. Granted
    # before the records: pages in moderation go back into this workflow.
    board_sync(unit=unit, home=home, collection=collection, perm_cache={})
    summary = summary if summary is not None else ImportSummary()
    _submissions_import(path, manifest, maps, held, unit=unit, copy=copy, summary=summary)
    new_pages = [maps.maps["page"][page["id"]] for page in manifest["pages"]]
    records.records_import(manifest["records"], maps.records_swap, held_records, new_pages,
                           _media_by_sha1(manifest, maps), copy=copy, summary=summary.records)
    return unit
