"""S3 storages for media (django-storages).

``MediaStorage`` is the default storage in production: Wagtail images and renditions
are public (plain URLs, or the CDN domain), documents are signed. ``PrivateMediaStorage``
signs every URL; models whose files carry personal data use it through
``private_storage``, e.g. ``FileField(storage=private_storage)``, which resolves to the
``private`` entry of STORAGES (on disk in development, S3 in production).
"""

from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.storage import storages
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

# What a storage raises when it could not keep a file: the S3 server unreachable or
# refusing (after botocore's retries), or the disk of the filesystem storage. Callers
# catch these to tell the user the file was not saved (issue #9 item 4).
STORAGE_ERRORS = (BotoCoreError, ClientError, OSError)

# Wagtail's Document.file uses upload_to="documents": a document may belong to a page
# that is not published yet, so its URL is signed and expires.
SIGNED_PREFIXES = ("documents/",)


class MediaStorage(S3Storage):
    """Public images and renditions; signed, expiring URLs for documents."""

    querystring_auth = False

    def url(self, name, parameters=None, expire=None, http_method=None):
        if clean_name(name).startswith(SIGNED_PREFIXES):
            return self.signed_url(name, parameters=parameters, expire=expire, http_method=http_method)
        return super().url(name, parameters=parameters, expire=expire, http_method=http_method)

    def signed_url(self, name, *, parameters=None, expire=None, http_method=None) -> str:
        """A presigned GET URL for ``name`` against the S3 endpoint (never the CDN)."""
        params = dict(parameters or {}, Bucket=self.bucket.name, Key=self._normalize_name(clean_name(name)))
        return self.connection.meta.client.generate_presigned_url(
            "get_object", Params=params, ExpiresIn=expire or self.querystring_expire, HttpMethod=http_method
        )


class PrivateMediaStorage(S3Storage):
    """Every URL signed and expiring; objects under ``private/``."""

    querystring_auth = True
    location = "private"
    custom_domain = None


def private_storage():
    """The ``private`` storage, for ``FileField(storage=private_storage)``.

    A callable, so migrations record a reference rather than the backend in use.
    """
    return storages["private"]
