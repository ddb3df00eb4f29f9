"""Form support: refuse doubtful legacy-encoded text field by field (Điều 4).

The middleware already converts text it is confident about; what is left and still
looks like TCVN3/VNI is refused here with a message on the field, so it is never
stored garbled.
"""

from django.core.exceptions import ValidationError

from vietnamese.text import clean_vietnamese_text


class VietnameseTextFormMixin:
    """Cleans every string in ``cleaned_data``; add it before the form's base class."""

    def clean(self):
        cleaned_data = super().clean()
        for name, value in list(cleaned_data.items()):
            if not isinstance(value, str) or not value or "password" in name:
                continue
            try:
                cleaned_data[name] = clean_vietnamese_text(value)
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned_data
