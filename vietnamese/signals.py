"""Storage-level guarantee: text fields are saved in Unicode NFC.

The middleware and validators fix text on the way in; this ``pre_save``
receiver catches everything else that goes through ``Model.save()`` (admin
actions, management commands, imports, fixtures, Wagtail revisions): every
``CharField``/``TextField`` string on the instance (including subclasses such
as ``EmailField``, ``SlugField`` and Wagtail's ``RichTextField``) is
NFC-normalised.  It does *not* convert legacy encodings: that needs the
ambiguity handling of :func:`vietnamese.text.clean_vietnamese_text`, which
belongs in forms, not in ``save()``.

Not covered (no ``pre_save`` is sent): ``QuerySet.update()``,
``bulk_create()``/``bulk_update()`` and raw SQL; nor JSON-based fields such as
Wagtail's ``StreamField``.
"""

from __future__ import annotations

import unicodedata

from django.db.models import CharField, TextField

#: Field names that are never touched (hashed passwords must stay byte-exact).
EXCLUDED_FIELD_NAMES = frozenset({"password"})


def normalize_text_fields(sender, instance, update_fields=None, **kwargs) -> None:
    """``pre_save`` receiver: NFC-normalise the instance's text field values.

    Cheap: only strings that are not already NFC are rewritten.  Deferred
    fields (not loaded) are skipped rather than fetched, and with
    ``save(update_fields=...)`` only the fields being saved are looked at.
    """
    meta = getattr(instance, "_meta", None)
    if meta is None:
        return
    loaded = instance.__dict__
    for field in meta.concrete_fields:
        if not isinstance(field, (CharField, TextField)) or field.name in EXCLUDED_FIELD_NAMES:
            continue
        if update_fields is not None and not {field.name, field.attname} & set(update_fields):
            continue
        value = loaded.get(field.attname)
        if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
            setattr(instance, field.attname, unicodedata.normalize("NFC", value))
