"""What is kept about a portal's pages outside them (archive format 4).

The manifest's ``records`` carries, by kind:

``localize``
    wagtail-localize's work on the English mirror: each source (the frozen Vietnamese
    content a translation is made from, ``TranslationSource``), its translations into
    other languages (``Translation``, enabled or not), its translation log, and the
    translators' strings (``StringTranslation``) and overrides (``SegmentOverride``) by
    content path. The source's content has its ids rewritten like a revision's
    (``transfer.remap``); its segments are rebuilt from it (``refresh_segments``).
``tasks``
    the mirroring obligations (``translations.TranslationTask``: due dates, completion).
``republications``, ``exchange_submissions``, ``archived_items``, ``recommendations``
    the compliance records naming the portal or its pages (``compliance.models``), as
    the compliance app registers them (``tenants.portal_data.PortalRecords``): any app
    can add rows of its own the same way.
``page_log``, ``media_log``
    Wagtail's history of the portal's pages (``PageLogEntry``: who created, edited,
    published, moved what and when) and of its own images and documents
    (``ModelLogEntry``).
``comments``, ``subscriptions`` (format 5)
    the editors' review comments on the portal's pages, with their replies, where they
    sit (content path, position), the revision they were made on and who resolved them;
    and who follows a page's comments (``PageSubscription``).
``workflow_states`` (format 5)
    the pages in moderation and their review history (``transfer.moderation``).

Every id is remapped as the pages' are: pages (outside ones by URL path), revisions,
units by slug, users by username, images and documents.

Import never duplicates: a row already in the database (same natural key: a log entry's
page, action and time, a republication's receiving unit and time…) is kept and the
archive's copy skipped; a compliance record's links that were emptied (its pages were
deleted with the portal) are filled from the archive's. ``--replace`` holds what the replaced pages' deletion would
lose or leave dangling (tasks, which go with their page; log entries, compliance links
and archived items, which would keep dead ids or lose their page) and re-attaches it to
the imported page of the same translation key and language (else URL path), the
revision of the same time, the image or document of the same file. For the localize
sources, the archive's replace the database's (their content holds the old ids);
translators' strings already here win.

A copy (``--into``) takes the localize sources and strings (without who translated
them) so the copy's English mirror can go on being translated, but none of the tasks,
compliance records, history or review comments: those are the original unit's
obligations, report and its editors' work.
"""

import hashlib
import json
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Prefetch
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Comment, CommentReply, Locale, ModelLogEntry, Page, PageLogEntry, PageSubscription, Revision
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    String,
    StringTranslation,
    TranslatableObject,
    TranslationContext,
    TranslationLog,
    TranslationSource,
)
from wagtail_localize.models import Translation as LocalizeTranslation

from tenants.portal_data import PortalRecords, portal_model, portal_records
from transfer import moderation
from transfer.remap import content_type_id, content_type_label, data_rewrite, kind_of
from transfer.rows import Swap, as_datetime, page_identities, pages_match, record_of, row_create
from transfer.summary import RecordsSummary, Tally

# The mirroring obligations are the translations app's (registered in its ready()).
TASK = "translation_task"
LOG_PAGE_KEYS = ("page", "source", "destination", "parent")


def owned() -> tuple[PortalRecords, ...]:
    """The rows apps register as the portal's (tenants.portal_data): the compliance
    records, in the archive's order."""
    return portal_records()


def kinds() -> tuple[str, ...]:
    return ("localize", "tasks", *(kind.key for kind in owned()), "page_log", "media_log",
            "comments", "subscriptions", "workflow_states")


def empty() -> dict:
    return {kind: [] for kind in kinds()}


def _media_models():
    return {"image": get_image_model(), "document": get_document_model()}


# --- export ------------------------------------------------------------------------------


def _localize_collect(keys: set[str]) -> list[dict]:
    sources = (
        TranslationSource.objects.filter(object_id__in=keys).select_related("object", "locale").order_by("pk")
        .prefetch_related(
            Prefetch("translations", LocalizeTranslation.objects.select_related("target_locale").order_by("pk")),
            Prefetch("translation_logs", TranslationLog.objects.select_related("locale").order_by("pk")),
        )
    )
    strings = (
        StringTranslation.objects.filter(context__object_id__in=keys)
        .select_related("translation_of__locale", "locale", "context").order_by("pk")
    )
    overrides = SegmentOverride.objects.filter(context__object_id__in=keys).select_related("locale", "context")
    by_key: dict[str, dict] = {}
    for source in sources:
        key = str(source.object_id)
        by_key.setdefault(key, {
            "translation_key": key, "content_type": content_type_label(source.object.content_type_id),
            "sources": [], "strings": [], "overrides": [],
        })
        by_key[key]["sources"].append({
            "specific_content_type": content_type_label(source.specific_content_type_id),
            "locale": source.locale.language_code,
            "object_repr": source.object_repr, "content_json": source.content_json,
            "schema_version": source.schema_version,
            "created_at": source.created_at, "last_updated_at": source.last_updated_at,
            "translations": [
                {"uuid": str(t.uuid), "target_locale": t.target_locale.language_code, "created_at": t.created_at,
                 "translations_last_updated_at": t.translations_last_updated_at,
                 "destination_last_updated_at": t.destination_last_updated_at, "enabled": t.enabled}
                for t in source.translations.all()
            ],
            "logs": [
                {"locale": log.locale.language_code, "created_at": log.created_at, "revision": log.revision_id}
                for log in source.translation_logs.all()
            ],
        })
    for item in strings:
        entry = by_key.get(str(item.context.object_id))
        if entry is None:
            continue  # strings of an object never submitted from here
        entry["strings"].append({
            "path": item.context.path, "field_path": item.context.field_path,
            "source_locale": item.translation_of.locale.language_code, "source": item.translation_of.data,
            "locale": item.locale.language_code, "data": item.data, "translation_type": item.translation_type,
            "tool_name": item.tool_name, "last_translated_by": item.last_translated_by_id,
            "created_at": item.created_at, "updated_at": item.updated_at,
            "has_error": item.has_error, "field_error": item.field_error,
        })
    for item in overrides:
        entry = by_key.get(str(item.context.object_id))
        if entry is None:
            continue
        entry["overrides"].append({
            "path": item.context.path, "field_path": item.context.field_path, "locale": item.locale.language_code,
            "data_json": item.data_json, "kind": _override_kind(item), "last_translated_by": item.last_translated_by_id,
            "created_at": item.created_at, "updated_at": item.updated_at,
            "has_error": item.has_error, "field_error": item.field_error,
        })
    return list(by_key.values())


def _override_kind(override: SegmentOverride) -> str | None:
    """An override of an image or document holds its id (``"image"``/``"document"``);
    other overrides (links, embeds) hold text. Told from the source's segment."""
    try:
        value = json.loads(override.data_json)
    except ValueError:
        return None
    if not isinstance(value, int):
        return None
    segment = OverridableSegment.objects.filter(context=override.context).select_related("source").first()
    if segment is None:
        return None
    found = set()
    model = ContentType.objects.get_for_id(segment.source.specific_content_type_id).model_class()
    source_value = json.loads(segment.data_json)

    def record(kind, old):
        if old == source_value and kind in ("image", "document"):
            found.add(kind)
        return old

    if model is not None:
        data_rewrite(model, json.loads(segment.source.content_json), record)
    return found.pop() if len(found) == 1 else None


def _rows(queryset) -> list[dict]:
    return [record_of(obj) for obj in queryset.order_by("pk")]


def _comments_collect(page_ids) -> list[dict]:
    """The review comments on ``page_ids``, each with its replies."""
    comments = Comment.objects.filter(page__in=page_ids).order_by("pk").prefetch_related(
        Prefetch("replies", CommentReply.objects.order_by("pk"))
    )
    return [
        {**record_of(comment), "replies": [record_of(reply) for reply in comment.replies.all()]} for comment in comments
    ]


def collect(unit, page_ids: list[int], media: dict[str, list[int]]) -> dict:
    """The records about ``unit``, its pages ``page_ids`` and its own media ``media``
    (kind -> ids)."""
    pages = Page.objects.filter(pk__in=page_ids)
    keys = {str(key) for key in pages.values_list("translation_key", flat=True)}
    task = portal_model(TASK)
    records = {
        "localize": _localize_collect(keys),
        "tasks": _rows(task.objects.filter(models.Q(unit=unit) | models.Q(source_page__in=page_ids))),
        **{kind.key: _rows(kind.model_class.objects.filter(_owned_filter(kind, unit, page_ids))) for kind in owned()},
        "page_log": _rows(PageLogEntry.objects.filter(page__in=page_ids)),
        "media_log": [],
        "comments": _comments_collect(page_ids),
        "subscriptions": _rows(PageSubscription.objects.filter(page__in=page_ids)),
        "workflow_states": moderation.collect(page_ids),
    }
    for kind, model in _media_models().items():
        ct = ContentType.objects.get_for_model(model)
        entries = ModelLogEntry.objects.filter(content_type=ct, object_id__in=[str(i) for i in media.get(kind, [])])
        records["media_log"] += [{**row, "kind": kind} for row in _rows(entries)]
    return records


def _owned_filter(kind: PortalRecords, unit, page_ids) -> models.Q:
    """The rows of ``kind`` naming ``unit`` or one of its pages ``page_ids``."""
    found = models.Q(pk__in=[])
    for name in kind.unit_links:
        found |= models.Q(**{name: unit})
    for name in kind.page_links:
        found |= models.Q(**{f"{name}__in": page_ids})
    return found


def _fields_rewrite(model, fields: dict, swap: Swap) -> dict:
    """``fields`` with every link swapped by what it points at (``transfer.remap`` kinds);
    a link of no such kind (a task's localize translation) is emptied, found again on import."""
    rewritten = dict(fields)
    for field in model._meta.concrete_fields:
        value = fields.get(field.name)
        if field.is_relation and value is not None:
            kind = kind_of(field.related_model)
            rewritten[field.name] = swap(kind, value) if kind else None
    return rewritten


def _log_data_rewrite(data: dict, swap: Swap) -> dict:
    """A log entry's ``data`` names pages (a move's source and destination, a copy's
    page…) and revisions (a publication's, a revert's) by id."""
    data = dict(data or {})
    for key in (*LOG_PAGE_KEYS, "revision"):
        value = data.get(key)
        if isinstance(value, dict) and value.get("id") is not None:
            data[key] = {**value, "id": swap("revision" if key == "revision" else "page", value["id"])}
    return data


def referenced_ids(records: dict) -> dict[str, set]:
    """Pages outside the portal, units, users, locales and content types the records name."""
    found: dict[str, set] = {kind: set() for kind in ("page", "unit", "user", "locale", "contenttype")}

    def record(kind, value):
        if kind in found and value is not None:
            found[kind].add(value)
        return value

    for key, model in (("tasks", portal_model(TASK)), *((kind.key, kind.model_class) for kind in owned())):
        for row in records[key]:
            _fields_rewrite(model, row["fields"], record)
    for row in records["page_log"]:
        _fields_rewrite(PageLogEntry, row["fields"], record)
        _log_data_rewrite(row["fields"]["data"], lambda kind, old: record(kind, old) if kind == "page" else old)
    for row in records["media_log"]:
        _fields_rewrite(ModelLogEntry, row["fields"], record)
    for row in records["comments"]:
        _fields_rewrite(Comment, row["fields"], record)
        for reply in row["replies"]:
            _fields_rewrite(CommentReply, reply["fields"], record)
    for row in records["subscriptions"]:
        _fields_rewrite(PageSubscription, row["fields"], record)
    for user in moderation.users(records["workflow_states"]):
        record("user", user)
    for entry in records["localize"]:
        for item in entry["strings"] + entry["overrides"]:
            record("user", item["last_translated_by"])
    return found


# --- held over a --replace -------------------------------------------------------------


def hold(unit, page_ids: list[int]) -> dict:
    """What deleting the portal's pages and media would delete or leave pointing at
    nothing, with what is needed to find their pages, revisions and media again."""
    revisions = Revision.page_revisions.filter(object_id__in=[str(i) for i in page_ids])
    media = {}
    if unit.collection is not None:
        for kind, model in _media_models().items():
            items = model.objects.filter(collection=unit.collection)
            media[kind] = {item.pk: (_sha1(item), item.title) for item in items}
    pages = Page.objects.filter(pk__in=page_ids)
    links = []
    for kind in owned():
        for name in kind.page_links:
            for pk, old in kind.model_class.objects.filter(**{f"{name}__in": page_ids}).values_list("pk", name):
                links.append((kind.model_class, pk, name, old))
    # A row's links to the replaced pages' revisions (an archived item's), re-pointed
    # at the imported revision of the same time.
    revision_links = [
        (kind.model_class, pk, field.name, old)
        for kind in owned()
        for field in kind.model_class._meta.concrete_fields
        if field.is_relation and field.related_model is Revision
        for pk, old in kind.model_class.objects.filter(**{f"{field.name}__in": revisions}).values_list("pk", field.name)
    ]
    media_logs = []
    for kind, model in _media_models().items():
        ct = ContentType.objects.get_for_model(model)
        for pk, object_id in ModelLogEntry.objects.filter(
            content_type=ct, object_id__in=[str(i) for i in media.get(kind, {})]
        ).values_list("pk", "object_id"):
            media_logs.append((pk, kind, int(object_id)))
    return {
        "pages": page_identities(pages),
        # Deleting a page deletes wagtail-localize's work on it, translators' strings
        # included (cleanup_translation_on_delete): kept as records, imported again.
        "localize": _localize_collect({str(key) for key in pages.values_list("translation_key", flat=True)}),
        # Entries logged by the deletion itself ("wagtail.delete") come after these.
        "log_marks": (_last_pk(PageLogEntry), _last_pk(ModelLogEntry)),
        "revisions": {
            pk: (int(obj), created) for pk, obj, created in revisions.values_list("pk", "object_id", "created_at")
        },
        "media": media,
        "links": links,
        "revision_links": revision_links,
        "page_logs": list(PageLogEntry.objects.filter(page__in=page_ids).values_list("pk", "page_id", "revision_id")),
        "media_logs": media_logs,
        # Deleted with their page: kept as records, created again like the archive's.
        "tasks": _rows(portal_model(TASK).objects.filter(source_page__in=page_ids)),
        "comments": _comments_collect(page_ids),
        "subscriptions": _rows(PageSubscription.objects.filter(page__in=page_ids)),
        "workflow_states": moderation.collect(page_ids),
    }


def _sha1(item) -> str | None:
    # Wagtail's file_hash is the SHA-1 of the contents, as the archive's "sha1".
    if item.file_hash:
        return item.file_hash
    try:
        with item.file.open("rb") as handle:
            return hashlib.sha1(handle.read()).hexdigest()
    except (OSError, ValueError):
        return None


def _last_pk(model) -> int:
    return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def held_swap(held: dict, new_page_ids, media_by_sha1: dict[str, dict]) -> Swap:
    """Where held rows go: the imported page of the same translation key and language
    (a restore keeps keys), else of the same URL path; the revision of that page made
    at the same time; the image or document of the same file and title, else file
    (``media_by_sha1``: by kind, the imported items by SHA-1 and by (SHA-1, title))."""
    pages = pages_match(held["pages"], new_page_ids, same_type=False)
    # The first (lowest pk) revision of that page made at that time, in one query.
    by_time: dict[tuple, int] = {}
    targets = {str(pk) for pk in pages.values() if pk is not None}
    for pk, obj, created in Revision.page_revisions.filter(object_id__in=targets).order_by("pk").values_list(
        "pk", "object_id", "created_at"
    ):
        by_time.setdefault((int(obj), created), pk)
    revisions = {
        old: by_time.get((pages[page], created))
        for old, (page, created) in held["revisions"].items()
        if pages.get(page) is not None
    }
    # Same file and title, else the same file (identical files can have two titles).
    media = {
        kind: {
            old: media_by_sha1.get(kind, {}).get((digest, title), media_by_sha1.get(kind, {}).get(digest))
            for old, (digest, title) in held["media"].get(kind, {}).items()
        }
        for kind in _media_models()
    }

    def swap(kind, old):
        if kind.startswith("child:"):
            return None  # the imported page's inline children are new rows
        if kind == "page":
            return pages.get(old)
        if kind == "revision":
            return revisions.get(old)
        if kind in media:
            return media[kind].get(old)
        return old

    return swap


def held_restore(held: dict, swap: Swap, summary: RecordsSummary) -> None:
    """Point the held rows at the imported pages, revisions and media."""
    # The replaced pages and media that came back were not deleted, as far as their
    # history goes; those the archive lacks keep their "wagtail.delete" entry.
    page_mark, media_mark = held["log_marks"]
    back = [old for old in held["pages"] if swap("page", old) is not None]
    PageLogEntry.objects.filter(pk__gt=page_mark, page__in=back, action="wagtail.delete").delete()
    for kind, model in _media_models().items():
        ModelLogEntry.objects.filter(
            pk__gt=media_mark, content_type=ContentType.objects.get_for_model(model), action="wagtail.delete",
            object_id__in=[str(old) for old in held["media"].get(kind, {}) if swap(kind, old) is not None],
        ).delete()
    for model, pk, name, old in held["links"]:
        new = swap("page", old)
        if new is not None:
            model.objects.filter(pk=pk, **{f"{name}__isnull": True}).update(**{name: new})
            summary.links_kept += 1
    for model, pk, name, old in held["revision_links"]:
        if (new := swap("revision", old)) is not None:
            model.objects.filter(pk=pk, **{f"{name}__isnull": True}).update(**{name: new})
    for pk, page, revision in held["page_logs"]:
        if (new := swap("page", page)) is not None:
            PageLogEntry.objects.filter(pk=pk).update(
                page=new, revision=swap("revision", revision) if revision else None
            )
            summary.page_log.kept += 1
    for pk, kind, old in held["media_logs"]:
        if (new := swap(kind, old)) is not None:
            ModelLogEntry.objects.filter(pk=pk).update(object_id=str(new))
            summary.media_log.kept += 1


# --- import ------------------------------------------------------------------------------


def _natural(model, fields: dict, names) -> dict:
    return {name: model._meta.get_field(name).to_python(fields[name]) for name in names}


def _rows_import(records: dict, swap: Swap, summary: RecordsSummary) -> None:
    for kind in owned():
        model, tally = kind.model_class, summary.owned_tally(kind.key)
        for row in records.get(kind.key, []):
            fields = _fields_rewrite(model, row["fields"], swap)
            if any(fields.get(name) is None for name in kind.required):
                tally.skipped += 1  # its unit is not in this database
                continue
            existing = model.objects.filter(**_natural(model, fields, kind.natural))
            if existing.exists():
                # Kept; the links it lost (its pages deleted with the portal) come back.
                for field in model._meta.concrete_fields:
                    if field.is_relation and field.null and fields.get(field.name) is not None:
                        existing.filter(**{f"{field.name}__isnull": True}).update(**{field.name: fields[field.name]})
                continue
            row_create(model, fields)
            tally.created += 1


def _count(tally: Tally, held: bool, n: int = 1) -> None:
    if held:
        tally.kept += n
    else:
        tally.created += n


def tasks_import(rows: list, swap: Swap, tally: Tally, *, held: bool = False) -> None:
    """Tasks whose Vietnamese page is here and that are not here yet; each finds its
    localize translation again (the one of its page into its language)."""
    TranslationTask = portal_model(TASK)  # noqa: N806 - a model class
    for row in rows:
        fields = _fields_rewrite(TranslationTask, row["fields"], swap)
        if fields["source_page"] is None or fields["unit"] is None or fields["locale"] is None:
            tally.skipped += 1
            continue
        natural = _natural(TranslationTask, fields, ("source_page", "locale", "published_at"))
        if TranslationTask.objects.filter(**natural).exists():
            continue
        if fields["completed_at"] is None and TranslationTask.objects.open().filter(
            source_page=fields["source_page"], locale=fields["locale"]
        ).exists():
            continue  # one open obligation per page and language
        page = Page.objects.get(pk=fields["source_page"])
        fields["translation"] = LocalizeTranslation.objects.filter(
            source__object_id=page.translation_key, source__locale_id=page.locale_id, target_locale=fields["locale"]
        ).values_list("pk", flat=True).first()
        row_create(TranslationTask, fields)
        _count(tally, held)


def _log_import(records: dict, swap: Swap, summary: RecordsSummary) -> None:
    for row in records["page_log"]:
        fields = _fields_rewrite(PageLogEntry, row["fields"], swap)
        if fields["page"] is None:
            continue
        fields["data"] = _log_data_rewrite(row["fields"]["data"], swap)
        natural = _natural(PageLogEntry, fields, ("page", "action", "timestamp"))
        if PageLogEntry.objects.filter(**natural).exists():
            continue
        row_create(PageLogEntry, fields)
        summary.page_log.created += 1
    for row in records["media_log"]:
        fields = _fields_rewrite(ModelLogEntry, row["fields"], swap)
        new = swap(row["kind"], int(row["fields"]["object_id"]))
        if new is None or fields["content_type"] is None:
            continue
        fields["object_id"] = str(new)
        natural = _natural(ModelLogEntry, fields, ("content_type", "object_id", "action", "timestamp"))
        if ModelLogEntry.objects.filter(**natural).exists():
            continue
        row_create(ModelLogEntry, fields)
        summary.media_log.created += 1


def comments_import(rows: list, swap: Swap, tally: Tally, *, held: bool = False) -> None:
    """Review comments on pages here by users here, with their replies. A comment already
    here (same page, author, time and place) is kept, and gets the replies it lacks."""
    for row in rows:
        fields = _fields_rewrite(Comment, row["fields"], swap)
        if fields["page"] is None or fields["user"] is None:
            tally.skipped += 1  # its page is not in the archive, or its author not here
            continue
        natural = _natural(Comment, fields, ("page", "user", "created_at", "contentpath"))
        comment = Comment.objects.filter(**natural).first()
        if comment is None:
            comment = row_create(Comment, fields)
            _count(tally, held)
        for reply in row["replies"]:
            reply_fields = {**_fields_rewrite(CommentReply, reply["fields"], swap), "comment": comment.pk}
            if reply_fields["user"] is None:
                continue
            if CommentReply.objects.filter(**_natural(CommentReply, reply_fields, ("comment", "user", "created_at"))
                                           ).exists():
                continue
            row_create(CommentReply, reply_fields)


def subscriptions_import(rows: list, swap: Swap, tally: Tally, *, held: bool = False) -> None:
    for row in rows:
        fields = _fields_rewrite(PageSubscription, row["fields"], swap)
        if fields["page"] is None or fields["user"] is None:
            continue
        _subscription, created = PageSubscription.objects.get_or_create(
            page_id=fields["page"], user_id=fields["user"],
            defaults={"comment_notifications": fields["comment_notifications"]},
        )
        _count(tally, held, int(created))


def _locales() -> dict[str, Locale]:
    """This database's locales by language code (looked up once, not once per row)."""
    return {locale.language_code: locale for locale in Locale.objects.all()}


def _path_rewrite(path: str, swap: Swap) -> str:
    """A content path names inline children by translation key (``leaders.<key>.photo``),
    which a copy changes."""
    parts = []
    for part in path.split("."):
        try:
            uuid.UUID(part)
        except ValueError:
            parts.append(part)
        else:
            parts.append(str(swap("translation_key", part)))
    return ".".join(parts)


def _context(key: str, path: str, field_path: str, swap: Swap) -> TranslationContext:
    path = _path_rewrite(path, swap)
    context, _ = TranslationContext.objects.get_or_create(
        object_id=key, path_id=TranslationContext._get_path_id(path), defaults={"path": path, "field_path": field_path}
    )
    return context


def _source_import(
    key: str, entry_ct: int, record: dict, swap: Swap, locales: dict[str, Locale], *, copy: bool
) -> TranslationSource | None:
    locale = locales.get(record["locale"])
    model = ContentType.objects.get_by_natural_key(*record["specific_content_type"].split(".")).model_class()
    if locale is None or model is None:
        return None
    self_kind = "page" if issubclass(model, Page) else None
    content = data_rewrite(model, json.loads(record["content_json"]), swap, self_kind=self_kind)
    obj, _ = TranslatableObject.objects.get_or_create(translation_key=key, defaults={"content_type_id": entry_ct})
    values = {
        "specific_content_type_id": ContentType.objects.get_for_model(model).pk,
        "object_repr": record["object_repr"], "content_json": json.dumps(content, ensure_ascii=False),
        "schema_version": record["schema_version"],
        "last_updated_at": as_datetime(TranslationSource, "last_updated_at", record["last_updated_at"]),
    }
    # The database's source of a replaced page holds the old ids: the archive's replaces it.
    source, _ = TranslationSource.objects.update_or_create(object=obj, locale=locale, defaults=values)
    TranslationSource.objects.filter(pk=source.pk).update(
        created_at=as_datetime(TranslationSource, "created_at", record["created_at"])
    )
    source.refresh_segments()
    for item in record["translations"]:
        target = locales.get(item["target_locale"])
        if target is None:
            continue
        translation = LocalizeTranslation.objects.filter(source=source, target_locale=target).first()
        if translation is None:
            taken = LocalizeTranslation.objects.filter(uuid=item["uuid"]).exists()
            translation = LocalizeTranslation.objects.create(
                source=source, target_locale=target, uuid=uuid.uuid4() if taken or copy else item["uuid"],
                enabled=item["enabled"],
            )
        LocalizeTranslation.objects.filter(pk=translation.pk).update(**{
            name: as_datetime(LocalizeTranslation, name, item[name])
            for name in ("created_at", "translations_last_updated_at", "destination_last_updated_at")
        }, enabled=item["enabled"])
    for item in record["logs"]:
        target = locales.get(item["locale"])
        if target is None:
            continue
        created = as_datetime(TranslationLog, "created_at", item["created_at"])
        if TranslationLog.objects.filter(source=source, locale=target, created_at=created).exists():
            continue
        log = TranslationLog.objects.create(
            source=source, locale=target, revision_id=swap("revision", item["revision"]) if item["revision"] else None
        )
        TranslationLog.objects.filter(pk=log.pk).update(created_at=created)
    return source


def localize_import(entries: list, swap: Swap, summary: RecordsSummary, *, copy: bool,
                    keep_sources: bool = False) -> None:
    """The sources (rebuilt segments), translations and log of ``entries``; the
    translators' strings and overrides where the database has none for that place and
    language. ``keep_sources``: a source already here (held over a --replace, so newer
    than the archive's) is kept."""
    locales = _locales()
    for entry in entries:
        key = str(swap("translation_key", entry["translation_key"]))
        entry_ct = content_type_id(entry["content_type"])
        if entry_ct is None:
            continue
        for record in entry["sources"]:
            if keep_sources and TranslationSource.objects.filter(
                object_id=key, locale__language_code=record["locale"]
            ).exists():
                continue
            if _source_import(key, entry_ct, record, swap, locales, copy=copy) is not None:
                summary.localize_sources.created += 1
        if not TranslatableObject.objects.filter(translation_key=key).exists():
            continue
        for item in entry["strings"]:
            source_locale, locale = locales.get(item["source_locale"]), locales.get(item["locale"])
            if source_locale is None or locale is None:
                continue
            string, _ = String.objects.get_or_create(
                locale=source_locale, data_hash=String._get_data_hash(item["source"]), defaults={"data": item["source"]}
            )
            context = _context(key, item["path"], item["field_path"], swap)
            if StringTranslation.objects.filter(translation_of=string, locale=locale, context=context).exists():
                continue
            created = StringTranslation.objects.create(
                translation_of=string, locale=locale, context=context, data=item["data"],
                translation_type=item["translation_type"], tool_name=item["tool_name"],
                last_translated_by_id=None if copy else swap("user", item["last_translated_by"]),
                has_error=item["has_error"], field_error=item["field_error"],
            )
            StringTranslation.objects.filter(pk=created.pk).update(
                created_at=as_datetime(StringTranslation, "created_at", item["created_at"]),
                updated_at=as_datetime(StringTranslation, "updated_at", item["updated_at"]),
            )
            summary.localize_strings.created += 1
        for item in entry["overrides"]:
            locale = locales.get(item["locale"])
            if locale is None:
                continue
            data_json = item["data_json"]
            if item["kind"]:
                new = swap(item["kind"], json.loads(data_json))
                if new is None:
                    continue
                data_json = json.dumps(new)
            context = _context(key, item["path"], item["field_path"], swap)
            if SegmentOverride.objects.filter(locale=locale, context=context).exists():
                continue
            created = SegmentOverride.objects.create(
                locale=locale, context=context, data_json=data_json,
                last_translated_by_id=None if copy else swap("user", item["last_translated_by"]),
                has_error=item["has_error"], field_error=item["field_error"],
            )
            SegmentOverride.objects.filter(pk=created.pk).update(
                created_at=as_datetime(SegmentOverride, "created_at", item["created_at"]),
                updated_at=as_datetime(SegmentOverride, "updated_at", item["updated_at"]),
            )


def records_import(
    records: dict, swap: Swap, held: dict | None, new_page_ids, media_by_sha1: dict, *, copy: bool,
    summary: RecordsSummary,
) -> None:
    """Everything in ``records`` (see the module's docstring), counted in ``summary``;
    ``held`` (a --replace) re-attached first, so that it wins over the archive's copies.
    ``media_by_sha1``: see ``held_swap``. ``new_page_ids`` in tree order: the portal's
    home first, whose workflow takes the pages in moderation."""
    if copy:
        localize_import(records["localize"], swap, summary, copy=True)
        summary.not_copied = sum(len(records.get(kind, [])) for kind in kinds() if kind != "localize")
        return
    if held is not None:
        keep = held_swap(held, new_page_ids, media_by_sha1)
        # The held sources are newer than the archive's; what they bring is not counted.
        localize_import(held["localize"], keep, RecordsSummary(), copy=False)
        held_restore(held, keep, summary)
        tasks_import(held["tasks"], keep, summary.tasks, held=True)
        comments_import(held["comments"], keep, summary.comments, held=True)
        subscriptions_import(held["subscriptions"], keep, summary.subscriptions, held=True)
        moderation.states_import(held["workflow_states"], keep, new_page_ids[0], summary.workflow_states, held=True)
    localize_import(records["localize"], swap, summary, copy=False, keep_sources=held is not None)
    tasks_import(records["tasks"], swap, summary.tasks)
    _rows_import(records, swap, summary)
    _log_import(records, swap, summary)
    comments_import(records["comments"], swap, summary.comments)
    subscriptions_import(records["subscriptions"], swap, summary.subscriptions)
    moderation.states_import(records["workflow_states"], swap, new_page_ids[0], summary.workflow_states)
