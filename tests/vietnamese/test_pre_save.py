"""Tests for the pre_save NFC receiver and the app config (no database needed)."""

import unicodedata
from types import SimpleNamespace

from django.apps import apps
from django.db import models
from django.db.models.signals import pre_save

from vietnamese.signals import normalize_text_fields

NFC = "Thông báo của Sở Tư pháp"
NFD = unicodedata.normalize("NFD", NFC)


def field(name, cls, **kwargs):
    f = cls(**kwargs)
    f.set_attributes_from_name(name)
    return f


class FakeInstance:
    """Just enough of a model instance for the receiver: _meta + __dict__."""

    _meta = SimpleNamespace(
        concrete_fields=[
            field("title", models.CharField, max_length=200),
            field("body", models.TextField),
            field("slug", models.SlugField),
            field("password", models.CharField, max_length=128),
            field("views", models.IntegerField),
            field("owner", models.CharField, max_length=50),
        ]
    )

    def __init__(self, **values):
        self.__dict__.update(values)


def test_text_fields_become_nfc():
    instance = FakeInstance(
        title=NFD, body=NFD, slug="thong-bao", password=NFD, views=3, owner=None
    )
    normalize_text_fields(sender=FakeInstance, instance=instance)
    assert instance.title == NFC
    assert instance.body == NFC
    assert instance.slug == "thong-bao"
    assert instance.password == NFD  # hashes must stay byte-exact
    assert instance.views == 3
    assert instance.owner is None


def test_already_normalised_values_are_left_as_they_are():
    title = "".join(["Thông", " báo"])
    instance = FakeInstance(title=title, body="")
    normalize_text_fields(sender=FakeInstance, instance=instance)
    assert instance.title is title


def test_deferred_fields_are_not_loaded():
    instance = FakeInstance(title=NFD)  # body, slug ... deferred
    normalize_text_fields(sender=FakeInstance, instance=instance)
    assert instance.title == NFC
    assert "body" not in instance.__dict__


def test_update_fields_limits_the_work():
    instance = FakeInstance(title=NFD, body=NFD)
    normalize_text_fields(sender=FakeInstance, instance=instance, update_fields=frozenset({"body"}))
    assert instance.body == NFC
    assert instance.title == NFD  # not being saved


def test_receiver_is_connected_for_all_models():
    # disconnect() reports whether it was connected; restore it afterwards.
    assert pre_save.disconnect(dispatch_uid="vietnamese.normalize_text_fields")
    pre_save.connect(normalize_text_fields, dispatch_uid="vietnamese.normalize_text_fields")


def test_app_config():
    config = apps.get_app_config("vietnamese")
    assert config.name == "vietnamese"
    assert config.verbose_name == "Vietnamese text"
