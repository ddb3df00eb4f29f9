"""Publishing a page hands off to the mirror's operations (no logic here)."""

from django.dispatch import receiver
from wagtail.signals import page_published


@receiver(page_published, dispatch_uid="translations_page_published")
def on_page_published(sender, instance, revision=None, **kwargs):
    from translations.operations import page_published_handle

    page_published_handle(page_id=instance.pk, published_at=instance.last_published_at)
