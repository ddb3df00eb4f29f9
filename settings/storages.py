"""Storage settings built from the environment (imported by the settings modules, so
it imports nothing of Django's models nor boto3).

Three storages:

``default``
    Wagtail images, renditions and documents (``uploads.storage.MediaStorage``).
    Images and renditions get plain, cacheable URLs; keys under ``documents/`` only
    get signed, expiring URLs, which Wagtail's document view redirects to after its
    own permission checks (``WAGTAILDOCS_SERVE_METHOD = "redirect"``).
``private``
    Files that must never be public, such as Q&A sender attachments
    (``uploads.storage.private_storage``): always signed URLs, under ``private/``.
``staticfiles``
    Unchanged (served by the web server or WhiteNoise, not S3).
"""

from pathlib import Path

from settings.env import env_bool, env_int, env_str

S3_MEDIA_BACKEND = "uploads.storage.MediaStorage"
S3_PRIVATE_BACKEND = "uploads.storage.PrivateMediaStorage"
# Signed URLs live this long by default: long enough to start a download, short enough
# that a URL copied from a browser soon stops working.
S3_SIGNED_URL_SECONDS = 300


def s3_options(
    *,
    endpoint_url: str,
    bucket: str,
    access_key: str,
    secret_key: str,
    region: str = "",
    custom_domain: str = "",
    signed_url_seconds: int = S3_SIGNED_URL_SECONDS,
    addressing_style: str = "path",
) -> dict:
    """django-storages S3 OPTIONS shared by the public and private storages."""
    return {
        "endpoint_url": endpoint_url or None,
        "bucket_name": bucket,
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        "region_name": region or None,
        "addressing_style": addressing_style,
        "signature_version": "s3v4",
        "custom_domain": custom_domain or None,
        "querystring_expire": signed_url_seconds,
        # Never overwrite: two editors uploading "quyet-dinh.pdf" get two files.
        "file_overwrite": False,
        # No ACL header: public reads are granted (or not) by the bucket policy on the
        # public prefixes, which S3-compatible servers honour more uniformly than ACLs.
        "default_acl": None,
    }


def storages_from_env(*, media_root: Path) -> dict:
    """The STORAGES setting: S3 when S3_BUCKET is set, the filesystem otherwise."""
    staticfiles = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    bucket = env_str("S3_BUCKET")
    if not bucket:
        return filesystem_storages(media_root=media_root)
    options = s3_options(
        endpoint_url=env_str("S3_ENDPOINT_URL"),
        bucket=bucket,
        access_key=env_str("S3_ACCESS_KEY_ID"),
        secret_key=env_str("S3_SECRET_ACCESS_KEY"),
        region=env_str("S3_REGION"),
        custom_domain=env_str("S3_CUSTOM_DOMAIN"),
        signed_url_seconds=env_int("S3_SIGNED_URL_SECONDS", S3_SIGNED_URL_SECONDS),
        addressing_style="virtual" if env_bool("S3_VIRTUAL_HOSTED", False) else "path",
    )
    private_options = dict(options, bucket_name=env_str("S3_PRIVATE_BUCKET") or bucket, custom_domain=None)
    return {
        "default": {"BACKEND": S3_MEDIA_BACKEND, "OPTIONS": options},
        "private": {"BACKEND": S3_PRIVATE_BACKEND, "OPTIONS": private_options},
        "staticfiles": staticfiles,
    }


def filesystem_storages(*, media_root: Path) -> dict:
    """Media on disk; private files in a folder MEDIA_URL does not serve."""
    return {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(media_root.parent / (media_root.name + "-private")), "base_url": None},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
