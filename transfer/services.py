"""Export and import of one portal as a zip archive (issue #8 item 7).

Archive layout::

    manifest.json    format, unit, site, collection, pages (tree order), images, documents
    files/<name>     every image and document file, under its storage name

Primary keys of pages, images and documents are kept, so StreamField blocks and
foreign keys that point at them (an image chooser, a related document, a page link)
stay right without rewriting. Importing therefore needs those ids free: true in the
database the portal came from once it was removed (a restore), and in a fresh one; an
id held by something else stops the import with ``IMPORT_ID_TAKEN`` and nothing is
written. Users are not moved: owners and revision authors that do not exist become empty.
"""

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Revision, Site

from cms.models import ProvincialRootPage
from tenants.models import Unit

ARCHIVE_FORMAT = 1
MANIFEST_NAME = "manifest.json"
FILES_PREFIX = "files/"

EXPORT_NO_PORTAL = _("Unit %(slug)s has no portal to export.")
IMPORT_BAD_ARCHIVE = _("%(path)s is not a portal archive (format %(format)s expected).")
IMPORT_PORTAL_EXISTS = _("Portal %(slug)s already exists; pass --replace to replace its pages and media.")
IMPORT_NO_PARENT_UNIT = _("Unit %(slug)s needs its parent unit %(parent)s, which does not exist.")
IMPORT_NO_ROOT = _("There is no provincial root page to import under.")
IMPORT_ID_TAKEN = _("%(kind)s id %(id)s is used by another portal; import into a database without it.")

Progress = Callable[[int], None]


class PortalTransferError(Exception):
    """An archive that cannot be exported or imported; the message says why."""


def _noop(_: int) -> None:
    pass


# --- export ------------------------------------------------------------------------


def _media_records(model, collection) -> list[dict]:
    if collection is None:
        return []
    objects = model.objects.filter(collection=collection).order_by("pk")
    return serializers.serialize("python", objects)


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


def portal_export_count(*, unit_slug: str) -> int:
    """Items ``portal_export`` reports progress on: pages, images and documents."""
    unit = Unit.objects.select_related("site", "collection").get(slug=unit_slug)
    if unit.site is None:
        raise PortalTransferError(EXPORT_NO_PORTAL % {"slug": unit_slug})
    pages = unit.site.root_page.get_descendants(inclusive=True).count()
    media = sum(m.objects.filter(collection=unit.collection).count() for m in (get_image_model(), get_document_model()))
    return pages + (media if unit.collection else 0)


def portal_export(*, unit_slug: str, output: Path, progress: Progress = _noop) -> dict:
    """Write the portal of ``unit_slug`` to the zip ``output``; returns the manifest."""
    unit = Unit.objects.select_related("site__root_page", "collection", "parent").get(slug=unit_slug)
    if unit.site is None:
        raise PortalTransferError(EXPORT_NO_PORTAL % {"slug": unit_slug})
    home = unit.site.root_page
    manifest = {
        "format": ARCHIVE_FORMAT,
        "unit": {
            "slug": unit.slug, "kind": unit.kind, "name": unit.name, "short_name": unit.short_name,
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
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for page in home.get_descendants(inclusive=True).specific().order_by("path"):
            manifest["pages"].append(_page_record(page))
            progress(1)
        for key, model in (("images", get_image_model()), ("documents", get_document_model())):
            for record in _media_records(model, unit.collection):
                name = record["fields"]["file"]
                with model._meta.get_field("file").storage.open(name, "rb") as handle:
                    archive.writestr(FILES_PREFIX + name, handle.read())
                manifest[key].append(record)
                progress(1)
        archive.writestr(MANIFEST_NAME, json.dumps(manifest, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1))
    return manifest


# --- import ------------------------------------------------------------------------


def archive_manifest(*, path: Path) -> dict:
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read(MANIFEST_NAME))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise PortalTransferError(IMPORT_BAD_ARCHIVE % {"path": path, "format": ARCHIVE_FORMAT}) from error
    if manifest.get("format") != ARCHIVE_FORMAT:
        raise PortalTransferError(IMPORT_BAD_ARCHIVE % {"path": path, "format": ARCHIVE_FORMAT})
    return manifest


def _portal_remove(unit: Unit) -> None:
    """Delete the portal's pages (its Site goes with its root page) and media."""
    if unit.site is not None:
        unit.site.root_page.delete()
    if unit.collection is not None:
        for model in (get_image_model(), get_document_model()):
            for item in model.objects.filter(collection=unit.collection):
                item.file.delete(save=False)
                item.delete()


def _unit_for(manifest: dict) -> Unit:
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
        unit.collection = Collection.get_first_root_node().add_child(name=manifest["collection"]["name"] or unit.name)
        unit.save(update_fields=["collection"])
    return unit.collection


def _check_ids_free(manifest: dict, unit: Unit) -> None:
    own_pages = set()
    if unit.site is not None:
        own_pages = set(unit.site.root_page.get_descendants(inclusive=True).values_list("pk", flat=True))
    taken = set(Page.objects.filter(pk__in=[p["id"] for p in manifest["pages"]]).values_list("pk", flat=True))
    if taken - own_pages:
        raise PortalTransferError(IMPORT_ID_TAKEN % {"kind": "Page", "id": min(taken - own_pages)})
    for key, model in (("images", get_image_model()), ("documents", get_document_model())):
        ids = [record["pk"] for record in manifest[key]]
        others = model.objects.filter(pk__in=ids).exclude(collection=unit.collection)
        if others.exists():
            raise PortalTransferError(IMPORT_ID_TAKEN % {"kind": model.__name__, "id": others.first().pk})


def _media_import(archive: zipfile.ZipFile, manifest: dict, collection: Collection, progress: Progress) -> None:
    for key, model in (("images", get_image_model()), ("documents", get_document_model())):
        storage = model._meta.get_field("file").storage
        for record in manifest[key]:
            record = {**record, "fields": {**record["fields"], "collection": collection.pk}}
            stored = storage.save(record["fields"]["file"], ContentFile(archive.read(FILES_PREFIX + record["fields"]["file"])))
            record["fields"]["file"] = stored
            for item in serializers.deserialize("python", [record], ignorenonexistent=True, handle_forward_references=True):
                if getattr(item.object, "uploaded_by_user_id", None) and not _user_exists(item.object.uploaded_by_user_id):
                    item.object.uploaded_by_user_id = None
                item.save()
            progress(1)


def _user_exists(user_id) -> bool:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk=user_id).exists()


def _without_parental_keys(model, data: dict) -> dict:
    """Inline children point at their page's id, which does not exist yet: with
    ``check_fks`` modelcluster would drop them. The page sets that key when it saves them."""
    from modelcluster.models import get_all_child_relations

    data = dict(data)
    for relation in get_all_child_relations(model):
        name = relation.get_accessor_name()
        data[name] = [{**child, relation.field.name: None} for child in data.get(name, [])]
    return data


def _page_insert(page: Page, *, parent: Page) -> None:
    """Insert ``page``, keeping its id, as the last child of ``parent``.

    treebeard's ``add_child`` and Wagtail's ``Page.save`` both take a page with an id
    for one already in the database, so the tree columns are set here and the row is
    saved by Django's own ``Model.save``; the inline children (ParentalKey) are then
    committed as ``ClusterableModel.save`` would.
    """
    from modelcluster.models import get_all_child_relations

    # Not parent.get_last_child(): it trusts the in-memory numchild, stale here.
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    page.depth = parent.depth + 1
    page.path = last._inc_path() if last else Page._get_path(parent.path, page.depth, 1)
    page.numchild = 0
    page.set_url_path(parent)
    page._state.adding = True
    models.Model.save(page)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
    for relation in get_all_child_relations(page):
        getattr(page, relation.get_accessor_name()).commit()


def _pages_import(manifest: dict, root: Page, progress: Progress) -> Page:
    parents: dict[int, Page] = {}
    home = None
    for record in manifest["pages"]:
        model = ContentType.objects.get_by_natural_key(*record["content_type"].split(".")).model_class()
        page = model.from_serializable_data(_without_parental_keys(model, record["data"]), check_fks=True, strict_fks=False)
        page.latest_revision = page.live_revision = None
        page.content_type = ContentType.objects.get_for_model(model)
        page.locale = Locale.objects.get(language_code=record["locale"])
        parent = parents.get(record["parent_id"], root)
        _page_insert(page, parent=parent)
        revisions = [
            Revision.objects.create(
                content_object=page,
                base_content_type=page.get_base_content_type(),
                content=rev["content"],
                approved_go_live_at=rev["approved_go_live_at"],
                object_str=rev["object_str"] or page.title,
                user_id=rev["user_id"] if rev["user_id"] and _user_exists(rev["user_id"]) else None,
            )
            for rev in record["revisions"]
        ]
        # created_at is auto_now_add: restore the original times afterwards.
        for revision, rev in zip(revisions, record["revisions"], strict=True):
            Revision.objects.filter(pk=revision.pk).update(created_at=rev["created_at"])
        latest = revisions[record["latest_revision"]] if record["latest_revision"] is not None else None
        live = revisions[record["live_revision"]] if record["live_revision"] is not None else None
        Page.objects.filter(pk=page.pk).update(latest_revision=latest, live_revision=live)
        parents[record["id"]] = Page.objects.get(pk=page.pk)
        home = home or page
        progress(1)
    return home


def portal_import_count(*, manifest: dict) -> int:
    return len(manifest["pages"]) + len(manifest["images"]) + len(manifest["documents"])


@transaction.atomic
def portal_import(*, path: Path, replace: bool = False, progress: Progress = _noop) -> Unit:
    """Restore the portal in the archive ``path`` under the provincial root and link
    it to its Unit (created from the archive when missing), a Site and a collection.
    An existing portal of that unit is replaced only with ``replace``."""
    manifest = archive_manifest(path=path)
    root = ProvincialRootPage.objects.first()
    if root is None:
        raise PortalTransferError(IMPORT_NO_ROOT)
    unit = _unit_for(manifest)
    if unit.site is not None or (unit.collection and _has_media(unit.collection)):
        if not replace:
            raise PortalTransferError(IMPORT_PORTAL_EXISTS % {"slug": unit.slug})
    _check_ids_free(manifest, unit)
    _portal_remove(unit)
    unit.refresh_from_db()
    collection = _collection_for(unit, manifest)
    with zipfile.ZipFile(path) as archive:
        _media_import(archive, manifest, collection, progress)
    home = _pages_import(manifest, root, progress)
    site_data = manifest["site"]
    site = Site.objects.create(
        hostname=site_data["hostname"], port=site_data["port"], site_name=site_data["site_name"],
        root_page=home, is_default_site=site_data["is_default_site"] and not Site.objects.filter(is_default_site=True).exists(),
    )
    unit.site = site
    unit.save(update_fields=["site"])
    return unit


def _has_media(collection: Collection) -> bool:
    return any(m.objects.filter(collection=collection).exists() for m in (get_image_model(), get_document_model()))
