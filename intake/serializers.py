"""API shapes every public intake shares."""

from __future__ import annotations

from rest_framework import serializers

from intake.agency import MESSAGE_AGENCY_UNKNOWN, agency_for_slug
from vietnamese.validators import validate_vietnamese_text


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


def optional_text(max_length: int | None, help_text: str = "", **kwargs) -> serializers.CharField:
    """A text field the rules judge, not DRF: "required" would answer in DRF's words
    instead of the rules' messages, identical to the portal form's."""
    if max_length is not None:
        kwargs["max_length"] = max_length
    return serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=help_text,
        validators=[validate_vietnamese_text],
        **kwargs,
    )


def agency_field(help_text: str) -> serializers.SlugField:
    """The optional ``agency`` slug a sender may name; blank means the portal's own unit."""
    return serializers.SlugField(required=False, allow_blank=True, default="", help_text=help_text)


def agency_unknown_errors(slug: str) -> dict[str, list[str]]:
    """``{"agency": [message]}`` when a slug was given and no unit has it, else nothing."""
    if slug and agency_for_slug(slug) is None:
        return {"agency": [str(MESSAGE_AGENCY_UNKNOWN)]}
    return {}


class IntakeRulesMixin:
    """``validate`` runs the app's intake rules over its fields, so the API refuses with
    the very messages of the portal's form, every field's at once.

    A serializer sets ``intake_fields`` (the rules' field names) and writes
    ``intake_errors(**values)`` (the rules' function: field name → messages); it may add
    checks that need more than the rules in ``intake_extra_errors``.
    """

    intake_fields: tuple[str, ...] = ()

    def intake_errors(self, **values) -> dict:
        raise NotImplementedError

    def intake_extra_errors(self, attrs) -> dict:
        return {}

    def validate(self, attrs):
        errors = self.intake_errors(**{name: attrs.get(name) for name in self.intake_fields})
        errors.update(self.intake_extra_errors(attrs))
        if errors:
            raise serializers.ValidationError(errors)
        return attrs
