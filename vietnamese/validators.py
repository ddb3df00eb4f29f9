"""Validators for forms and serializers.

Use on any free-text field where editors or the public may paste text::

    title = forms.CharField(validators=[validate_vietnamese_text])

    class NoticeSerializer(serializers.Serializer):
        title = serializers.CharField(validators=[validate_vietnamese_text])
"""

from __future__ import annotations

from .text import clean_vietnamese_text


def validate_vietnamese_text(value) -> None:
    """Raise :class:`~vietnamese.text.LegacyEncodingError` for doubtful text.

    Exactly when :func:`~vietnamese.text.clean_vietnamese_text` would raise:
    the value shows TCVN3/VNI fingerprints but cannot be converted with
    confidence.  Non-strings and empty values are ignored (``required`` is
    the field's business).  A validator cannot change the value: text that
    is confidently legacy passes here and is converted by
    ``VietnameseTextMiddleware`` (or call ``clean_vietnamese_text`` in the
    form's ``clean_<field>()``).
    """
    if isinstance(value, str) and value:
        clean_vietnamese_text(value)
