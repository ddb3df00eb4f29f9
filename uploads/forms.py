"""Wagtail's document and image forms with the platform's upload rules.

Wired in through ``WAGTAILDOCS_DOCUMENT_FORM_BASE`` and
``WAGTAILIMAGES_IMAGE_FORM_BASE`` (settings/base.py), so every upload path of the
admin (single, multiple, chooser) refuses the same files: by content, by size, with an
extension that matches the content. Accepted files are stored under a safe ASCII name;
the title keeps the original Vietnamese name.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from uploads.filenames import safe_storage_name, title_from_name
from uploads.validation import DOCUMENT_KINDS, IMAGE_KINDS, upload_errors

# Wagtail's default when WAGTAILIMAGES_MAX_UPLOAD_SIZE is not set.
WAGTAIL_IMAGE_DEFAULT_MAX_SIZE = 10 * 1024 * 1024


class _SafeUploadMixin:
    allowed_kinds: frozenset[str] = frozenset()

    def max_upload_size(self) -> int:
        raise NotImplementedError

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # Unchanged on edit: the stored file was checked when it was uploaded.
        if not upload or "file" not in self.changed_data:
            return upload
        if problems := upload_errors(upload, allowed=self.allowed_kinds, max_size=self.max_upload_size()):
            raise ValidationError(problems)
        self._original_name = upload.name
        upload.name = safe_storage_name(upload.name)
        return upload

    def clean(self):
        cleaned_data = super().clean()
        original = getattr(self, "_original_name", None)
        if original and "title" in self.fields and not cleaned_data.get("title"):
            cleaned_data["title"] = title_from_name(original)
            self.errors.pop("title", None)
        return cleaned_data


class SafeDocumentForm(_SafeUploadMixin, BaseDocumentForm):
    allowed_kinds = DOCUMENT_KINDS

    def max_upload_size(self) -> int:
        return settings.WAGTAILDOCS_MAX_UPLOAD_SIZE


class SafeImageForm(_SafeUploadMixin, BaseImageForm):
    allowed_kinds = IMAGE_KINDS

    def max_upload_size(self) -> int:
        return getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", WAGTAIL_IMAGE_DEFAULT_MAX_SIZE)
