"""Điều 8.2.d's deadline and which portals mirror what by default."""

import datetime

import pytest

from settings.machine_translation import machine_translator_config
from tenants.models import UnitKind
from translations.rules import mirror_due_date, mirror_page_types_default


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("published", "due"),
    [
        (datetime.date(2026, 2, 13), datetime.date(2026, 2, 24)),  # Friday before Tết 2026 (16–20 Feb)
        (datetime.date(2026, 3, 5), datetime.date(2026, 3, 9)),  # Thursday → Monday, across a weekend
        (datetime.date(2026, 3, 7), datetime.date(2026, 3, 10)),  # published on a Saturday
    ],
)
def test_due_two_working_days_after_the_vietnamese_version(published, due):
    assert mirror_due_date(published) == due


def test_only_the_provincial_portal_mirrors_by_default():
    assert mirror_page_types_default(unit_kind=UnitKind.PROVINCE) == ["cms.introductionpage", "cms.officialcontactspage"]
    for kind in (UnitKind.DEPARTMENT, UnitKind.DISTRICT, UnitKind.COMMUNE, None):
        assert mirror_page_types_default(unit_kind=kind) == []


def test_machine_translation_switch():
    assert machine_translator_config("") is None
    assert machine_translator_config("off") is None
    assert machine_translator_config("dummy")["CLASS"].endswith("DummyTranslator")
    with pytest.raises(ValueError):
        machine_translator_config("google")


def test_machine_translation_setting_turns_wagtail_localize_translator_on_and_off(settings):
    from wagtail_localize.machine_translators import get_machine_translator

    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_config("")
    assert get_machine_translator() is None
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_config("dummy")
    assert type(get_machine_translator()).__name__ == "DummyTranslator"


def test_machine_translation_off_by_default():
    from django.conf import settings

    assert settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None
