"""API shapes every public intake shares."""

from __future__ import annotations

from rest_framework import serializers

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
