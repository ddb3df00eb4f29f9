"""Which documents and images a page may use (issue #16 item 1).

A page of one portal could reference any document by id (a StreamField ``document``
block, a rich text link, an inline file), and publishing the page then made the document
public, since ``security.documents`` serves a document that a live public page uses. Two
rules close this:

- on save, a page form refuses a document or image the editor may not choose (Wagtail's
  ``choose`` permission on its collection: the portal's own library, plus collections
  shared with the board on purpose), unless the page already used it before this edit;
- when serving, a page only makes public what lies in a collection its portal may use
  (``portal_media_collections``), whoever saved it.
"""

import json

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _
from wagtail.blocks import StreamBlockValidationError
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Collection, ReferenceIndex
from wagtail.permissions import policy_registry

# The message names ids only: a title would tell the editor what another portal holds.
MEDIA_NOT_CHOOSABLE = _(
    "You may only use documents and images of your portal's library or of a library shared with it "
    "(not allowed: %(items)s)."
)


def _ancestor_or_self(collections):
    """Rows of ``collections`` whose tree path is a prefix of the outer collection's."""
    return collections.filter(path=Substr(OuterRef("path"), 1, Length("path")))


def portal_media_collections(*, unit, model):
    """Collections whose ``model`` items (documents or images) the pages of ``unit``'s
    portal may make public: the portal's own library and what lies under it, collections
    of no portal (the shared library the administrators keep), and collections on which
    an administrator gave the portal's board the choose permission on purpose."""
    owned_by_portals = Collection.objects.filter(unit__isnull=False)
    shared = ~Exists(_ancestor_or_self(owned_by_portals))
    if unit is None:
        return Collection.objects.filter(shared)
    own = Collection.objects.filter(pk=unit.collection_id)
    given = Collection.objects.filter(
        group_permissions__group__board_group__unit=unit,
        group_permissions__permission__content_type__app_label=model._meta.app_label,
        group_permissions__permission__codename=f"choose_{model._meta.model_name}",
    )
    return Collection.objects.filter(Q(Exists(_ancestor_or_self(own))) | shared | Q(Exists(_ancestor_or_self(given))))


def _media_models():
    return (get_document_model(), get_image_model())


def _base_model(model):
    """The model the reference index files ``model``'s items under (a custom image model's
    concrete base is the model itself)."""
    return ReferenceIndex._get_base_content_type(model).model_class()


def _references(model_field, value) -> set[tuple[type, str]]:
    """(base model, id) of every document or image ``value`` of ``model_field`` refers to."""
    media = {_base_model(model) for model in _media_models()}
    if value in (None, ""):
        return set()
    if getattr(model_field, "many_to_one", False) and model_field.related_model in _media_models():
        return {(_base_model(model_field.related_model), str(getattr(value, "pk", value)))}
    if hasattr(model_field, "extract_references"):
        found = set()
        for to_model, to_id, _path, _content_path in model_field.extract_references(value):
            base = _base_model(to_model)
            if base in media:
                found.add((base, str(to_id)))
        return found
    return set()


def _form_references(form) -> dict[str, set]:
    """The references of each field of a validated model form, by field name."""
    by_field = {}
    meta = form._meta.model._meta
    for name, value in getattr(form, "cleaned_data", {}).items():
        try:
            model_field = meta.get_field(name)
        except FieldDoesNotExist:  # a form-only field (comment notifications)
            continue
        found = _references(model_field, value)
        if found:
            by_field[name] = found
    return by_field


def _instance_references(instance) -> set[tuple[type, str]]:
    media = {_base_model(model) for model in _media_models()}
    found = set()
    for content_type_id, to_id, _path, _content_path in ReferenceIndex._extract_references_from_object(instance):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model in media:
            found.add((model, str(to_id)))
    return found


def _choosable(user, references: set) -> set:
    """The references ``user`` may choose (one query per model referred to)."""
    allowed = set()
    for model in {model for model, _ in references}:
        ids = [pk for m, pk in references if m is model and pk.isdigit()]
        policy = policy_registry.get_by_type(model)
        chosen = policy.instances_user_has_permission_for(user, "choose").filter(pk__in=ids)
        allowed |= {(model, str(pk)) for pk in chosen.values_list("pk", flat=True)}
    return allowed


def _previous_references(instance) -> set:
    """What the page used before this edit (its latest revision, else its saved row):
    an editor may keep media someone allowed to choose it put there."""
    if instance.pk is None:
        return set()
    saved = type(instance).objects.filter(pk=instance.pk).first()
    if saved is None:
        return set()
    latest = saved.get_latest_revision_as_object() if hasattr(saved, "get_latest_revision_as_object") else saved
    return _instance_references(latest) | _instance_references(saved)


def _field_error(model_field, message):
    if isinstance(model_field, StreamField):
        return StreamBlockValidationError(non_block_errors=forms.ValidationError(message))
    return forms.ValidationError(message)


def _scrubbed(value: str, ids: set[str]) -> str:
    """``value`` without the refused ids: a chooser's id, or a rich text editor's link or
    embed to one (its entity keeps its text but loses the id)."""
    if value in ids:
        return ""
    if '"entityMap"' not in value:
        return value
    try:
        state = json.loads(value)
    except ValueError:
        return value
    for entity in state.get("entityMap", {}).values():
        if entity.get("type") in ("DOCUMENT", "IMAGE") and str(entity.get("data", {}).get("id")) in ids:
            entity["data"] = {}
    return json.dumps(state)


# The keys a StreamField's form data keeps beside the blocks' values.
STREAM_BOOKKEEPING = {"count", "type", "deleted", "order", "id"}


def _data_scrub(form, name: str, refused: set) -> None:
    """Drop the refused media from what the form shows again: the choosers would render
    the other portal's titles, file names and thumbnails."""
    ids = {pk for _model, pk in refused}
    prefix = form.add_prefix(name)
    data = form.data.copy()
    for key in data:
        if key == prefix or (key.startswith(f"{prefix}-") and key.rsplit("-", 1)[1] not in STREAM_BOOKKEEPING):
            data.setlist(key, [_scrubbed(value, ids) if isinstance(value, str) else value
                               for value in data.getlist(key)])
    form.data = data


class ChoosableMediaFormMixin:
    """Refuses, on save, documents and images the editor may not choose (issue #16 item 1).

    Runs once the form and its inline formsets are otherwise valid, so the cleaned values
    are final; each refusal is put on the field that holds it."""

    def is_valid(self):
        valid = super().is_valid()
        if not valid or getattr(self, "_media_checked", False):
            return valid
        self._media_checked = True
        user = getattr(self, "for_user", None)
        if user is None:
            return valid
        forms_to_check = [self] + [
            child for formset in getattr(self, "formsets", {}).values() for child in formset.forms
            if child.has_changed() and not formset._should_delete_form(child)
        ]
        by_form = [(form, _form_references(form)) for form in forms_to_check]
        wanted = {ref for _form, fields in by_form for refs in fields.values() for ref in refs}
        refused = wanted - _choosable(user, wanted)
        if refused:
            refused -= _previous_references(self.instance)
        if not refused:
            return valid
        for form, fields in by_form:
            for name, refs in fields.items():
                if refs & refused:
                    items = ", ".join(f"{model._meta.verbose_name} #{pk}" for model, pk in sorted(
                        refs & refused, key=lambda ref: (ref[0]._meta.model_name, int(ref[1]) if ref[1].isdigit() else 0)))
                    model_field = form._meta.model._meta.get_field(name)
                    form.add_error(name, _field_error(model_field, MEDIA_NOT_CHOOSABLE % {"items": items}))
                    _data_scrub(form, name, refs & refused)
        return False
