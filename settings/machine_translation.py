"""The machine-translation switch (issue #5), read by settings.

Off unless the environment asks: ``MACHINE_TRANSLATION=dummy`` turns on
wagtail-localize's DummyTranslator (word order reversed, for demos and tests). A real
provider would be one more entry here with its options from the environment. No Django
import here: settings import this module.
"""

MACHINE_TRANSLATORS = {
    "dummy": {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator", "OPTIONS": {}},
}


def machine_translator_config(name: str) -> dict | None:
    """The ``WAGTAILLOCALIZE_MACHINE_TRANSLATOR`` value for ``name`` ("" or "off": None)."""
    name = (name or "").strip().lower()
    if name in ("", "off", "none", "false", "0"):
        return None
    try:
        return dict(MACHINE_TRANSLATORS[name])
    except KeyError:
        raise ValueError(
            f"MACHINE_TRANSLATION={name!r} is not one of: off, {', '.join(MACHINE_TRANSLATORS)}"
        ) from None
