"""What ``CmsConfig.ready()`` wires (issue #24 item 5: no receiver on every save)."""

from django.db.models.signals import pre_save

from cms.models import NewsPage
from tenants.models import Unit


def _uid(model) -> str:
    return f"security.clean_rich_text_on_save.{model._meta.label_lower}"


def test_rich_text_is_cleaned_on_save_of_the_models_holding_it_only():
    from security.rich_text import clean_rich_text_on_save

    # disconnect() says whether the receiver was connected; put it back at once.
    assert pre_save.disconnect(sender=NewsPage, dispatch_uid=_uid(NewsPage))
    pre_save.connect(clean_rich_text_on_save, sender=NewsPage, dispatch_uid=_uid(NewsPage))
    assert not pre_save.disconnect(sender=Unit, dispatch_uid=_uid(Unit))
    assert not pre_save.disconnect(dispatch_uid="security.clean_rich_text_on_save")  # the old global one
