"""Rows as the archive carries them, shared by ``transfer.submissions``, ``transfer.records``
and ``transfer.moderation`` (issue #24: they imported each other's private helpers).

A row is Django's "python" serialisation of one object (:func:`record_of`); it is
created again as archived, without signals (:func:`row_create`). A ``Swap`` maps an
old id of a kind (``transfer.remap``: "page", "unit", "user", "revision", …) to this
database's id, or None when there is none.
"""

from collections.abc import Callable

from django.core import serializers
from wagtail.models import Page

Swap = Callable[[str, object], object]


def record_of(obj) -> dict:
    (record,) = serializers.serialize("python", [obj])
    return record


def row_create(model, fields: dict):
    """Insert one row as archived. ``bulk_create`` sends no ``post_save``: no receiver
    (the English answer's obligation, its translators' e-mail) runs again."""
    data = {"model": model._meta.label_lower, "pk": None, "fields": fields}
    (item,) = serializers.deserialize("python", [data], ignorenonexistent=True)
    # bulk_create stamps auto_now(_add) fields with the time of the import: give back the original.
    stamped = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    kept = {f.attname: getattr(item.object, f.attname) for f in stamped}
    (obj,) = model.objects.bulk_create([item.object])
    if kept:
        model.objects.filter(pk=obj.pk).update(**kept)
    return obj


def as_datetime(model, name: str, value):
    """The archive holds ISO strings, the held records datetimes: compare them alike."""
    return model._meta.get_field(name).to_python(value)


def page_identities(pages) -> dict[int, tuple]:
    """pk -> (translation key, locale, URL path, page type) of ``pages``: what finds a
    held row's page again among the imported ones (``pages_match``)."""
    rows = pages.values_list("pk", "translation_key", "locale_id", "url_path", "content_type_id")
    return {pk: (str(key), locale, path, kind) for pk, key, locale, path, kind in rows}


def pages_match(held_pages: dict, new_page_ids, *, same_type: bool) -> dict:
    """Old page id (``held_pages``: its ``page_identities``) -> the page among
    ``new_page_ids`` of the same translation key and locale (a restore keeps keys), else
    of the same URL path (a copy gets new keys); with ``same_type``, of the same page
    type too. None where there is none."""

    def typed(kind):
        return kind if same_type else None

    by_key, by_path = {}, {}
    for pk, (key, locale, path, kind) in page_identities(Page.objects.filter(pk__in=new_page_ids)).items():
        by_key[(key, locale, typed(kind))] = pk
        by_path[(path, typed(kind))] = pk
    return {
        old: by_key.get((key, locale, typed(kind))) or by_path.get((path, typed(kind)))
        for old, (key, locale, path, kind) in held_pages.items()
    }
