"""Which uploads are accepted: type by content, extension matching content, size.

``upload_errors`` is a plain function so that Wagtail's forms (``uploads.forms``), the
Q&A attachments and any API serializer refuse the same files with the same messages.
"""

import os

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from uploads import sniffing

DOCUMENT_KINDS = frozenset(
    {sniffing.PDF, sniffing.DOC, sniffing.DOCX, sniffing.XLS, sniffing.XLSX, sniffing.ODT, sniffing.ODS, sniffing.CSV}
)
IMAGE_KINDS = frozenset({sniffing.JPEG, sniffing.PNG, sniffing.GIF, sniffing.WEBP})

MESSAGE_EMPTY = _("The file is empty.")
MESSAGE_TOO_LARGE = _("The file is %(size)s; the limit is %(limit)s.")
MESSAGE_PROGRAM = _("Programs and scripts cannot be uploaded.")
MESSAGE_TYPE_NOT_ALLOWED = _("The content of this file is not an allowed type. Allowed types: %(allowed)s.")
MESSAGE_EXTENSION_MISMATCH = _(
    "The file name ends in “.%(extension)s” but its content is %(kind)s. Rename the file or upload the right one."
)

# Windows (MZ), Linux (ELF), macOS (Mach-O, 32/64-bit, universal) programs and scripts.
PROGRAM_SIGNATURES = (
    b"MZ", b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe", b"#!",
)


def _kind_label(kind: str) -> str:
    return kind.upper()


def upload_errors(upload, *, allowed: frozenset[str], max_size: int) -> list[str]:
    """Messages explaining why ``upload`` (a Django ``File``) is refused; empty if accepted."""
    size = upload.size
    if not size:
        return [str(MESSAGE_EMPTY)]
    if size > max_size:
        return [str(MESSAGE_TOO_LARGE) % {"size": filesizeformat(size), "limit": filesizeformat(max_size)}]
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(PROGRAM_SIGNATURES):
        return [str(MESSAGE_PROGRAM)]
    kind = sniffing.sniff(upload)
    if kind not in allowed:
        labels = ", ".join(sorted({_kind_label(k) for k in allowed}))
        return [str(MESSAGE_TYPE_NOT_ALLOWED) % {"allowed": labels}]
    extension = os.path.splitext(upload.name or "")[1].lstrip(".").lower()
    if extension not in sniffing.EXTENSIONS[kind]:
        return [str(MESSAGE_EXTENSION_MISMATCH) % {"extension": extension, "kind": _kind_label(kind)}]
    return []


def allowed_extensions(kinds: frozenset[str]) -> list[str]:
    """Extensions of ``kinds``, for Wagtail's WAGTAILDOCS/IMAGES_EXTENSIONS settings."""
    return sorted(set().union(*(sniffing.EXTENSIONS[kind] for kind in kinds)))


__all__ = [
    "DOCUMENT_KINDS", "IMAGE_KINDS", "MESSAGE_EMPTY", "MESSAGE_EXTENSION_MISMATCH", "MESSAGE_PROGRAM",
    "MESSAGE_TOO_LARGE", "MESSAGE_TYPE_NOT_ALLOWED", "allowed_extensions", "upload_errors",
]
