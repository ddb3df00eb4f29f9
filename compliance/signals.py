"""Publishing a page or saving a portal's contact details hands off to
``compliance.updates`` (no logic here)."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published


@receiver(page_published, dispatch_uid="compliance_page_published")
def on_page_published(sender, instance, revision=None, **kwargs):
    from compliance.updates import page_update_record

    page_update_record(page_id=instance.pk, revision_id=getattr(revision, "pk", None))


@receiver(post_save, sender="cms.PortalContactSettings", dispatch_uid="compliance_contact_settings_saved")
def on_contact_settings_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata / portal import: the history comes with the data
        return
    from compliance.updates import contact_settings_update_record

    contact_settings_update_record(settings_id=instance.pk)
