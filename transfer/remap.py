"""Rewriting the ids held inside a page's serialised data (issue #8 item 7).

A page's data (``Page.serializable_data()``) and every revision's ``content`` have the
same shape: field values by name, foreign keys as ids, StreamFields as JSON, rich text
as HTML, inline children as lists of such dicts. Moving a portal to another database
gives its pages, images and documents new ids, so every place that holds one is found
here from the model and block definitions, not from a list of field names: a page type
or block added later is rewritten without touching this module.

Each id goes through ``swap(kind, old_id) -> new_id`` where kind names what it points
at (``page``, ``image``, ``document``, ``unit``, ``user``, ``contenttype``, ``locale``,
``revision``, ``child:<app.model>``, ``translation_key``). Export passes a ``swap``
that records what is referenced; import one that looks the new ids up. ``None`` from
``swap`` means "nothing here any more": a foreign key is emptied, a rich-text link
loses its target and an embedded image is dropped.
"""

import json
import re
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock
from wagtail.models import COMMENTS_RELATION_NAME, Locale, Page, Revision
from wagtail.rich_text import features
from wagtail.rich_text.rewriters import FIND_A_TAG, FIND_EMBED_TAG, extract_attrs

from tenants.models import Unit

Swap = Callable[[str, object], object]

_ID_ATTR = re.compile(r'(\bid=")([^"]*)(")')


def kind_of(model) -> str | None:
    """What an id pointing at ``model`` is remapped as; None leaves it as it is."""
    if model is None:
        return None
    for kind, target in (
        ("page", Page), ("image", get_image_model()), ("document", get_document_model()), ("unit", Unit),
        ("user", get_user_model()), ("contenttype", ContentType), ("locale", Locale), ("revision", Revision),
    ):
        if issubclass(model, target):
            return kind
    return None


def child_kind(model) -> str:
    return f"child:{model._meta.label_lower}"


def content_type_label(content_type_id) -> str:
    """A content type as the archive names it (``app_label.model``): ids differ between
    databases."""
    ct = ContentType.objects.get_for_id(content_type_id)
    return f"{ct.app_label}.{ct.model}"


def content_type_id(label: str) -> int | None:
    """This database's id of the content type ``label`` names; None if it has none."""
    try:
        return ContentType.objects.get_by_natural_key(*label.split(".")).pk
    except ContentType.DoesNotExist:
        return None


# --- rich text ---------------------------------------------------------------------------


def _tag_rewrite(tag: str, attrs: dict, handler, swap: Swap) -> str:
    try:
        references = list(handler.extract_references(attrs))
    except (KeyError, ValueError):
        return tag
    if not references:
        return tag
    kind = kind_of(references[0][0])
    if kind is None:
        return tag
    new_id = swap(kind, _as_id(attrs.get("id")))
    if new_id is None:
        return ""
    return _ID_ATTR.sub(lambda m: f"{m.group(1)}{new_id}{m.group(3)}", tag, count=1)


def rich_text_rewrite(html: str, swap: Swap) -> str:
    """Rewrite ``<a linktype=… id=…>`` and ``<embed embedtype=… id=…/>`` ids. A link whose
    target is gone keeps its text as a plain ``<a>``; an embed whose target is gone goes."""
    if not html:
        return html
    link_types, embed_types = features.get_link_types(), features.get_embed_types()

    def link(match):
        attrs = extract_attrs(match.group(1))
        handler = link_types.get(attrs.get("linktype"))
        if handler is None:
            return match.group(0)
        return _tag_rewrite(match.group(0), attrs, handler, swap) or "<a>"

    def embed(match):
        attrs = extract_attrs(match.group(1))
        handler = embed_types.get(attrs.get("embedtype"))
        if handler is None:
            return match.group(0)
        return _tag_rewrite(match.group(0), attrs, handler, swap)

    return FIND_EMBED_TAG.sub(embed, FIND_A_TAG.sub(link, html))


def _as_id(value):
    # Ids come back from JSON and HTML as int or str; the maps are keyed by int.
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


# --- StreamField ----------------------------------------------------------------------------


def block_rewrite(block, raw, swap: Swap):
    """Rewrite the raw (JSON) value of ``block`` by walking the block definition."""
    if raw is None:
        return raw
    if isinstance(block, blocks.StreamBlock):
        return [_stream_child_rewrite(block, item, swap) for item in raw]
    if isinstance(block, blocks.ListBlock):
        return [_list_item_rewrite(block.child_block, item, swap) for item in raw]
    if isinstance(block, ImageBlock) and not isinstance(raw, dict):
        # Wagtail's ImageBlock also accepts a bare image id (its older storage).
        return swap("image", _as_id(raw))
    if isinstance(block, blocks.StructBlock):
        if not isinstance(raw, dict):
            return raw
        return {
            name: block_rewrite(block.child_blocks[name], value, swap) if name in block.child_blocks else value
            for name, value in raw.items()
        }
    if isinstance(block, blocks.ChooserBlock):
        kind = kind_of(block.model_class)
        return swap(kind, _as_id(raw)) if kind else raw
    if isinstance(block, blocks.RichTextBlock):
        return rich_text_rewrite(raw, swap)
    return raw


def _stream_child_rewrite(block, item, swap: Swap):
    if not isinstance(item, dict) or item.get("type") not in block.child_blocks:
        return item
    return {**item, "value": block_rewrite(block.child_blocks[item["type"]], item.get("value"), swap)}


def _list_item_rewrite(child_block, item, swap: Swap):
    # ListBlock stores {"type": "item", "value": …, "id": …} since Wagtail 2.16, bare values before.
    if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
        return {**item, "value": block_rewrite(child_block, item["value"], swap)}
    return block_rewrite(child_block, item, swap)


def stream_rewrite(field: StreamField, value, swap: Swap):
    """``value`` as found in serialised data: a JSON string (or an already decoded list)."""
    if not value:
        return value
    if isinstance(value, str):
        try:
            raw = json.loads(value)
        except ValueError:
            return value
        return json.dumps(block_rewrite(field.stream_block, raw, swap), ensure_ascii=False)
    return block_rewrite(field.stream_block, value, swap)


# --- model data ------------------------------------------------------------------------------


def _field_rewrite(field, value, swap: Swap):
    if isinstance(field, StreamField):
        return stream_rewrite(field, value, swap)
    if isinstance(field, RichTextField):
        return rich_text_rewrite(value, swap)
    if isinstance(field, models.ForeignKey) and value is not None:
        kind = kind_of(field.related_model)
        return swap(kind, _as_id(value)) if kind else value
    if field.name == "translation_key" and value is not None:
        return swap("translation_key", value)
    return value


def data_rewrite(model, data: dict, swap: Swap, *, self_kind: str | None = None) -> dict:
    """A copy of ``data`` (serialised ``model``) with every id it holds swapped.

    ``self_kind`` is how the object's own ``pk`` is remapped (``page`` for a page,
    ``child:…`` for an inline child). Editors' review comments are left out: they are
    carried as records of their own, with their replies (``transfer.records``)."""
    from modelcluster.models import get_all_child_relations

    data = dict(data)
    if self_kind and data.get("pk") is not None:
        data["pk"] = swap(self_kind, _as_id(data["pk"]))
    for field in model._meta.concrete_fields:
        if field.name in data and not field.primary_key:
            data[field.name] = _field_rewrite(field, data[field.name], swap)
    for relation in get_all_child_relations(model):
        name = relation.get_accessor_name()
        if name not in data:
            continue
        if name == COMMENTS_RELATION_NAME:
            data[name] = []
            continue
        child_model = relation.related_model
        data[name] = [
            data_rewrite(child_model, child, swap, self_kind=child_kind(child_model)) for child in data[name] or []
        ]
    return data
