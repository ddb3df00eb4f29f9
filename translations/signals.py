"""Publishing a page, or a Q&A answer, hands off to the mirror's operations (no logic here)."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published


@receiver(page_published, dispatch_uid="translations_page_published")
def on_page_published(sender, instance, revision=None, **kwargs):
    from translations.operations import page_published_handle

    page_published_handle(page_id=instance.pk, published_at=instance.last_published_at)


@receiver(post_save, sender="qa.Petition", dispatch_uid="translations_petition_saved")
def on_petition_saved(sender, instance, **kwargs):
    # The Vietnamese answer's publication opens the English one (translations.answers).
    if instance.status == "published":
        from translations.answers import answer_translation_open

        answer_translation_open(petition=instance)
